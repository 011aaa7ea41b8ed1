import CreditData

extension TrainingOptions {
  /// The options `model` was trained with: its delinquency rule, shrinkage, ridge penalty and
  /// Cox ties (and its input hash and version), so that a backtest of it trains the same way.
  public init(trainedLike model: TrainedModel) {
    self.init()
    rule = model.rule
    shrinkage = model.shrinkage
    l2 = model.delinquency.l2
    ties = model.timeToPaymentCox.ties
    inputHash = model.inputHash
    version = model.creditriskVersion
  }
}

extension PortfolioAnalysis {
  /// What `report` and `demo` show: the portfolio scored once with `model` (or with a model
  /// trained on it first), its KPIs, coefficient tables and diagnostics.
  /// - Parameters:
  ///   - model: The model to score with; nil trains one on `portfolio` with `training`.
  ///   - backtestCutoff: When given, the ROC and calibration come from a backtest at this
  ///     cutoff over `horizonDays`, trained as the model was (`TrainingOptions(trainedLike:)`),
  ///     instead of from the training rows.
  /// - Throws: `TrainingError`, `FitError`, `BacktestError`.
  public static func run(
    _ portfolio: Portfolio, model: TrainedModel?, training: TrainingOptions = TrainingOptions(),
    policy: CreditPolicy = CreditPolicy(), ladder: CollectionsLadder = CollectionsLadder(),
    backtestCutoff: Day? = nil, horizonDays: Int = 90,
    maxModelAgeDays: Int = RunWarnings.defaultMaxModelAgeDays
  ) throws -> PortfolioAnalysis {
    // A model trained here brings its in-sample predictions along; a given one is scored on
    // its training rows by `Scorer.inSampleDiagnostics`.
    let trained: TrainedModel
    var inSample: InSamplePredictions?
    if let model {
      trained = model
    } else {
      (trained, inSample) = try Trainer(options: training).trainWithPredictions(portfolio)
    }
    let inSampleDiagnostics = try inSample?.diagnostics(policy: policy, asOf: portfolio.asOf)
    var diagnostics = try backtestCutoff.flatMap { cutoff in
      try Backtest(
        cutoff: cutoff, horizonDays: horizonDays, training: TrainingOptions(trainedLike: trained),
        policy: policy, ladder: ladder
      ).run(portfolio).diagnostics
    }
    // A backtest replaces the ROC and calibration only: it fits no payment curves, so time to
    // payment by grade stays that of the training invoices.
    if diagnostics != nil {
      let training =
        try inSampleDiagnostics
        ?? Scorer(model: trained, policy: policy, ladder: ladder).inSampleDiagnostics(portfolio)
      diagnostics?.paymentCurves = training.paymentCurves
    }
    return try PortfolioAnalysis(
      portfolio: portfolio, model: trained, policy: policy, ladder: ladder,
      diagnostics: diagnostics ?? inSampleDiagnostics, maxModelAgeDays: maxModelAgeDays)
  }
}
