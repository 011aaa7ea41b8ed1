/// A numerical failure reported by LAPACK through its `INFO` argument, or found by a rank check.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// LAPACK rejected argument number `position` of `routine` (`INFO < 0`): a bug in the wrapper.
  case illegalArgument(routine: String, position: Int)
  /// The leading minor of order `leadingMinor` (1-based) is not positive definite (`dpotrf` `INFO > 0`).
  case notPositiveDefinite(leadingMinor: Int)
  /// The matrix has rank below its column count; `column` (1-based) is the first dependent column.
  case rankDeficient(column: Int)

  public var description: String {
    switch self {
    case .illegalArgument(let routine, let position):
      return "\(routine): illegal value in argument \(position)"
    case .notPositiveDefinite(let k):
      return "matrix is not positive definite (leading minor of order \(k))"
    case .rankDeficient(let column):
      return "matrix is rank deficient (column \(column))"
    }
  }
}
