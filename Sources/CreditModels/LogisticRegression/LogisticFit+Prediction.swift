import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension LogisticFit {
  /// The fitted probability `P(y = 1) = σ(X β)` for each row of `x`.
  ///
  /// ```
  /// σ(η) = 1 / (1 + exp(−η))        for η ≥ 0
  /// σ(η) = exp(η) / (1 + exp(η))    for η < 0
  /// ```
  ///
  /// The two forms only ever exponentiate a non-positive number, so nothing overflows and
  /// small probabilities keep full relative precision.
  /// - Complexity: O(n p).
  public func predictProbability(_ x: DesignMatrix) -> [Double] {
    var probabilities = predictLinear(x)  // η, made σ(η) where it is
    Parallel.update(&probabilities) { Self.sigmoid($0) }
    return probabilities
  }

  /// Each feature's contribution `x_j β_j` to the linear predictor of one row, for reason
  /// codes: the largest contributions relative to a reference row explain a score.
  /// - Parameter row: the feature values of one observation, in the design's column order.
  public func contributions(row: [Double]) -> [Double] {
    precondition(row.count == coefficients.count, "row has the wrong number of features")
    return zip(row, coefficients).map { $0 * $1 }
  }

  /// The logistic function `σ(η)`, evaluated without overflow (see `predictProbability`):
  /// the probability of one row from its `linearPredictor(_:)`.
  @inlinable public static func sigmoid(_ eta: Double) -> Double {
    if eta >= 0 { return 1 / (1 + exp(-eta)) }
    let z = exp(eta)
    return z / (1 + z)
  }
}
