import CreditModels
import Foundation

/// The results of `creditrisk fit` in a model-independent shape: the summary table and the
/// JSON document (`coefficients`, `standard_errors`, `log_likelihood`, `iterations`,
/// `converged`, and per model `null_log_likelihood`, `concordance`, `log_rho`/`rho`; the cure
/// model's document holds the whole fit as well, which predicts when decoded).
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
    var written_off: Int?
    var log_rho: Double?
    var rho: Double?
    var fit: MixtureCureFit?
  }

  public init(logistic fit: LogisticFit) {
    self.init(model: "logistic", fit.core, summary: fit.summary(alpha: 0.05))
    document.null_log_likelihood = fit.nullLogLikelihood
    document.aic = fit.aic
  }

  public init(cox fit: CoxFit) {
    self.init(model: "cox", fit.core, summary: fit.summary(alpha: 0.05))
    document.null_log_likelihood = fit.nullLogLikelihood
    document.aic = fit.aic
    document.concordance = fit.concordance
    document.events = fit.events
    document.ties = fit.ties.rawValue
  }

  public init(weibull fit: WeibullFit) {
    self.init(
      model: "weibull", fit.core, summary: fit.summary(alpha: 0.05),
      standardErrorNames: fit.featureNames + ["log_rho"])
    document.aic = fit.aic
    document.events = fit.events
    document.log_rho = fit.logRho
    document.rho = fit.rho
  }

  public init(cure fit: MixtureCureFit) {
    let names = fit.parameterNames
    summary = fit.summary()
    warnings = fit.diagnostics.map(\.description)
    document = Document(
      model: "mixture_cure", coefficient_names: names,
      coefficients: Self.named(names, fit.parameters),
      standard_errors: Self.named(names, fit.standardErrors), log_likelihood: fit.logLikelihood,
      iterations: fit.iterations, converged: fit.converged,
      convergence_rule: fit.convergenceRule.rawValue, observations: fit.observations,
      aic: fit.aic, events: fit.events, written_off: fit.neverPays, log_rho: fit.logRho,
      rho: fit.rho, fit: fit)
  }

  /// The report's parts every Newton fit has, from its `core`; the standard errors named by
  /// `standardErrorNames` (the coefficients' names unless given).
  private init(
    model: String, _ core: FitCore, summary: CoefficientTable, standardErrorNames: [String]? = nil
  ) {
    self.summary = summary
    warnings = core.diagnostics.map(\.description)
    document = Document(
      model: model, coefficient_names: core.featureNames,
      coefficients: Self.named(core.featureNames, core.coefficients),
      standard_errors: Self.named(
        standardErrorNames ?? core.featureNames, core.standardErrors),
      log_likelihood: core.logLikelihood, iterations: core.iterations, converged: core.converged,
      convergence_rule: core.convergenceRule.rawValue, observations: core.observations)
  }

  static func named(_ names: [String], _ values: [Double]) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: zip(names, values))
  }

  /// The JSON document, keys sorted, full double precision.
  public func json() throws -> [UInt8] {
    try JSONFile.encode(document, formatting: .prettyPrinted)
  }
}
