import CreditData
import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension ShardTrainingState {
  /// The last round: the model from the converged fits, the Cox sums at the estimate (the
  /// Breslow baseline, the centring means, the log partial likelihood), the Brier sum, and the
  /// rows sent whole, on which the cure model is fitted and the AUC and concordances are
  /// taken and the delinquency model's shift fitted (every training row when there are at most
  /// `PaymentTiming.maximumRows`; these are then the single-machine figures, else estimates
  /// on a customer-hash subsample).
  mutating func assemble(_ shards: [ShardStatistics]) throws {
    guard let logistic, let weibull, let cox, let features, let counts else {
      preconditionFailure("the model before the fits")
    }
    let names = self.names
    let p = names.count
    var rows = SampleRows(columns: p)
    for s in shards { if let r = s.rows { rows.append(r) } }
    // The rows in risk-set order over all shards (the shards in the order given).
    let order = CoxProportionalHazards.riskSetOrder(
      durations: rows.durations, events: rows.events)
    let n = order.count
    var storage = [Double]()
    storage.reserveCapacity(n * p)
    for i in order { storage += rows.design[(i * p)..<((i + 1) * p)] }
    let x = DesignMatrix(observations: n, features: p, storage: storage)
    let durations = order.map { rows.durations[$0] }
    let events = order.map { rows.events[$0] }
    let late = order.map { rows.late[$0] }
    let known = order.map { rows.known[$0] }

    let delinquency = try logistic.logisticFit(
      featureNames: names, observations: counts.used, positiveWeight: counts.late,
      totalWeight: Double(counts.labelled), l2: options.l2, interceptIndex: 0)
    let weibullFit = try weibull.weibullFit(
      featureNames: names, observations: counts.used, events: counts.events, interceptIndex: 0)
    let final = coxTotal(shards, p: p - 1)
    let mean = final.activeMeans().mean
    // Scored as `CoxProportionalHazards.fit` scores its concordance: −exp of the centred x β.
    let coxScores = (0..<n).map { i -> Double in
      var eta = 0.0
      for k in 0..<(p - 1) { eta += (x[i, k + 1] - mean[k]) * cox.trial[k] }
      return -exp(eta)
    }
    let coxFit = try cox.coxFit(
      featureNames: Array(names.dropFirst()), observations: counts.used, final: final,
      ties: options.ties,
      concordance: Concordance.index(durations: durations, scores: coxScores, events: events))
    let pd = delinquency.predictProbability(x)
    let brier = shards.compactMap(\.brier).reduce(0, +) / Double(counts.labelled)
    let metrics = TrainingMetrics(
      invoicesRead: counts.invoicesRead, invoicesUsed: counts.used,
      issuedAfterAsOf: counts.issuedAfterAsOf, nonPositiveAmounts: counts.nonPositiveAmounts,
      labelled: counts.labelled, unlabelled: counts.unknown,
      lateRate: counts.late / Double(counts.labelled), paymentEvents: counts.events,
      auc: ClassificationMetrics.auc(scores: pd, outcomes: late, weights: known) ?? .nan,
      brier: brier, concordance: coxFit.concordance,
      weibullConcordance: Concordance.index(
        durations: durations, scores: weibullFit.predictMedian(x), events: events),
      customers: counts.customers)
    var trained = TrainedModel(
      creditriskVersion: options.version, asOf: asOf, inputHash: "",
      lateDays: options.lateDays, shrinkage: options.shrinkage, features: features,
      delinquency: delinquency, timeToPaymentCox: coxFit, timeToPaymentWeibull: weibullFit,
      metrics: metrics)
    trained.timeToPaymentCure = PaymentTiming.fit(
      x, names: names, durations: durations, events: events,
      neverPays: order.map { rows.neverPays[$0] })
    // Each customer a number (only which rows share one counts), and the landmark rows.
    var number: [String: Int] = [:]
    let customers = order.map { i in
      let id = rows.customers[i]
      if let n = number[id] { return n }
      number[id] = number.count
      return number.count - 1
    }
    let rule = DelinquencyRule(lateDays: options.lateDays)
    let calibration = DelinquencyCalibration.fit(
      x, late: late, known: known, recent: order.map { rows.recentOutcome[$0] }, names: names,
      l2: options.l2, customers: customers,
      landmarks: DelinquencyCalibration.landmarkRows(
        DelinquencyCalibration.InvoiceDays(
          issue: order.map { Day(rawValue: rows.issueDays[$0]) },
          due: order.map { Day(rawValue: rows.dueDays[$0]) },
          paid: order.map { rows.paidDays[$0].map(Day.init(rawValue:)) }),
        customers: customers, asOf: asOf, rule: rule),
      cure: trained.timeToPaymentCure)
    trained.delinquencyCalibration = calibration.window
    trained.openInvoiceCalibration = calibration.open
    trained.trainingPopulation = profile(rows, order: order, features: features)
    model = trained
    stage = .done
  }

  /// The drift profile of the rows sent whole (`PopulationProfile`, as `train` makes it from
  /// all its rows: the same when every row was sent and the last year has at most
  /// `PopulationProfile.cutSampleRows` invoices).
  func profile(_ rows: SampleRows, order: [Int], features: FeatureSpec) -> PopulationProfile {
    let width = NumericFeature.allCases.count
    var storage = [Double]()
    storage.reserveCapacity(order.count * width)
    for i in order { storage += rows.raw[(i * width)..<((i + 1) * width)] }
    let raw = RawFeatures(storage: storage, count: order.count)
    let recent = order.indices.filter { rows.recent[order[$0]] }
    return PopulationProfile(
      raw: raw, features: features.numeric,
      regions: Categorical(values: order.map { rows.regions[$0] }),
      industries: Categorical(values: order.map { rows.industries[$0] }),
      rows: recent.count >= PopulationProfile.minimumRecentRows ? recent : nil)
  }
}
