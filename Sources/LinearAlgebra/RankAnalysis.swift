import CLAPACK

/// Finds the columns of a Gram matrix that are linearly dependent on the others, so a
/// singular design can be reported by column name instead of as NaN.
///
/// Method: scale `G = XᵀX` to unit diagonal (a correlation-like matrix, so the tolerance is
/// scale-free), factor it with complete pivoting (`dpstrf`: `Pᵀ G P = Uᵀ U`), which stops at the
/// numerical rank `r`. For each column `k` beyond `r`, solving `U₁₁ c = U₁₂[:, k]` gives the
/// combination of the first `r` pivot columns that reproduces it; its non-negligible entries
/// are the columns involved in that dependence.
public struct RankAnalysis: Sendable {
  /// Numerical rank.
  public let rank: Int
  /// Columns that are identically zero (a zero diagonal in `G`).
  public let zeroColumns: [Int]
  /// One entry per dependent column: that column first, then the columns it is a combination of.
  public let dependencies: [[Int]]

  /// Analyses the symmetric positive semi-definite `gram` (only the upper triangle is read).
  /// - Parameter tolerance: relative pivot threshold on the unit-diagonal matrix. `1e-10`
  ///   flags columns whose residual after projecting on the others is below about 1e-5 of their
  ///   norm, well above rounding noise (~1e-16) yet far below any real signal.
  public init(gram: Matrix, tolerance: Double = 1e-10) {
    precondition(gram.rows == gram.columns, "square matrix required")
    let p = gram.rows
    var zero: [Int] = []
    var live: [Int] = []
    for j in 0..<p {
      if gram[j, j] > 0 { live.append(j) } else { zero.append(j) }
    }
    zeroColumns = zero
    let q = live.count
    guard q > 0 else {
      rank = 0
      dependencies = []
      return
    }
    var scaled = Matrix(rows: q, columns: q)
    for (b, jb) in live.enumerated() {
      for (a, ja) in live.enumerated() where a <= b {
        let g = gram[min(ja, jb), max(ja, jb)]
        scaled[a, b] = g / (gram[ja, ja].squareRoot() * gram[jb, jb].squareRoot())
      }
    }
    var n = Int32(q)
    var piv = [Int32](repeating: 0, count: q)
    var r: Int32 = 0
    var tol = tolerance
    var work = [Double](repeating: 0, count: 2 * q)
    var info: Int32 = 0
    scaled.elements.withUnsafeMutableBufferPointer { a in
      dpstrf_("U", &n, a.baseAddress, &n, &piv, &r, &tol, &work, &info, 1)
    }
    precondition(info >= 0, "dpstrf: illegal argument \(-info)")
    rank = Int(r)
    var deps: [[Int]] = []
    let order = piv.map { live[Int($0) - 1] }
    for k in Int(r)..<q {
      // Solve U11 c = U12[:, k] by back substitution.
      var c = (0..<Int(r)).map { scaled[$0, k] }
      var i = Int(r) - 1
      while i >= 0 {
        var s = c[i]
        for j in (i + 1)..<Int(r) { s -= scaled[i, j] * c[j] }
        c[i] = s / scaled[i, i]
        i -= 1
      }
      var involved = [order[k]]
      for (i, ci) in c.enumerated() where abs(ci) > 1e-6 { involved.append(order[i]) }
      involved[1...].sort()
      deps.append(involved)
    }
    dependencies = deps.sorted { $0[0] < $1[0] }
  }

  /// True when no column is zero or dependent.
  public var isFullRank: Bool { zeroColumns.isEmpty && dependencies.isEmpty }
}
