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
@dynamicMemberLookup
public struct WeibullFit: FittedModel {
  /// β (the coefficients of `log λ`), the covariance of (β, log ρ), standard errors of β then
  /// log ρ, the full log-likelihood (lifelines' `log_likelihood_`, `−log t` terms included) and
  /// convergence.
  public let core: FitCore
  /// What a Weibull fit has beyond `core`, saved beside its fields; read as the fit's own
  /// (`fit.logRho`).
  @usableFromInline let fields: Fields

  /// The fields a Weibull fit adds to `FitCore`'s.
  public struct Fields: Sendable, Codable {
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
  }

  /// A field of `fields`, read as the fit's own.
  @inlinable public subscript<T>(dynamicMember field: KeyPath<Fields, T>) -> T {
    fields[keyPath: field]
  }

  /// The shape `ρ = exp(logRho)`.
  public var rho: Double { exp(fields.logRho) }

  /// Akaike's criterion `−2 ℓ + 2 k`, `k = p + 1` parameters (β and log ρ), as lifelines' `AIC_`.
  public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count + 1) }
}

extension WeibullFit: Codable {
  /// Decodes the fit as it was saved: a damaged file is the model file's consistency check's
  /// to report, not a trap.
  public init(from decoder: any Decoder) throws {
    try self.init(core: FitCore(from: decoder), fields: Fields(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws { try encode(fields, to: encoder) }
}
