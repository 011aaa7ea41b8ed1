import CLAPACK

/// The Cholesky factorisation `A = L Lᵀ` of a symmetric positive-definite matrix (`dpotrf`).
///
/// Used for every Newton step and covariance matrix in the models: it is the cheapest
/// stable solver for an SPD system and fails loudly (with the minor) when `A` is not SPD.
public struct CholeskyFactorization: Sendable {
  /// Order of the matrix.
  public let order: Int
  /// `L` in the lower triangle, column-major (upper triangle is garbage).
  private let factor: [Double]

  /// Factorises the symmetric matrix `a`, reading its lower triangle.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite(leadingMinor:)` from `dpotrf`'s `INFO`.
  /// - Complexity: O(n³ / 3).
  public init(_ a: Matrix) throws {
    precondition(a.rows == a.columns, "Cholesky needs a square matrix")
    order = a.rows
    var f = a.elements
    var n = Int32(order)
    var info: Int32 = 0
    if order > 0 {
      f.withUnsafeMutableBufferPointer { p in dpotrf_("L", &n, p.baseAddress, &n, &info, 1) }
    }
    try LAPACKInfo.check(info, routine: "dpotrf") { .notPositiveDefinite(leadingMinor: $0) }
    factor = f
  }

  /// Solves `A x = b` (`dpotrs`).
  public func solve(_ b: [Double]) -> [Double] {
    precondition(b.count == order, "shape mismatch")
    return solve(Matrix(rows: order, columns: 1, elements: b)).elements
  }

  /// Solves `A X = B` for several right-hand sides (`dpotrs`).
  public func solve(_ b: Matrix) -> Matrix {
    precondition(b.rows == order, "shape mismatch")
    var x = b
    guard order > 0, b.columns > 0 else { return x }
    var n = Int32(order)
    var nrhs = Int32(b.columns)
    var info: Int32 = 0
    factor.withUnsafeBufferPointer { f in
      x.elements.withUnsafeMutableBufferPointer { xp in
        dpotrs_("L", &n, &nrhs, f.baseAddress, &n, xp.baseAddress, &n, &info, 1)
      }
    }
    precondition(info == 0, "dpotrs: illegal argument \(-info)")
    return x
  }

  /// `A⁻¹`, full symmetric (`dpotri`, then mirrored).
  public func inverse() -> Matrix {
    var inv = factor
    var n = Int32(order)
    var info: Int32 = 0
    if order > 0 {
      inv.withUnsafeMutableBufferPointer { p in dpotri_("L", &n, p.baseAddress, &n, &info, 1) }
    }
    // INFO > 0 would mean a zero diagonal in L, impossible after a successful dpotrf.
    precondition(info == 0, "dpotri failed with INFO \(info)")
    var m = Matrix(rows: order, columns: order, elements: inv)
    m.symmetrizeFromLower()
    return m
  }

  /// `log det A = 2 Σ log L_ii`.
  public var logDeterminant: Double {
    var s = 0.0
    for i in 0..<order { s += 2 * log(factor[i + i * order]) }
    return s
  }

  /// Reciprocal condition estimate from the factor's diagonal, `(min L_ii / max L_ii)²`.
  ///
  /// Cheap and only an estimate (a lower bound on the true `κ(A)` is its inverse), good enough to
  /// flag an information matrix that is numerically singular.
  public var reciprocalConditionEstimate: Double {
    guard order > 0 else { return 1 }
    var lo = Double.infinity
    var hi = 0.0
    for i in 0..<order {
      let d = factor[i + i * order]
      lo = min(lo, d)
      hi = max(hi, d)
    }
    return hi > 0 ? (lo / hi) * (lo / hi) : 0
  }
}

/// Maps LAPACK's `INFO` to typed errors.
enum LAPACKInfo {
  static func check(
    _ info: Int32, routine: String, positive: (Int) -> LinearAlgebraError
  ) throws {
    if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, position: Int(-info)) }
    if info > 0 { throw positive(Int(info)) }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
