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
public struct WeibullFit: Sendable {
  /// One name per coefficient (the design's columns).
  public let featureNames: [String]
  /// β, the coefficients of `log λ` (lifelines' `lambda_` block).
  public let coefficients: [Double]
  /// `a = log ρ` (lifelines' `rho_: Intercept`).
  public let logRho: Double
  /// Standard errors of `coefficients` then `logRho`, from the inverse observed information.
  public let standardErrors: [Double]
  /// The (p+1) x (p+1) covariance of (β, log ρ): inverse of the observed information of the
  /// penalised log-likelihood at the estimate.
  public let covariance: Matrix
  /// The full log-likelihood at the estimate, unpenalised, `−log t` terms included (lifelines'
  /// `log_likelihood_`).
  public let logLikelihood: Double
  /// Newton iterations taken.
  public let iterations: Int
  /// Whether a convergence rule other than `maxIterations` fired.
  public let converged: Bool
  /// The stop rule that ended the iteration.
  public let convergenceRule: ConvergenceRule
  /// Non-fatal findings (step halving, damping, ill-conditioning, non-convergence).
  public let diagnostics: [FitWarning]
  /// Number of rows fitted.
  public let observations: Int
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
    self.featureNames = featureNames
    self.coefficients = coefficients
    self.logRho = logRho
    self.standardErrors = standardErrors
    self.covariance = covariance
    self.logLikelihood = logLikelihood
    self.iterations = iterations
    self.converged = converged
    self.convergenceRule = convergenceRule
    self.diagnostics = diagnostics
    self.observations = observations
    self.events = events
    self.interceptIndex = interceptIndex
    self.maxAbsGradient = maxAbsGradient
  }

  /// The shape `ρ = exp(logRho)`.
  public var rho: Double { exp(logRho) }

  /// Akaike's criterion `−2 ℓ + 2 k`, `k = p + 1` parameters (β and log ρ), as lifelines' `AIC_`.
  public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count + 1) }
}
