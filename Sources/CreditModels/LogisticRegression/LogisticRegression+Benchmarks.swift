import LinearAlgebra

/// Entry points for the benchmark executable, outside the public API.
@_spi(Benchmarks)
extension LogisticRegression {
  /// Runs one Newton iteration at `coefficients`.
  ///
  /// That is the fused pass over `x` (log-likelihood, score, information) plus the Cholesky
  /// solve for the step. Returns the log-likelihood
  /// and the step, so the work cannot be optimised away.
  /// - Throws: `LinearAlgebraError` if the information matrix is not positive definite.
  public func newtonIteration(
    _ x: DesignMatrix, _ y: [Double], weights: [Double]? = nil, coefficients: [Double],
    interceptIndex: Int?
  ) throws -> (logLikelihood: Double, step: [Double]) {
    var penalised = [Bool](repeating: l2 > 0, count: x.features)
    if let interceptIndex { penalised[interceptIndex] = false }
    let state = Self.pass(x, y, weights: weights, coefficients: coefficients)
    let (hessian, score) = penalisedSystem(state, coefficients, penalised)
    let step = try CholeskyFactorization(hessian).solve(score)
    return (state.logLikelihood, step)
  }
}
