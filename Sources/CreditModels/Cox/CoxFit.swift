import LinearAlgebra

/// A fitted Cox proportional hazards model (immutable), from `CoxProportionalHazards.fit`.
///
/// Names follow lifelines' `CoxPHFitter`: `coefficients` (`params_`), `standardErrors`,
/// `covariance` (`variance_matrix_`), `logLikelihood` (`log_likelihood_`, the log *partial*
/// likelihood), `concordance` (`concordance_index_`), `aic` (`AIC_partial_`), `baseline`
/// (`baseline_cumulative_hazard_`, but at x = 0 rather than at the training mean).
public struct CoxFit: Sendable {
  /// Covariate names, in column order.
  public let featureNames: [String]
  /// `β` for the raw (uncentred) covariates.
  public let coefficients: [Double]
  /// Square roots of the diagonal of `covariance`.
  public let standardErrors: [Double]
  /// Inverse of the (penalised) observed information `−∇²ℓ(β̂) + λI`.
  public let covariance: Matrix
  /// Log partial likelihood `ℓ(β̂)` (Efron or Breslow as fitted; without the ridge penalty).
  public let logLikelihood: Double
  /// `ℓ(0)`, the log partial likelihood of the model without covariates.
  public let nullLogLikelihood: Double
  /// Newton steps taken.
  public let iterations: Int
  /// Whether a stop rule other than `maxIterations` ended the iteration.
  public let converged: Bool
  /// The stop rule that fired.
  public let convergenceRule: ConvergenceRule
  /// Non-fatal findings (step halving, ill-conditioning, no convergence).
  public let diagnostics: [FitWarning]
  /// Rows used.
  public let observations: Int
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
      ("iterations", "\(iterations)"),
      ("converged", converged ? "yes (\(convergenceRule.rawValue))" : "no"),
      ("ties", ties.rawValue),
    ]
    if l2 > 0 { facts.append(("l2", "\(l2)")) }
    return CoefficientTable(
      title: "Cox proportional hazards", facts: facts,
      rows: CoefficientTable.waldRows(
        names: featureNames, estimates: coefficients, standardErrors: standardErrors,
        alpha: alpha),
      confidence: 1 - alpha)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
