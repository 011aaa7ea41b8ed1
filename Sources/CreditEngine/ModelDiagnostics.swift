import CreditModels

/// How well the delinquency model ranks and calibrates, and how time to payment differs by
/// risk grade: the data behind the report's ROC, calibration and Kaplan-Meier charts.
public struct ModelDiagnostics: Sendable {
  /// The Kaplan-Meier curve of time to payment (days from issue) of the invoices of one grade.
  public struct GradeCurve: Sendable {
    public var grade: String
    public var invoices: Int
    public var curve: KaplanMeierCurve
  }

  /// Where the predictions come from, for example "in-sample: 7544 training invoices".
  public var source: String
  /// Rows behind the ROC and calibration.
  public var count: Int
  /// Share of those rows that went seriously late.
  public var eventRate: Double
  public var auc: Double?
  public var ks: Double?
  /// Brier score; nil without rows.
  public var brier: Double?
  /// ROC points from (0, 0) to (1, 1); empty when one outcome class is missing.
  public var roc: [ROCPoint]
  /// Decile calibration table.
  public var calibration: [ClassificationMetrics.CalibrationBin]
  /// Time to payment by risk grade at issue, best grade first.
  public var paymentCurves: [GradeCurve]

  /// Summarises predictions against outcomes.
  ///
  /// No rows (a history none of whose invoices has a known outcome by the as-of date, scored
  /// with a model trained elsewhere) give a count of 0 and no AUC, KS, Brier, ROC or
  /// calibration.
  /// - Parameters:
  ///   - probabilities: predicted P(seriously late), one per row (may be empty).
  ///   - outcomes: 1 = seriously late, 0 = not.
  ///   - paymentCurves: Kaplan-Meier curves by grade (may be empty).
  public init(
    source: String, probabilities: [Double], outcomes: [Double], paymentCurves: [GradeCurve]
  ) {
    self.source = source
    self.count = probabilities.count
    self.paymentCurves = paymentCurves
    guard !probabilities.isEmpty else {
      eventRate = 0
      roc = []
      calibration = []
      return
    }
    let metrics = ClassificationMetrics(probabilities: probabilities, outcomes: outcomes)
    self.eventRate = outcomes.reduce(0, +) / Double(max(outcomes.count, 1))
    self.auc = metrics.auc
    self.ks = metrics.ks
    self.brier = metrics.brier
    self.roc = ClassificationMetrics.rocCurve(scores: probabilities, outcomes: outcomes) ?? []
    self.calibration = metrics.calibration
  }
}
