import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A fitted logistic regression: estimates, their covariance, fit statistics and diagnostics.
///
/// Immutable and `Sendable`; produced only by `LogisticRegression.fit`. Derived statistics
/// (`aic`, `mcFaddenR2`, `zValues`, `pValues`) are computed properties, as statsmodels'
/// `LogitResults` computes them lazily.
///
/// With a ridge penalty (`l2 > 0`), `logLikelihood` is the *unpenalised* log-likelihood at the
/// penalised estimate, and `covariance` is the inverse of the penalised information
/// `XᵀWX + λP`, the usual (Bayesian / ridge) approximation.
@dynamicMemberLookup
public struct LogisticFit: FittedModel {
  /// Estimates, covariance (of the penalised information `XᵀWX + λP`), the weighted
  /// log-likelihood `Σ sᵢ [yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)]` and convergence.
  public let core: FitCore
  /// What a logistic fit has beyond `core`, saved beside its fields; read as the fit's own
  /// (`fit.nullLogLikelihood`).
  @usableFromInline let fields: Fields

  /// The fields a logistic fit adds to `FitCore`'s.
  public struct Fields: Sendable, Codable {
    /// Log-likelihood of the intercept-only model with the same weights (p = 0.5 for every row
    /// when there is no intercept).
    public let nullLogLikelihood: Double
    /// Sum of the sample weights (`observations` when unweighted): the effective sample size
    /// for frequency weights.
    public let totalWeight: Double
    /// The ridge penalty the model was fitted with.
    public let l2: Double
    /// The intercept's column, if the design has one.
    public let interceptIndex: Int?
  }

  /// A field of `fields`, read as the fit's own.
  @inlinable public subscript<T>(dynamicMember field: KeyPath<Fields, T>) -> T {
    fields[keyPath: field]
  }

  // MARK: - Fit statistics

  /// Akaike's information criterion, `−2ℓ + 2p`.
  public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count) }

  /// McFadden's pseudo-R², `1 − ℓ / ℓ₀` (statsmodels' `prsquared`).
  public var mcFaddenR2: Double { 1 - logLikelihood / fields.nullLogLikelihood }

  /// Wald statistics `β_j / SE_j`.
  public var zValues: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

  /// Two-sided Wald p-values `2 P(Z > |z_j|)`.
  public var pValues: [Double] { zValues.map { 2 * Normal.survival(abs($0)) } }

  /// Wald confidence intervals `β_j ± z_{1−α/2} SE_j`.
  /// - Parameter alpha: one minus the confidence level; 0.05 gives 95% intervals.
  public func confidenceIntervals(alpha: Double = 0.05) -> [(lower: Double, upper: Double)] {
    precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
    let q = Normal.quantile(1 - alpha / 2)
    return zip(coefficients, standardErrors).map { (lower: $0 - q * $1, upper: $0 + q * $1) }
  }

  /// The coefficient named `name`, if there is one.
  public func coefficient(_ name: String) -> Double? {
    featureNames.firstIndex(of: name).map { coefficients[$0] }
  }
}

extension LogisticFit: Codable {
  public init(from decoder: any Decoder) throws {
    try self.init(core: FitCore(from: decoder), fields: Fields(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws { try encode(fields, to: encoder) }
}
