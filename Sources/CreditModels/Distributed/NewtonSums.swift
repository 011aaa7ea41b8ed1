import LinearAlgebra

/// The additive part of a Newton iteration over some rows: the log-likelihood, its gradient
/// and the observed information (no penalty), each a sum over the rows.
///
/// Rows split into shards give sums that add up to those of all rows, so a fit can iterate on
/// statistics alone: every shard evaluates its rows at the same coefficients, the sums are
/// added, and one Newton step is solved from them (`NewtonProgress`).
public struct NewtonSums: Codable, Sendable, Equatable {
  /// `Σ ℓᵢ`.
  public var logLikelihood: Double
  /// `Σ ∇ℓᵢ`.
  public var gradient: [Double]
  /// `−Σ ∇²ℓᵢ`, k x k (symmetric; stored as `Matrix.elements`).
  public var information: [Double]

  /// Sums from their parts.
  public init(logLikelihood: Double, gradient: [Double], information: [Double]) {
    precondition(information.count == gradient.count * gradient.count, "shape mismatch")
    self.logLikelihood = logLikelihood
    self.gradient = gradient
    self.information = information
  }

  /// The sums over no rows, for `k` parameters.
  public static func zero(_ k: Int) -> NewtonSums {
    NewtonSums(
      logLikelihood: 0, gradient: [Double](repeating: 0, count: k),
      information: [Double](repeating: 0, count: k * k))
  }

  /// Adds another shard's sums.
  public mutating func add(_ other: NewtonSums) {
    precondition(other.gradient.count == gradient.count, "sums of different models")
    logLikelihood += other.logLikelihood
    for j in gradient.indices { gradient[j] += other.gradient[j] }
    for j in information.indices { information[j] += other.information[j] }
  }

  /// The information as a matrix.
  public var informationMatrix: Matrix {
    Matrix(rows: gradient.count, columns: gradient.count, elements: information)
  }
}

extension LogisticRegression {
  /// The unpenalised sums of a logistic fit's Newton iteration over the rows of `x` at
  /// `coefficients`: `Σ sᵢ [yᵢ ηᵢ − softplus(ηᵢ)]`, `Xᵀ s (y − μ)` and `Xᵀ diag(s μ (1 − μ)) X`,
  /// from the same fused pass `fit` makes.
  /// - Complexity: O(n p²).
  public static func shardSums(
    _ x: DesignMatrix, _ y: [Double], weights: [Double]?, coefficients: [Double]
  ) -> NewtonSums {
    let state = pass(x, y, weights: weights, coefficients: coefficients)
    return NewtonSums(
      logLikelihood: state.logLikelihood, gradient: state.gradient,
      information: state.information.elements)
  }
}

extension WeibullAFT {
  /// The unpenalised sums of a Weibull AFT fit's Newton iteration over the rows of `x` at
  /// `(coefficients, logRho)`: ℓ, its gradient over `(β, log ρ)` and the observed information,
  /// from the same fused pass `fit` makes (`WeibullAFT+Likelihood.swift`).
  /// - Parameter durations: finite and > 0.
  /// - Complexity: O(n p²).
  public static func shardSums(
    _ x: DesignMatrix, durations: [Double], events: [Bool], coefficients: [Double],
    logRho: Double
  ) -> NewtonSums {
    let problem = Problem(
      x: x, logT: LogDurations(logs: durations.map { log($0) }), events: events, weights: nil,
      l2: 0,
      penalised: [Bool](repeating: false, count: x.features))
    let e = problem.evaluate(beta: coefficients, a: logRho, derivatives: true)
    return NewtonSums(
      logLikelihood: e.logLikelihood, gradient: e.gradient, information: e.information.elements)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
