/// Everything `score` needs, as written to the model JSON file.
///
/// The file is versioned by `format`; a file of another format is refused with an error that
/// names both versions (see `ModelFileError`).
public struct TrainedModel: Codable, Sendable {
  /// The model file format this build reads and writes.
  public static let currentFormat = "creditrisk-model/1"

  public var format: String
  /// The creditrisk version that trained it.
  public var creditriskVersion: String
  /// The snapshot the model was trained at (ISO date).
  public var asOf: String
  /// FNV-1a 64-bit hash of the history file's bytes (hex), to tie a model to its input.
  public var inputHash: String
  /// Days past due that define "seriously late".
  public var lateDays: Int
  /// Pseudo-count of the shrinkage of customer histories toward the population.
  public var shrinkage: Double
  /// Feature definitions, scaling and category levels.
  public var features: FeatureSpec
  /// P(seriously late) at issue.
  public var delinquency: LogisticParameters
  /// Time to payment, semi-parametric.
  public var timeToPayment: CoxParameters
  /// Time to payment, parametric (used beyond the Cox baseline's support).
  public var timeToPaymentWeibull: WeibullParameters
  /// Training facts and in-sample metrics.
  public var metrics: TrainingMetrics
  /// Warnings raised while fitting.
  public var warnings: [String]
}

/// A fitted logistic regression as stored in the model file.
public struct LogisticParameters: Codable, Sendable {
  /// Column names, `Intercept` first.
  public var names: [String]
  public var coefficients: [Double]
  public var standardErrors: [Double]
  public var logLikelihood: Double
  public var nullLogLikelihood: Double
  public var l2: Double
  public var iterations: Int
  public var converged: Bool

  /// Linear predictor for one design row (intercept included in `row`).
  @inlinable public func linearPredictor(_ row: UnsafePointer<Double>) -> Double {
    var s = 0.0
    for j in 0..<coefficients.count { s += coefficients[j] * row[j] }
    return s
  }
}

/// A fitted Cox model as stored in the model file: coefficients and the Breslow baseline at x = 0.
public struct CoxParameters: Codable, Sendable {
  public var names: [String]
  public var coefficients: [Double]
  public var standardErrors: [Double]
  public var ties: String
  /// Distinct times at which the baseline cumulative hazard steps.
  public var baselineTimes: [Double]
  /// Baseline cumulative hazard `H₀(t)` at `baselineTimes` (right-continuous step function).
  public var baselineCumulativeHazard: [Double]
  public var logLikelihood: Double
  public var concordance: Double
  public var iterations: Int
  public var converged: Bool
}

/// A fitted Weibull AFT model as stored in the model file (lifelines' parametrisation).
public struct WeibullParameters: Codable, Sendable {
  /// Column names, `Intercept` first.
  public var names: [String]
  /// `log λ = x·β`.
  public var coefficients: [Double]
  /// `log ρ`.
  public var logRho: Double
  /// Standard errors of `β` then `log ρ`.
  public var standardErrors: [Double]
  public var logLikelihood: Double
  public var iterations: Int
  public var converged: Bool
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
  public var concordance: Double
  public var weibullConcordance: Double
  /// Customers in the history.
  public var customers: Int
}

/// A model file that cannot be used.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
  case wrongFormat(found: String, expected: String)
  /// The parts of the file do not fit together (edited by hand, or written by a buggy build).
  case inconsistent(String)

  public var description: String {
    switch self {
    case .wrongFormat(let found, let expected):
      return
        "model file format '\(found)' is not supported (this creditrisk reads '\(expected)'); retrain with 'creditrisk train'"
    case .inconsistent(let problem):
      return "model file is inconsistent: \(problem); retrain with 'creditrisk train'"
    }
  }
}
