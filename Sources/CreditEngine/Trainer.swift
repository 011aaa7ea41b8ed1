import CreditData
import CreditModels
import LinearAlgebra

/// Settings of `creditrisk train`.
public struct TrainingOptions: Sendable {
  /// What counts as seriously late (the delinquency target).
  public var rule = DelinquencyRule()
  /// Ridge penalty of the delinquency model on the standardised features.
  ///
  /// 1.0 is negligible against thousands of invoices but keeps a rare category that is always (or
  /// never) late from separating the data and sending its coefficient to infinity.
  public var l2: Double = 1.0
  /// Tie handling of the Cox model (invoice days are integers, so ties are the rule).
  public var ties: CoxProportionalHazards.TieMethod = .efron
  /// Pseudo-count of the shrinkage toward the population.
  public var shrinkage: Double = FeatureBuilder.defaultShrinkage
  /// Subsample size for the fits' starting values (0: none).
  ///
  /// On histories of at least twice this many invoices, the three models are first fitted on
  /// every k-th row (about this many) and the full fits start from those estimates (see
  /// `WarmStarts`). The estimates are the same either way, to the fits' tolerances; only the
  /// number of iterations changes.
  public var warmStartRows: Int = WarmStarts.defaultSubsampleRows
  /// FNV-1a hash of the input bytes, stored in the model file.
  public var inputHash: String = ""
  /// The version string stored in the model file.
  public var version: String = "0"

  public init() {}
}

/// The steps of `Trainer.train`, in order, as reported to its `stage` callback.
public enum TrainingStage: String, CaseIterable, Sendable {
  /// Point-in-time features, scaling, the design matrix and the outcomes.
  case features
  /// The delinquency model (logistic regression, with its AUC and Brier score) and the Cox PH
  /// and Weibull AFT time-to-payment models (with their concordance), fitted side by side, and
  /// the mixture-cure payment-timing model beside them.
  case models
  /// The model file and the summary tables.
  case metrics
}

/// Fits the delinquency and time-to-payment models on point-in-time features.
///
/// In named steps: the sample (which invoices, their outcomes) → the design (point-in-time
/// features, scaled, with the category columns) → the three fits, side by side, each with its
/// in-sample diagnostics → the model.
public struct Trainer: Sendable {
  public var options: TrainingOptions
  /// Training rows from which the features of whole-number values are kept as codes, in the
  /// sweep and in the design (`FeatureSpec.codedDesignRows`; the model is the same).
  var codingFrom = FeatureSpec.codedDesignRows

  public init(options: TrainingOptions = TrainingOptions()) { self.options = options }

  /// Trains on every invoice issued by the portfolio's as-of date.
  /// - Parameter stage: called as each step begins (progress display, stage timings).
  /// - Throws: `FitError` (collinear columns, no events, ...), `TrainingError`.
  ///
  /// Memory: the portfolio is given up once the features are made (the fits do not read the
  /// history), so a caller that hands over its only copy (`consume`) has the history's columns
  /// freed while the models are fitted.
  public func train(
    _ portfolio: consuming Portfolio, stage: (TrainingStage) -> Void = { _ in }
  ) throws -> TrainedModel {
    try trainWithPredictions(portfolio, keepingProbabilities: false, stage: stage).model
  }

  /// `train`, keeping the in-sample predictions the fits made on the way (so that the
  /// report's in-sample diagnostics need no second feature sweep).
  ///
  /// - Parameter keepingProbabilities: false leaves the in-sample probabilities out (empty),
  ///   for a caller that only wants the model: they are not held (a Double a training row)
  ///   while the other fits finish.
  func trainWithPredictions(
    _ portfolio: consuming Portfolio, keepingProbabilities: Bool = true,
    stage: (TrainingStage) -> Void = { _ in }
  ) throws -> (model: TrainedModel, inSample: InSamplePredictions) {
    stage(.features)
    // Training names no invoice: their ids and lines are not held while it runs.
    portfolio.history.releaseIdentifiers()
    let (prepared, features, facts) = try prepare(&portfolio)
    var sample = consume prepared
    // Nothing below reads the history: given up before the design is made from the features
    // (its levels and the spec's passes do not sit beside the history's columns), and before
    // the durations are made (a Double an invoice). The delinquency targets stay a byte an
    // invoice (`TrainingSample.targets`).
    _ = consume portfolio
    let design = self.design(consume features, including: { sample.outcome(at: $0).known > 0 })
    sample.makeDurations()
    stage(.models)
    let fits = try self.fits(
      design, sample, cureNeverPays: facts.cureNeverPays, customers: facts.subsampleCustomers,
      landmarks: facts.landmarks,
      keepingProbabilities: keepingProbabilities)
    stage(.metrics)
    var trained = model(facts, sample, design.spec, fits)
    trained.timeToPaymentCure = fits.cure
    trained.delinquencyCalibration = fits.calibration
    trained.openInvoiceCalibration = fits.openCalibration
    trained.trainingPopulation = design.population
    return (
      trained,
      InSamplePredictions(
        probabilities: fits.delinquency.probabilities, targets: sample.targets,
        durations: sample.durations, events: sample.events)
    )
  }

  /// What the model file and the cure fit need of the history, taken before it is given up.
  struct HistoryFacts: Sendable {
    var asOf: Day
    var invoicesRead: Int
    var customers: Int
    /// Whether each row of the cure model's subsample (`PaymentTiming.subsampleRows`) was
    /// written off and not paid by the as-of date: known never to be paid.
    var cureNeverPays: [Bool]
    /// The customer of each row of that subsample, and its rows open at the landmarks of the
    /// open invoices' calibration (`DelinquencyCalibration.landmarkRows`).
    var subsampleCustomers: [Int]
    var landmarks: [DelinquencyCalibration.LandmarkRow]
  }

  /// The sample, its features and the facts of the history the rest needs.
  ///
  /// All that training reads of the portfolio. The sample keeps no history rows
  /// (`TrainingSample.rows` and `order` are emptied once the invoices are placed: nothing after
  /// reads them), and its targets are not made yet (`TrainingSample.makeTargets`).
  ///
  /// Memory: the history's currencies, regions and industries are given up (nil) before the
  /// feature sweep, which reads none of them, once the facts and the sample's categories are
  /// read off them (12 bytes an invoice less beside the features the sweep writes); the
  /// categories are kept in a byte a row each while they have few levels (`Features`). The
  /// customer index goes once the invoices are grouped by customer (4 bytes an invoice), the
  /// disputed, paperless and written-off flags once the first two are kept in two bits
  /// (`InvoiceFlags`: 3 bytes an invoice less), and the due dates once they are kept as terms
  /// in 16 bits (`InvoiceTerms`: 2 bytes an invoice less).
  func prepare(
    _ portfolio: inout Portfolio
  ) throws -> (sample: TrainingSample, features: Features, facts: HistoryFacts) {
    let (sample, placement, builder) = try placedSample(portfolio)
    let facts = Self.facts(portfolio, placement, rule: options.rule)
    let categories = portfolio.narrowCategories(placement)
    portfolio.history.currency = nil
    portfolio.history.region = nil
    portfolio.history.industry = nil
    // The sweep reads each customer's invoices off their grouping, and no invoice's customer.
    // It reads the due dates as terms in 16 bits when they fit.
    let terms = InvoiceTerms(portfolio.history)
    let grouped = builder.customerInvoices(portfolio, terms: terms)
    portfolio.history.releaseCustomerIndex()
    if terms != nil { portfolio.history.dueDate = [] }
    // Nor the written-off flags, and the disputed and paperless ones in two bits an invoice.
    let flags = InvoiceFlags(portfolio.history)
    (portfolio.history.disputed, portfolio.history.paperless) = ([], [])
    portfolio.history.writtenOff = []
    let features = self.features(
      portfolio, placement, builder, grouped: consume grouped, flags: flags,
      categories: categories)
    return (sample, features, facts)
  }

  /// The sample, with its rows and order emptied, its invoices placed in risk-set order, and
  /// the feature builder with the population's counts.
  func placedSample(
    _ portfolio: Portfolio
  ) throws -> (TrainingSample, InvoicePlacement, FeatureBuilder) {
    // The population's outcome counts per day (what the features shrink toward) do not depend
    // on the sample: they are counted beside it, whose work is partly serial.
    var builder = FeatureBuilder(rule: options.rule, shrinkage: options.shrinkage)
    let (sampled, population) = Parallel.sideBySide(
      { @Sendable [options] in
        try TrainingSample(portfolio, rule: options.rule, deferringTargets: true)
      },
      { @Sendable [builder] in builder.populationCounts(portfolio) })
    // (Taken whole: the result would otherwise keep the sample's rows after they are emptied.)
    var sample = try (consume sampled).get()
    builder.population = try population.get()
    // From here on the sample's invoices are where each goes in risk-set order: 4 bytes an
    // invoice of the history instead of 24 a training invoice (rows, order, positions).
    guard
      let placement = InvoicePlacement(portfolio, invoices: sample.rows, at: sample.positions())
    else { preconditionFailure("a training sample's invoices are issued, each once") }
    sample.rows = []
    sample.order = []
    return (sample, placement, builder)
  }

  /// The facts of `portfolio` the model file and the cure fit need (`HistoryFacts`).
  static func facts(
    _ portfolio: Portfolio, _ placement: InvoicePlacement, rule: DelinquencyRule
  ) -> HistoryFacts {
    let h = portfolio.history
    let subsample = placement.invoices(everyRow: PaymentTiming.subsampleStep(placement.count))
    return HistoryFacts(
      asOf: portfolio.asOf, invoicesRead: h.count, customers: h.customerIDs.count,
      cureNeverPays: PaymentTiming.neverPays(subsample, portfolio: portfolio),
      subsampleCustomers: subsample.map { Int(h.customerIndex[$0]) },
      landmarks: DelinquencyCalibration.landmarkRows(portfolio, invoices: subsample, rule: rule))
  }

  /// What the design is made from, read off the history: the sample's features and
  /// categories in risk-set order, and the drift profile's recent rows.
  ///
  /// Memory: made beside the history's columns, so the categories' codes are kept in the
  /// fewest bytes their levels allow (`NarrowCategories`) and the recent rows as a flag a row (`recentFlags`), both
  /// made whole again by `design(_:)` once the history is given up.
  struct Features: Sendable {
    var raw: RawFeatures
    var categories: NarrowCategories
    /// `PopulationProfile.recentFlags` of the sample (`recentRows(flags:)` gives its rows).
    var recentFlags: [Bool]
  }

  /// Point-in-time features of the sample's invoices: `builder` makes them (with the
  /// population's counts), `placement` puts the sample's invoices in risk-set order, each
  /// written where it goes from the history's columns read front to back; with the sample's
  /// categories in that order.
  ///
  /// `grouped`: the invoices grouped by customer (`FeatureBuilder.customerInvoices`), given
  /// up when the sweep ends.
  func features(
    _ portfolio: Portfolio, _ placement: InvoicePlacement, _ builder: FeatureBuilder,
    grouped: consuming FeatureBuilder.CustomerInvoices? = nil, flags: InvoiceFlags? = nil,
    categories: NarrowCategories
  ) -> Features {
    let raw = builder.features(
      portfolio, placement, coding: placement.count >= codingFrom, grouped: consume grouped,
      flags: flags)
    return Features(
      raw: raw, categories: categories,
      recentFlags: PopulationProfile.recentFlags(placement, portfolio))
  }

  /// The training design and the spec that makes it.
  struct Design: Sendable {
    var spec: FeatureSpec
    /// One row per invoice of the sample, in risk-set order, intercept in column 0 (the
    /// intercept and category columns kept as levels).
    var x: DesignMatrix
    /// Column names of `x`.
    var names: [String]
    /// The training rows' spread over the features (`PopulationProfile`).
    var population: PopulationProfile
  }

  /// The sample's features, scaled, as one design with an intercept.
  ///
  /// `including`: whether a row's delinquency outcome is known (the rows the dependence check
  /// reads: `FeatureSpec.leavingOutDependent`; nil: all).
  ///
  /// Memory: the design is made in the storage the sweep wrote the features to, and keeps
  /// its intercept and category columns as the rows' levels (`LevelColumns`); it serves all
  /// three fits (Cox leaves the intercept column out).
  func design(
    _ features: consuming Features, including: ((Int) -> Bool)? = nil
  ) -> Design {
    let (regions, industries) = features.categories.columns
    // Taken out, so that the design writes the only reference to the features' storage.
    var raw = RawFeatures(storage: [], count: 0)
    swap(&raw, &features.raw)
    let spec = FeatureSpec(raw: raw, regions: regions, industries: industries)
      .leavingOutDependent(
        raw: raw, regions: regions, industries: industries, including: including)
    let population = PopulationProfile(
      raw: raw, features: spec.numeric, regions: regions, industries: industries,
      rows: PopulationProfile.recentRows(flags: features.recentFlags))
    let x = spec.design(reusing: consume raw, regions: regions, industries: industries).design
    return Design(
      spec: spec, x: x, names: ["Intercept"] + spec.columnNames, population: population)
  }

  /// Fits the three models side by side, from warm starts on large histories, and the
  /// mixture-cure model and then the delinquency model's shifts (`DelinquencyCalibration`,
  /// the open invoices' with the cure model's payers) on their subsample beside them.
  ///
  /// One design serves the three fits; rows without a known delinquency outcome get weight 0
  /// in the logistic fit, the same likelihood as leaving them out. The fits only read the
  /// design and each has serial stretches (solves, predictions, its in-sample metric), so
  /// they run side by side. The Weibull fit reads its durations (`weibullDuration`) off the
  /// sample's, with no array of their logs.
  /// `keepingProbabilities`: see `trainWithPredictions`.
  func fits(
    _ design: Design, _ sample: TrainingSample, cureNeverPays: [Bool],
    customers: [Int], landmarks: [DelinquencyCalibration.LandmarkRow],
    keepingProbabilities: Bool = true
  ) throws -> Fits {
    let (x, names) = (design.x, design.names)
    let (l2, ties) = (options.l2, options.ties)
    let starts = WarmStarts.fit(
      x, subsampleRows: options.warmStartRows, sample: sample, l2: l2, ties: ties, names: names)
    // A warm start's subsample fit has checked the rank for the full fit (see `WarmStarts`).
    var logistic = LogisticRegression(l2: l2)
    logistic.checksRank = starts.logistic == nil
    var weibullModel = WeibullAFT()
    weibullModel.checksRank = starts.weibull == nil
    var coxModel = CoxProportionalHazards(ties: ties)
    coxModel.checksRank = starts.cox == nil
    // The in-sample metrics each sort every row's score: one at a time, so that their arrays
    // do not all exist at once (the fits' other work still runs side by side).
    let metricTurns = OneAtATime()
    coxModel.metricTurns = metricTurns
    let targets = sample.targets
    let (delinquency, weibull, cox, cure) = Parallel.sideBySide(
      { @Sendable [logistic] in
        let fit = try logistic.fit(
          x, targets: targets, featureNames: names, interceptIndex: 0, start: starts.logistic)
        // Over the rows with a known outcome: weight 1, the others 0.
        return metricTurns.run {
          let pd = fit.predictProbability(x)
          let brier = ClassificationMetrics.brier(probabilities: pd, targets: targets)
          guard keepingProbabilities else {
            // Not kept, the probabilities' storage holds the AUC's sort keys.
            let auc = ClassificationMetrics.auc(consuming: consume pd, targets: targets)
            return DelinquencyFit(fit: fit, probabilities: [], auc: auc ?? .nan, brier: brier)
          }
          let auc = ClassificationMetrics.auc(scores: pd, targets: targets)
          return DelinquencyFit(fit: fit, probabilities: pd, auc: auc ?? .nan, brier: brier)
        }
      },
      { @Sendable [weibullModel] in
        let fit = try weibullModel.fit(
          x, days: sample.durations, atLeast: Self.shortestWeibullDuration,
          events: sample.events, featureNames: names, interceptIndex: 0, start: starts.weibull)
        return metricTurns.run {
          WeibullTimeFit(
            fit: fit,
            concordance: Concordance.index(
              durations: sample.durations, consuming: fit.predictMedian(x),
              events: sample.events))
        }
      },
      { @Sendable [coxModel] in
        // Cox PH (no intercept: column 0 is skipped). The rows are in risk-set order, so the
        // fit reads the design where it is.
        try coxModel.fit(
          x, durations: sample.durations, events: sample.events,
          featureNames: Array(names.dropFirst()), skippingColumn: 0, start: starts.cox)
      },
      { @Sendable in
        let sub = PaymentTiming.subsample(x)
        let timing = PaymentTiming.fit(
          sub.x, names: names, durations: sub.rows.map { sample.durations[$0] },
          events: sub.rows.map { sample.events[$0] }, neverPays: cureNeverPays)
        let outcomes = sub.rows.map { sample.outcome(at: $0) }
        return (
          timing,
          DelinquencyCalibration.fit(
            sub.x, late: outcomes.map(\.late), known: outcomes.map(\.known),
            recent: outcomes.map(\.recent), names: names, l2: l2, customers: customers,
            landmarks: landmarks, cure: timing)
        )
      })
    let fitted = try delinquency.get()
    // A time-to-payment fit that fails on a history of few payments for its columns fails
    // for that: its own message (a singular information matrix, say) would not tell the user.
    let payments = sample.events.count { $0 }
    func timing<T>(_ result: Result<T, any Error>) throws -> T {
      do { return try result.get() } catch let error as FitError
        where payments < TrainingError.paymentsPerColumn * names.count
      {
        throw TrainingError.tooFewPayments(payments, columns: names.count, fit: "\(error)")
      }
    }
    let (paymentTiming, calibration) = try cure.get()
    return Fits(
      delinquency: fitted, weibull: try timing(weibull), cox: try timing(cox),
      cure: paymentTiming, calibration: calibration.window, openCalibration: calibration.open)
  }

  /// A training row's duration in the Weibull fit: a payment on the issue day has duration
  /// 0, and the Weibull density needs t > 0, so such payments count as half a day (the Cox
  /// partial likelihood only uses the order).
  static func weibullDuration(_ days: Double) -> Double { max(days, shortestWeibullDuration) }

  /// `weibullDuration` of a payment on the issue day.
  static let shortestWeibullDuration = 0.5
}
