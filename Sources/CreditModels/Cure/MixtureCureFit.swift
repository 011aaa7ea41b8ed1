import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A fitted mixture-cure model: immutable estimates, their covariance and how the fit ended.
///
/// ```
/// π = σ(z · incidenceCoefficients)                    P(ever paid)
/// log λ = x · latencyCoefficients,  ρ = exp(logRho)    payers: S_u(t) = exp(−(t / λ)^ρ)
/// ```
///
/// Parameter order in `standardErrors` and `covariance`: the incidence coefficients, the
/// latency coefficients, then `log ρ` (`parameterNames`). `Codable`, so the fit is the object
/// that is saved and predicts (`MixtureCureFit+Prediction.swift`).
public struct MixtureCureFit: Sendable, Codable, Equatable {
  /// One name per column of the incidence design.
  public let incidenceNames: [String]
  /// One name per column of the latency design.
  public let latencyNames: [String]
  /// γ: the log-odds of ever being paid, `logit π = z · γ`.
  public let incidenceCoefficients: [Double]
  /// β: the payers' log Weibull scale, `log λ = x · β` (lifelines' `lambda_` block).
  public let latencyCoefficients: [Double]
  /// `a = log ρ`, the payers' Weibull log shape (lifelines' `rho_: Intercept`).
  public let logRho: Double
  /// Square roots of the diagonal of `covariance`.
  public let standardErrors: [Double]
  /// The covariance's entries, column-major (`covariance` is the matrix).
  let covarianceElements: [Double]
  /// The full log-likelihood at the estimate (`−log t` terms of the density included).
  public let logLikelihood: Double
  /// Newton iterations taken.
  public let iterations: Int
  /// Whether a convergence rule other than `maxIterations` fired.
  public let converged: Bool
  /// The stop rule that ended the iteration.
  public let convergenceRule: ConvergenceRule
  /// Non-fatal findings (step halving, damping, ill-conditioning, non-convergence).
  public let diagnostics: [FitWarning]
  /// Rows fitted (rows of weight 0 included).
  public let observations: Int
  /// Payments observed (rows with positive weight).
  public let events: Int
  /// Rows known never to be paid (write-offs with positive weight).
  public let neverPays: Int
  /// `max |∂ℓ/∂θ|` at the last point evaluated (the estimate, or one Newton step below
  /// `stepTolerance` before it).
  public let maxAbsGradient: Double
  /// The payers' baseline estimated from the data (`withLatencyBaseline`), used in place of
  /// the Weibull `exp(−u^ρ)` by every prediction; nil: the Weibull.
  public internal(set) var latencyBaseline: CureLatencyBaseline? = nil

  init(
    incidenceNames: [String], latencyNames: [String], incidenceCoefficients: [Double],
    latencyCoefficients: [Double], logRho: Double, covariance: Matrix, logLikelihood: Double,
    iterations: Int, converged: Bool, convergenceRule: ConvergenceRule,
    diagnostics: [FitWarning], observations: Int, events: Int, neverPays: Int,
    maxAbsGradient: Double
  ) {
    let k = incidenceCoefficients.count + latencyCoefficients.count + 1
    precondition(covariance.rows == k && covariance.columns == k, "covariance shape")
    self.incidenceNames = incidenceNames
    self.latencyNames = latencyNames
    self.incidenceCoefficients = incidenceCoefficients
    self.latencyCoefficients = latencyCoefficients
    self.logRho = logRho
    self.standardErrors = covariance.diagonal.map { $0.squareRoot() }
    self.covarianceElements = covariance.elements
    self.logLikelihood = logLikelihood
    self.iterations = iterations
    self.converged = converged
    self.convergenceRule = convergenceRule
    self.diagnostics = diagnostics
    self.observations = observations
    self.events = events
    self.neverPays = neverPays
    self.maxAbsGradient = maxAbsGradient
  }

  /// The inverse observed information at the estimate, over `parameterNames`.
  public var covariance: Matrix {
    let k = standardErrors.count
    return Matrix(rows: k, columns: k, elements: covarianceElements)
  }

  /// `incidence: <name>` for each incidence column, `latency: <name>` for each latency
  /// column, then `log_rho`: the order of `standardErrors` and `covariance`.
  public var parameterNames: [String] {
    incidenceNames.map { "incidence: \($0)" } + latencyNames.map { "latency: \($0)" }
      + ["log_rho"]
  }

  /// All estimates in `parameterNames` order.
  public var parameters: [Double] { incidenceCoefficients + latencyCoefficients + [logRho] }

  /// The payers' Weibull shape `ρ = exp(logRho)`.
  public var rho: Double { exp(logRho) }

  /// Akaike's criterion `−2 ℓ + 2 k` over all `k = q + p + 1` parameters.
  public var aic: Double { -2 * logLikelihood + 2 * Double(parameters.count) }

  /// The coefficient table (estimate, SE, Wald interval, z, p) with header facts, as data.
  /// - Parameter alpha: one minus the confidence level; 0.05 gives 95% intervals.
  public func summary(alpha: Double = 0.05) -> CoefficientTable {
    precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
    var facts: [(String, String)] = [
      ("observations", "\(observations)"),
      ("payments", "\(events)"),
    ]
    if neverPays > 0 { facts.append(("written off", "\(neverPays)")) }
    facts += [
      ("log-likelihood", CoefficientTable.statistic(logLikelihood, decimals: 4)),
      ("AIC", CoefficientTable.statistic(aic, decimals: 4)),
    ]
    facts += CoefficientTable.newtonFacts(
      iterations: iterations, converged: converged, rule: convergenceRule)
    return CoefficientTable(
      title: "Mixture cure (logistic incidence, Weibull AFT latency)", facts: facts,
      names: parameterNames, estimates: parameters, standardErrors: standardErrors, alpha: alpha)
  }
}
