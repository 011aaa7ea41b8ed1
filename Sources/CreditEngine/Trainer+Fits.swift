import CreditModels

extension Trainer {
  /// The delinquency model with its in-sample AUC and Brier score.
  struct DelinquencyFit: Sendable {
    var fit: LogisticFit
    /// P(late) of every training row (empty when the caller does not keep them).
    var probabilities: [Double]
    var auc: Double
    var brier: Double
  }

  /// The Weibull model with its in-sample concordance.
  struct WeibullTimeFit: Sendable {
    var fit: WeibullFit
    var concordance: Double
  }

  /// The fitted models.
  struct Fits: Sendable {
    var delinquency: DelinquencyFit
    var weibull: WeibullTimeFit
    var cox: CoxFit
    /// The mixture-cure payment-timing model (nil when it cannot be fitted).
    var cure: MixtureCureFit?
    /// The delinquency model's out-of-time shift (nil when it cannot be fitted).
    var calibration: LogitShiftFit?
    /// The open invoices' out-of-time shift (nil when it cannot be fitted).
    var openCalibration: LogitLineShiftFit?
  }
}
