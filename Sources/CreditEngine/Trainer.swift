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
  /// and Weibull AFT time-to-payment models (with their concordance), fitted side by side.
  case models
  /// The model file and the summary tables.
  case metrics
}

/// Fits the delinquency and time-to-payment models on point-in-time features.
public struct Trainer: Sendable {
  public var options: TrainingOptions

  public init(options: TrainingOptions = TrainingOptions()) { self.options = options }

  /// Trains on every invoice issued by the portfolio's as-of date.
  /// - Parameter stage: called as each step begins (progress display, stage timings).
  /// - Throws: `FitError` (collinear columns, no events, ...), `TrainingError`.
  public func train(
    _ portfolio: Portfolio, stage: (TrainingStage) -> Void = { _ in }
  ) throws -> TrainedModel {
    stage(.features)
    let h = portfolio.history
    var issuedAfter = 0
    var nonPositive = 0
    var rows: [Int] = []
    rows.reserveCapacity(h.count)
    for k in 0..<h.count {
      if !portfolio.isIssued(k) {
        issuedAfter += 1
      } else if h.amount[k] <= 0 {
        nonPositive += 1
      } else {
        rows.append(k)
      }
    }
    guard rows.count >= 10 else {
      throw TrainingError.tooFewInvoices(rows.count, asOf: portfolio.asOf)
    }
    // The fits see the rows in the Cox model's risk-set order (time to payment descending,
    // payments first): the logistic and Weibull fits do not depend on the order of the rows,
    // and the Cox fit can then read the shared design where it is instead of sorting a copy
    // of it. The feature sweep takes the invoices in file order (each customer's invoices
    // mostly come in date order there) and writes each one's row where it goes.
    let natural = Outcomes(portfolio, rows: rows, rule: options.rule)
    let order = CoxProportionalHazards.riskSetOrder(
      durations: natural.duration, events: natural.paid)
    let duration = Parallel.array(order.count) { natural.duration[order[$0]] }
    let events = Parallel.array(order.count) { natural.paid[order[$0]] }
    let position = [Int](unsafeUninitializedCapacity: order.count) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(order.count) { chunk in
        for m in chunk { (base.pointer + order[m]).initialize(to: m) }
      }
      initialized = order.count
    }
    // Checked first: with no payments every old invoice is "late", and the one-outcome
    // message below would send the user after --late-days instead of the real cause.
    guard events.contains(true) else {
      throw TrainingError.noPayments(asOf: portfolio.asOf)
    }
    let (y, known) = natural.delinquencyTarget(in: order)
    let labelled = Int(known.reduce(0, +))
    let lateCount = y.reduce(0, +)
    guard lateCount > 0, lateCount < Double(labelled) else {
      throw TrainingError.oneOutcomeOnly(
        late: Int(lateCount), labelled: labelled, lateDays: options.rule.lateDays)
    }
    // Memory: the raw features become the design in place; the one design (with an
    // intercept) then serves all three fits (Cox leaves the intercept column out) and is
    // released when they are done.
    let (spec, logisticOut, weibullOut, cox) = try {
      () throws -> (FeatureSpec, (LogisticFit, Double, Double), (WeibullFit, Double), CoxFit) in
      let (spec, x) = { () -> (FeatureSpec, DesignMatrix) in
        let sortedRows = Parallel.array(order.count) { rows[order[$0]] }
        let regions = portfolio.regions(rows: sortedRows)
        let industries = portfolio.industries(rows: sortedRows)
        // The sweep writes each row's features where the design will hold them, so the
        // design is then made in the same storage.
        let builder = FeatureBuilder(rule: options.rule, shrinkage: options.shrinkage)
        let raw = builder.features(
          portfolio, invoices: rows, outputRows: position,
          rowStride: FeatureSpec.fullRowWidth(
            regions: regions, industries: industries, intercept: true),
          firstColumn: 1)
        let spec = FeatureSpec(raw: raw, regions: regions, industries: industries)
        return (
          spec, spec.design(reusing: consume raw, regions: regions, industries: industries).design
        )
      }()
      let names = ["Intercept"] + spec.columnNames
      stage(.models)
      // One design serves the three fits; rows without a known delinquency outcome get
      // weight 0 in the logistic fit, the same likelihood as leaving them out. The fits only
      // read the design and each has serial stretches (solves, predictions, its in-sample
      // metric), so they run side by side.
      // A payment on the issue day has duration 0; the Weibull density needs t > 0, so such
      // payments count as half a day (the Cox partial likelihood only uses the order).
      let weibullDurations = Parallel.array(duration.count) {
        max(duration[$0], 0.5)
      }
      let l2 = options.l2
      let ties = options.ties
      let starts = WarmStarts.fit(
        x, subsampleRows: options.warmStartRows, late: y, known: known,
        weibullDurations: weibullDurations,
        durations: duration, events: events, l2: l2, ties: ties, names: names)
      nonisolated(unsafe) var logistic: Result<(LogisticFit, Double, Double), Error>?
      nonisolated(unsafe) var weibull: Result<(WeibullFit, Double), Error>?
      nonisolated(unsafe) var cox: Result<CoxFit, Error>?
      Parallel.sideBySide([
        {
          logistic = Result {
            let fit = try LogisticRegression(l2: l2).fit(
              x, y, weights: known, featureNames: names, interceptIndex: 0,
              start: starts.logistic, verifyRank: starts.logistic == nil)
            // Over the rows with a known outcome: weight 1, the others 0.
            let pd = fit.predictProbability(x)
            let auc = ClassificationMetrics.auc(scores: pd, outcomes: y, weights: known) ?? .nan
            return (
              fit, auc, ClassificationMetrics.brier(probabilities: pd, outcomes: y, weights: known)
            )
          }
        },
        {
          weibull = Result {
            let fit = try WeibullAFT().fit(
              x, durations: weibullDurations, events: events, featureNames: names,
              interceptIndex: 0, start: starts.weibull, verifyRank: starts.weibull == nil)
            let concordance = Concordance.index(
              durations: duration, scores: fit.predictMedian(x), events: events)
            return (fit, concordance)
          }
        },
        {
          // Time to payment, Cox PH (no intercept). The rows are in risk-set order, so the
          // fit reads the design where it is.
          cox = Result {
            try CoxProportionalHazards(ties: ties).fit(
              x, durations: duration, events: events,
              featureNames: Array(names.dropFirst()), interceptIndex: 0, start: starts.cox,
              verifyRank: starts.cox == nil)
          }
        },
      ])
      // sideBySide has run every task by now.
      guard let logistic, let weibull, let cox else {
        preconditionFailure("a fit task did not run")
      }
      return (spec, try logistic.get(), try weibull.get(), try cox.get())
    }()
    let (logistic, auc, brier) = logisticOut
    let (weibull, weibullConcordance) = weibullOut
    stage(.metrics)

    let metrics = TrainingMetrics(
      invoicesRead: h.count, invoicesUsed: rows.count, issuedAfterAsOf: issuedAfter,
      nonPositiveAmounts: nonPositive, labelled: labelled, unlabelled: natural.unknown,
      lateRate: lateCount / Double(labelled), paymentEvents: events.filter { $0 }.count, auc: auc,
      brier: brier, concordance: cox.concordance, weibullConcordance: weibullConcordance,
      customers: h.customerIDs.count)
    return TrainedModel(
      creditriskVersion: options.version, asOf: portfolio.asOf, inputHash: options.inputHash,
      lateDays: options.rule.lateDays, shrinkage: options.shrinkage, features: spec,
      delinquency: logistic, timeToPaymentCox: cox, timeToPaymentWeibull: weibull,
      metrics: metrics)
  }
}

/// Training cannot start on this history.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  case tooFewInvoices(Int, asOf: Day)
  case oneOutcomeOnly(late: Int, labelled: Int, lateDays: Int)
  case noPayments(asOf: Day)

  public var description: String {
    switch self {
    case .tooFewInvoices(let n, let asOf):
      return
        "only \(n) invoices with a positive amount were issued by the as-of date \(asOf); at least 10 are needed to train"
    case .oneOutcomeOnly(let late, let labelled, let lateDays):
      return late == 0
        ? "none of the \(labelled) invoices with a known outcome went more than \(lateDays) days past due; the delinquency model needs both outcomes (try a smaller --late-days)"
        : "all \(labelled) invoices with a known outcome went more than \(lateDays) days past due; the delinquency model needs both outcomes (try a larger --late-days)"
    case .noPayments(let asOf):
      return
        "no invoice was paid by the as-of date \(asOf); the time-to-payment models need payments"
    }
  }
}
