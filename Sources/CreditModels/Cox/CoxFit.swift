import LinearAlgebra

/// A fitted Cox proportional hazards model (immutable), from `CoxProportionalHazards.fit`.
///
/// Names follow lifelines' `CoxPHFitter`: `coefficients` (`params_`), `standardErrors`,
/// `covariance` (`variance_matrix_`), `logLikelihood` (`log_likelihood_`, the log *partial*
/// likelihood), `concordance` (`concordance_index_`), `aic` (`AIC_partial_`), `baseline`
/// (`baseline_cumulative_hazard_`, but at x = 0 rather than at the training mean).
@dynamicMemberLookup
public struct CoxFit: FittedModel {
  /// `β` for the raw (uncentred) covariates, the covariance (inverse of `−∇²ℓ(β̂) + λI`), the
  /// log partial likelihood (Efron or Breslow as fitted) and convergence.
  public let core: FitCore
  /// What a Cox fit has beyond `core`, saved beside its fields; read as the fit's own
  /// (`fit.nullLogLikelihood`).
  @usableFromInline let fields: Fields

  /// The fields a Cox fit adds to `FitCore`'s.
  public struct Fields: Sendable, Codable {
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
  }

  /// A field of `fields`, read as the fit's own.
  @inlinable public subscript<T>(dynamicMember field: KeyPath<Fields, T>) -> T {
    fields[keyPath: field]
  }

  /// The partial AIC, `−2ℓ + 2p` (lifelines' `AIC_partial_`).
  public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count) }

  /// Likelihood-ratio statistic against the null model, `2(ℓ − ℓ₀)` (χ² with p degrees of
  /// freedom).
  public var likelihoodRatio: Double { 2 * (logLikelihood - fields.nullLogLikelihood) }

  /// Hazard ratios `exp(β)`.
  public var hazardRatios: [Double] { coefficients.map { exp($0) } }

  /// The coefficient table with Wald z, two-sided p and `1 − alpha` confidence limits, and
  /// header facts (observations, events, log partial likelihood, concordance, partial AIC,
  /// iterations, ties).
  public func summary(alpha: Double = 0.05) -> CoefficientTable {
    precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
    var facts: [(String, String)] = [
      ("observations", "\(observations)"),
      ("events", "\(fields.events)"),
      ("partial log-likelihood", CoefficientTable.statistic(logLikelihood, decimals: 4)),
      ("concordance", CoefficientTable.statistic(fields.concordance, decimals: 6)),
      ("partial AIC", CoefficientTable.statistic(aic, decimals: 4)),
    ]
    facts += CoefficientTable.newtonFacts(
      iterations: iterations, converged: converged, rule: convergenceRule)
    facts.append(("ties", fields.ties.rawValue))
    if fields.l2 > 0 { facts.append(("l2", "\(fields.l2)")) }
    return CoefficientTable(
      title: "Cox proportional hazards", facts: facts, names: featureNames,
      estimates: coefficients, standardErrors: standardErrors, alpha: alpha)
  }
}

extension CoxFit: Codable {
  public init(from decoder: any Decoder) throws {
    try self.init(core: FitCore(from: decoder), fields: Fields(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws { try encode(fields, to: encoder) }
}

#if canImport(Glibc)
  import Glibc
#endif
