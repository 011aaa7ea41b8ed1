import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A fitted Weibull AFT model: immutable estimates, their covariance and how the fit ended.
///
/// ```
/// log λᵢ = xᵢ · coefficients,   ρ = exp(logRho),   S(t | xᵢ) = exp(−(t / λᵢ)^ρ)
/// ```
///
/// Parameter order in `standardErrors` and `covariance` is `coefficients` then `log ρ`.
public struct WeibullFit: FittedModel {
  /// β (the coefficients of `log λ`), the covariance of (β, log ρ), standard errors of β then
  /// log ρ, the full log-likelihood (lifelines' `log_likelihood_`, `−log t` terms included) and
  /// convergence.
  public let core: FitCore
  /// `a = log ρ` (lifelines' `rho_: Intercept`).
  public let logRho: Double
  /// Number of rows with an observed event.
  public let events: Int
  /// The intercept column, if any.
  public let interceptIndex: Int?
  /// How well the optimum was reached: `max |∂/∂(β, log ρ)|` of the penalised log-likelihood.
  ///
  /// Taken at the last point evaluated: the estimate, or one Newton step below
  /// `stepTolerance` before it when the fit stopped on that step
  /// (`ConvergenceCriteria.stepIsConverged`).
  public let maxAbsGradient: Double

  public init(
    featureNames: [String], coefficients: [Double], logRho: Double, standardErrors: [Double],
    covariance: Matrix, logLikelihood: Double, iterations: Int, converged: Bool,
    convergenceRule: ConvergenceRule, diagnostics: [FitWarning], observations: Int, events: Int,
    interceptIndex: Int?, maxAbsGradient: Double
  ) {
    precondition(featureNames.count == coefficients.count, "one name per coefficient")
    precondition(standardErrors.count == coefficients.count + 1, "standard errors: β then log ρ")
    core = FitCore(
      featureNames: featureNames, coefficients: coefficients, standardErrors: standardErrors,
      covariance: covariance, logLikelihood: logLikelihood, observations: observations,
      iterations: iterations, converged: converged, convergenceRule: convergenceRule,
      diagnostics: diagnostics)
    self.logRho = logRho
    self.events = events
    self.interceptIndex = interceptIndex
    self.maxAbsGradient = maxAbsGradient
  }

  /// The shape `ρ = exp(logRho)`.
  public var rho: Double { exp(logRho) }

  /// Akaike's criterion `−2 ℓ + 2 k`, `k = p + 1` parameters (β and log ρ), as lifelines' `AIC_`.
  public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count + 1) }
}
