import CreditModels
import Foundation

/// The results of `creditrisk fit` in a model-independent shape: the summary table and the
/// JSON document (`coefficients`, `standard_errors`, `log_likelihood`, `iterations`,
/// `converged`, and per model `null_log_likelihood`, `concordance`, `log_rho`/`rho`).
public struct FitReport {
  public var summary: CoefficientTable
  public var warnings: [String]
  var document: Document

  struct Document: Encodable {
    var model: String
    var coefficient_names: [String]
    var coefficients: [String: Double]
    var standard_errors: [String: Double]
    var log_likelihood: Double
    var iterations: Int
    var converged: Bool
    var convergence_rule: String
    var observations: Int
    var null_log_likelihood: Double?
    var aic: Double?
    var concordance: Double?
    var events: Int?
    var ties: String?
    var log_rho: Double?
    var rho: Double?
  }

  public init(logistic fit: LogisticFit) {
    summary = fit.summary(alpha: 0.05)
    warnings = fit.diagnostics.map(\.description)
    document = Document(
      model: "logistic", coefficient_names: fit.featureNames,
      coefficients: Self.named(fit.featureNames, fit.coefficients),
      standard_errors: Self.named(fit.featureNames, fit.standardErrors),
      log_likelihood: fit.logLikelihood, iterations: fit.iterations, converged: fit.converged,
      convergence_rule: fit.convergenceRule.rawValue, observations: fit.observations,
      null_log_likelihood: fit.nullLogLikelihood, aic: fit.aic)
  }

  public init(cox fit: CoxFit) {
    summary = fit.summary(alpha: 0.05)
    warnings = fit.diagnostics.map(\.description)
    document = Document(
      model: "cox", coefficient_names: fit.featureNames,
      coefficients: Self.named(fit.featureNames, fit.coefficients),
      standard_errors: Self.named(fit.featureNames, fit.standardErrors),
      log_likelihood: fit.logLikelihood, iterations: fit.iterations, converged: fit.converged,
      convergence_rule: fit.convergenceRule.rawValue, observations: fit.observations,
      null_log_likelihood: fit.nullLogLikelihood, aic: fit.aic, concordance: fit.concordance,
      events: fit.events, ties: fit.ties.rawValue)
  }

  public init(weibull fit: WeibullFit) {
    summary = fit.summary(alpha: 0.05)
    warnings = fit.diagnostics.map(\.description)
    let names = fit.featureNames + ["log_rho"]
    document = Document(
      model: "weibull", coefficient_names: fit.featureNames,
      coefficients: Self.named(fit.featureNames, fit.coefficients),
      standard_errors: Self.named(names, fit.standardErrors),
      log_likelihood: fit.logLikelihood, iterations: fit.iterations, converged: fit.converged,
      convergence_rule: fit.convergenceRule.rawValue, observations: fit.observations,
      aic: fit.aic, events: fit.events, log_rho: fit.logRho, rho: fit.rho)
  }

  static func named(_ names: [String], _ values: [Double]) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: zip(names, values))
  }

  /// The JSON document, keys sorted, full double precision.
  public func json() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return Array(try encoder.encode(document)) + [10]
  }
}
