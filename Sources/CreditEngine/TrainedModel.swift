import CreditData
import CreditModels

/// Everything `score` needs, as written to the model JSON file: the three fitted models (which
/// predict), the feature spec that turns a history into their design rows, and the training
/// facts.
///
/// The file is versioned by `format`; `ModelFile` refuses a file of another format, naming the
/// file and both versions.
public struct TrainedModel: Codable, Sendable {
  /// The model file format this build reads and writes.
  ///
  /// 2: the fitted models are stored whole (covariance, convergence, diagnostics), as
  /// `LogisticFit`, `CoxFit` and `WeibullFit` encode themselves; 1 held parameter copies.
  public static let currentFormat = "creditrisk-model/2"

  /// The format it was written in (`currentFormat` for a model trained by this build).
  public var format = TrainedModel.currentFormat
  /// The creditrisk version that trained it.
  public var creditriskVersion: String
  /// The snapshot the model was trained at.
  @ISODay public var asOf: Day
  /// FNV-1a 64-bit hash of the history file's bytes (hex), to tie a model to its input.
  public var inputHash: String
  /// Days past due that define "seriously late" (`rule`).
  public var lateDays: Int
  /// Pseudo-count of the shrinkage of customer histories toward the population.
  public var shrinkage: Double
  /// Feature definitions, scaling and category levels.
  public var features: FeatureSpec
  /// P(seriously late) at issue; its design has the intercept in column 0.
  public var delinquency: LogisticFit
  /// Time to payment, semi-parametric; its design is the delinquency design without the
  /// intercept column.
  public var timeToPaymentCox: CoxFit
  /// Time to payment, parametric (used beyond the Cox baseline's support); the delinquency
  /// design.
  public var timeToPaymentWeibull: WeibullFit
  /// Training facts and in-sample metrics.
  public var metrics: TrainingMetrics
  /// Whether and when an open invoice is paid (mixture cure: logistic P(ever paid), Weibull
  /// AFT among payers; the delinquency design for both parts); nil when it could not be
  /// fitted, and the expected dates then come from the Cox/Weibull curve.
  public var timeToPaymentCure: MixtureCureFit? = nil
  /// How the training invoices spread over each feature, for the drift of a scored book
  /// (`PopulationDrift`); nil in a model file written before it was kept.
  public var trainingPopulation: PopulationProfile? = nil
  /// The shift of the delinquency model's log-odds for invoices later than its training rows
  /// (`DelinquencyCalibration`); nil when the history has too few recent outcomes to fit it,
  /// and in a model file written before it was kept: the PD is then the logistic model's.
  public var delinquencyCalibration: LogitShiftFit? = nil
  /// The slope of an open invoice's PD log-odds in how far past due it is
  /// (`DelinquencyCalibration.openSlope`; its `usedSlope` times the share of the late days
  /// past due is added); nil when the history has too few outcomes of invoices open at the
  /// landmarks, and in a model file written before it was kept: the open PD is then the PD at
  /// issue updated by the invoice's age alone (`OpenInvoicePD`).
  public var openInvoiceCalibration: LogitLineShiftFit? = nil

  /// What counts as seriously late for this model.
  public var rule: DelinquencyRule { DelinquencyRule(lateDays: lateDays) }

  /// The fits' non-fatal findings, each prefixed with its model, and what `RunWarnings`
  /// finds about the training sample.
  ///
  /// Halved or damped Newton steps are left to the model file's diagnostics
  /// (`FitWarning.isStepDetail`): a fit that converged after a line search is sound, and a
  /// warning about it at the top of every run and report told a credit team nothing it could
  /// act on.
  public var warnings: [String] {
    func shown(_ d: [FitWarning]) -> [FitWarning] { d.filter { !$0.isStepDetail } }
    return shown(delinquency.diagnostics).map { "delinquency model: \($0)" }
      + shown(timeToPaymentWeibull.diagnostics).map { "Weibull model: \($0)" }
      + shown(timeToPaymentCox.diagnostics).map { "Cox model: \($0)" }
      + RunWarnings.training(self)
  }

  /// The coefficient tables of the three models, as their fits give them.
  /// - Parameter alpha: 0.05 for 95% intervals, as lifelines and statsmodels print.
  public func coefficientTables(alpha: Double = 0.05) -> [CoefficientTable] {
    [
      delinquency.summary(alpha: alpha), timeToPaymentCox.summary(alpha: alpha),
      timeToPaymentWeibull.summary(alpha: alpha),
    ]
  }
}

/// A day stored in a file as its ISO `YYYY-MM-DD` text.
@propertyWrapper
public struct ISODay: Codable, Sendable, Equatable {
  public var wrappedValue: Day

  public init(wrappedValue: Day) { self.wrappedValue = wrappedValue }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "'\(text)' is not a date; expected YYYY-MM-DD")
    }
    wrappedValue = day
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(wrappedValue.isoString)
  }
}

/// Training facts and in-sample metrics stored with the model.
public struct TrainingMetrics: Codable, Sendable {
  /// Invoices in the history.
  public var invoicesRead: Int
  /// Invoices used (issued by the as-of date, positive amount).
  public var invoicesUsed: Int
  /// Invoices issued after the as-of date (ignored).
  public var issuedAfterAsOf: Int
  /// Credit notes and zero amounts (kept in balances, not modelled).
  public var nonPositiveAmounts: Int
  /// Invoices with a known delinquency outcome.
  public var labelled: Int
  /// Invoices whose delinquency outcome is not known yet (left out of that fit).
  public var unlabelled: Int
  /// Share of labelled invoices that went seriously late.
  public var lateRate: Double
  /// Invoices paid by the as-of date (events of the survival models).
  public var paymentEvents: Int
  public var auc: Double
  public var brier: Double
  /// Harrell's C of the Cox model on the training rows.
  public var concordance: Double
  public var weibullConcordance: Double
  /// Customers in the history.
  public var customers: Int
}
