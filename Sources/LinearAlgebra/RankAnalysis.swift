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
    let zero = (0..<p).filter { !(gram[$0, $0] > 0) }
    self.init(analysing: gram, zero: zero, tolerance: tolerance)
  }

  /// Analyses the columns of a design with an intercept after centring them on their
  /// (weighted) means, from the Gram matrix of the design shifted by one of its rows.
  ///
  /// On raw columns, a column far from zero compared with its spread (`x + 10⁵`) is almost
  /// parallel to the intercept, and the unit-diagonal test above would call a well-posed
  /// design collinear. Centring removes that: with `G = Σ w (x − s)(x − s)ᵀ`, `s` a row of the
  /// design with 0 in the intercept's place (so that column stays all ones), `W = G[c, c]` and
  /// `W dⱼ = G[c, j]` (`d = x̄ − s`), the centred Gram matrix is the Schur complement
  ///
  /// ```
  /// Cⱼₖ = Σ w (xⱼ − x̄ⱼ)(xₖ − x̄ₖ) = Gⱼₖ − G[c, j] G[c, k] / W     (j, k ≠ c)
  /// ```
  ///
  /// Because `s` is a row of the data, `dⱼ` is of the order of the column's spread and the
  /// subtraction loses at most a few digits, where centring a raw Gram matrix (`s = 0`) would
  /// lose `log₁₀(x̄² / var)` of them. A constant column is then exactly zero (`x − s = 0`).
  /// The intercept enters the analysis with `C[c, c] = W` and no covariances, so it is never
  /// part of a dependence; `zeroColumns` lists the constant columns (centred diagonal within
  /// rounding, `64 ε Gⱼⱼ`, of zero).
  /// - Parameters:
  ///   - gram: `Σ w (x − s)(x − s)ᵀ`, for example `DesignMatrix.gram(weights:shift:)`.
  ///   - intercept: the column of ones, with `G[c, c] = W > 0`.
  ///   - tolerance: as in `init(gram:tolerance:)`, on the centred, unit-variance columns.
  public init(gram: Matrix, centringOn intercept: Int, tolerance: Double = 1e-10) {
    precondition(gram.rows == gram.columns, "square matrix required")
    let p = gram.rows
    let c = intercept
    precondition(c >= 0 && c < p, "intercept index out of range")
    func g(_ a: Int, _ b: Int) -> Double { gram[Swift.min(a, b), Swift.max(a, b)] }
    let total = g(c, c)
    precondition(total > 0, "the intercept column has no weight")
    var centred = Matrix(rows: p, columns: p)
    var zero: [Int] = []
    for b in 0..<p where b != c {
      for a in 0...b where a != c {
        centred[a, b] = g(a, b) - g(c, a) * g(c, b) / total
      }
      if !(centred[b, b] > 64 * Double.ulpOfOne * g(b, b)) { zero.append(b) }
    }
    centred[c, c] = total
    self.init(analysing: centred, zero: zero, tolerance: tolerance)
  }

  /// The analysis of `gram` (upper triangle) with the columns `zero` set aside as zero.
  private init(analysing gram: Matrix, zero: [Int], tolerance: Double) {
    let p = gram.rows
    let live = (0..<p).filter { !zero.contains($0) }
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
