import CreditData
import CreditModels

extension Scorer {
  /// In-sample diagnostics on the training rows of `portfolio` (invoices issued by its as-of
  /// date with a positive amount): PD at issue against the known delinquency outcomes, and the
  /// Kaplan-Meier curve of time to payment of each risk grade at issue (open invoices censored
  /// at the as-of date).
  ///
  /// The PDs are the delinquency model's own, as training computed its in-sample metrics,
  /// without the shift that calibrates open invoices' PDs to the recent cohort
  /// (`TrainedModel.delinquencyCalibration`): the report shows the same figures whether it
  /// trains the model or loads it from a file.
  ///
  /// In-sample figures flatter the model; a backtest gives the honest ones.
  /// - Throws: `FitError` if a Kaplan-Meier fit fails (it cannot on valid histories).
  public func inSampleDiagnostics(_ portfolio: Portfolio) throws -> ModelDiagnostics {
    let h = portfolio.history
    let rows = (0..<h.count).filter { portfolio.isIssued($0) && h.amount[$0] > 0 }
    let builder = FeatureBuilder(rule: model.rule, shrinkage: model.shrinkage)
    var uncalibrated = self
    uncalibrated.model.delinquencyCalibration = nil
    let predictions = uncalibrated.predict(
      builder.features(portfolio, invoices: rows),
      regions: portfolio.regions(rows: rows), industries: portfolio.industries(rows: rows),
      wantContributions: false)
    let outcomes = Outcomes(portfolio, rows: rows, rule: model.rule)
    var probabilities: [Double] = []
    var late: [Double] = []
    for (i, y) in outcomes.late.enumerated() {
      guard let y else { continue }
      probabilities.append(predictions.pd[i])
      late.append(y)
    }
    let grades = predictions.pd.map { policy.grade(pd: $0) }
    let curves = try Self.paymentCurves(
      grades: grades, order: policy.gradeNames, durations: outcomes.duration,
      events: outcomes.paid)
    return ModelDiagnostics(
      source:
        "in-sample: \(late.count) training invoices with a known outcome as of \(portfolio.asOf)",
      probabilities: probabilities, outcomes: late, paymentCurves: curves)
  }

  /// One Kaplan-Meier curve per grade present, in the policy's grade order.
  static func paymentCurves(
    grades: [String], order: [String], durations: [Double], events: [Bool]
  ) throws -> [ModelDiagnostics.GradeCurve] {
    var curves: [ModelDiagnostics.GradeCurve] = []
    for grade in order {
      let rows = grades.indices.filter { grades[$0] == grade }
      guard !rows.isEmpty else { continue }
      let curve = try KaplanMeier().fit(
        durations: rows.map { durations[$0] }, events: rows.map { events[$0] })
      curves.append(.init(grade: grade, invoices: rows.count, curve: curve))
    }
    return curves
  }
}
