import LinearAlgebra

/// A fitted Cox proportional hazards model (immutable), from `CoxProportionalHazards.fit`.
///
/// Names follow lifelines' `CoxPHFitter`: `coefficients` (`params_`), `standardErrors`,
/// `covariance` (`variance_matrix_`), `logLikelihood` (`log_likelihood_`, the log *partial*
/// likelihood), `concordance` (`concordance_index_`), `aic` (`AIC_partial_`), `baseline`
/// (`baseline_cumulative_hazard_`, but at x = 0 rather than at the training mean).
public struct CoxFit: FittedModel {
  /// `β` for the raw (uncentred) covariates, the covariance (inverse of `−∇²ℓ(β̂) + λI`), the
  /// log partial likelihood (Efron or Breslow as fitted) and convergence.
  public let core: FitCore
  /// `ℓ(0)`, the log partial likelihood of the model without covariates.
  public let nullLogLikelihood: Double
  /// Rows with an observed event.
  public let events: Int
  /// Ties method used.
  public let ties: CoxProportionalHazards.TieMethod
  /// Ridge penalty used.
  public let l2: Double
  /// Harrell's C on the training rows, scored by `−exp(x β)` exactly as lifelines'
  /// `concordance_index_`.
  public let concordance: Double
  /// Breslow cumulative baseline hazard at x = 0.
  public let baseline: BaselineHazard
  /// Means of the covariates over the rows at risk, used internally for centring.
  ///
  /// Predictions here use raw x; lifelines' partial hazards are `exp((x − mean) β)` with its own mean.
  public let trainingMean: [Double]

  init(
    featureNames: [String], coefficients: [Double], standardErrors: [Double], covariance: Matrix,
    logLikelihood: Double, nullLogLikelihood: Double, iterations: Int, converged: Bool,
    convergenceRule: ConvergenceRule, diagnostics: [FitWarning], observations: Int, events: Int,
    ties: CoxProportionalHazards.TieMethod, l2: Double, concordance: Double,
    baseline: BaselineHazard, trainingMean: [Double]
  ) {
    self.nullLogLikelihood = nullLogLikelihood
    self.events = events
    self.ties = ties
    self.l2 = l2
    self.concordance = concordance
    self.baseline = baseline
    self.trainingMean = trainingMean
    core = FitCore(
      featureNames: featureNames, coefficients: coefficients, standardErrors: standardErrors,
      covariance: covariance, logLikelihood: logLikelihood, observations: observations,
      iterations: iterations, converged: converged, convergenceRule: convergenceRule,
      diagnostics: diagnostics)
  }

  /// The partial AIC, `−2ℓ + 2p` (lifelines' `AIC_partial_`).
  public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count) }

  /// Likelihood-ratio statistic against the null model, `2(ℓ − ℓ₀)` (χ² with p degrees of
  /// freedom).
  public var likelihoodRatio: Double { 2 * (logLikelihood - nullLogLikelihood) }

  /// Hazard ratios `exp(β)`.
  public var hazardRatios: [Double] { coefficients.map { exp($0) } }

  /// The coefficient table with Wald z, two-sided p and `1 − alpha` confidence limits, and
  /// header facts (observations, events, log partial likelihood, concordance, partial AIC,
  /// iterations, ties).
  public func summary(alpha: Double = 0.05) -> CoefficientTable {
    precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
    var facts: [(String, String)] = [
      ("observations", "\(observations)"),
      ("events", "\(events)"),
      ("partial log-likelihood", "\(logLikelihood)"),
      ("concordance", "\(concordance)"),
      ("partial AIC", "\(aic)"),
    ]
    facts += CoefficientTable.newtonFacts(
      iterations: iterations, converged: converged, rule: convergenceRule)
    facts.append(("ties", ties.rawValue))
    if l2 > 0 { facts.append(("l2", "\(l2)")) }
    return CoefficientTable(
      title: "Cox proportional hazards", facts: facts, names: featureNames,
      estimates: coefficients, standardErrors: standardErrors, alpha: alpha)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
