import LinearAlgebra

/// A fitted model whose predictions go through the linear predictor `η = x · β`.
///
/// The batch predictions (`predictProbability`, `predictPartialHazard`, …) take a design
/// matrix; `linearPredictor(_:)` is the same sum for one design row, for callers that go over
/// the rows themselves (scoring computes several models' predictions per row while the row is
/// in cache).
public protocol LinearPredictor {
  /// `β`, one per design column.
  var coefficients: [Double] { get }
}

extension LinearPredictor {
  /// The linear predictor `η = X β` for each row of `x`; the models name it after what it is
  /// for them (`predictLogPartialHazard`, `predictLogLambda`).
  /// - Complexity: O(n p).
  public func predictLinear(_ x: DesignMatrix) -> [Double] {
    precondition(
      x.features == coefficients.count,
      "design has \(x.features) columns, the model \(coefficients.count)")
    return x.multiplied(by: coefficients)
  }

  /// `η = Σ_j β_j x_j` of one design row (`coefficients.count` values from `row` on), summed
  /// in column order.
  @inlinable public func linearPredictor(_ row: UnsafePointer<Double>) -> Double {
    var s = 0.0
    for j in 0..<coefficients.count { s += coefficients[j] * row[j] }
    return s
  }
}

extension LogisticFit: LinearPredictor {}
extension CoxFit: LinearPredictor {}
extension WeibullFit: LinearPredictor {}
