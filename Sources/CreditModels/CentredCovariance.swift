import LinearAlgebra

/// The covariance of a design's coefficients when a column lies far from zero compared with
/// its spread (`x + 10⁶`), shared by the logistic and Weibull fits.
///
/// The information `Xᵀ diag(v) X` of raw columns then holds second moments `Σ v x²` of order
/// `x̄²` whose informative part, the spread `Σ v (x − x̄)²`, is `var / x̄²` smaller: inverting it
/// loses `log₁₀(x̄² / var)` digits (five at a shift of 10⁵ with unit spread). The coefficients
/// themselves are not affected (Newton's fixed point is the zero of the score, which keeps its
/// digits), only the covariance. When that share is below `threshold`, the fits recompute the
/// Gram part on rows shifted by one of the design's rows `s` (`DesignMatrix.gram(weights:shift:)`,
/// intercept unshifted) — the information `Ĩ` of the coefficients `β̃ = A β`, `A = I + e_c sᵀ`,
/// of the shifted design — and map its inverse back: `Cov(β) = A⁻¹ Ĩ⁻¹ A⁻ᵀ`. Well-scaled
/// designs never take this path, so it costs them nothing.
enum CentredCovariance {
  /// Centred share of a column's second moment below which the raw information is replaced:
  /// at 10⁻⁶ the raw inverse keeps about 10 digits, beyond what any comparison needs.
  static let threshold = 1e-6

  /// The shift (the first row of positive weight, `firstRow`, 0 at the intercept) when some column's
  /// centred second moment `I_jj − I_cj² / I_cc` is below `threshold` of its raw one `I_jj`,
  /// read from the information itself; nil otherwise.
  /// - Parameter p: the number of design columns (the information may have more parameters
  ///   after them, e.g. Weibull's log ρ).
  static func shift(
    information: Matrix, columns p: Int, intercept c: Int, x: DesignMatrix,
    firstRow: @autoclosure () -> Int
  ) -> [Double]? {
    let icc = information[c, c]
    guard icc > 0 else { return nil }
    let far = (0..<p).contains { j in
      let raw = information[j, j]
      let centred = raw - information[c, j] * information[c, j] / icc
      return j != c && raw > 0 && centred < threshold * raw
    }
    guard far else { return nil }
    let first = firstRow()
    var s = (0..<p).map { x[first, $0] }
    s[c] = 0
    return s
  }

  /// `A⁻¹ M A⁻ᵀ` with `A⁻¹ = I − e_c sᵀ` (`s` padded with zeros to the order of `m`): the
  /// covariance of the raw coefficients from that of the shifted design's.
  static func unshift(_ m: Matrix, shift s: [Double], intercept c: Int) -> Matrix {
    let k = m.rows
    var rows = m
    for column in 0..<k {
      var sum = 0.0
      for j in s.indices where s[j] != 0 { sum += s[j] * m[j, column] }
      rows[c, column] = m[c, column] - sum
    }
    var out = rows
    for row in 0..<k {
      var sum = 0.0
      for j in s.indices where s[j] != 0 { sum += s[j] * rows[row, j] }
      out[row, c] = rows[row, c] - sum
    }
    return out
  }

  /// `A⁻ᵀ u` for a vector over the design's columns: `u_j − s_j u_c` (first moments, such as
  /// Weibull's `∂²ℓ/∂β∂a`, lose only `log₁₀(|x̄| / sd)` digits this way).
  static func shiftFirstMoments(_ u: [Double], shift s: [Double], intercept c: Int) -> [Double] {
    u.indices.map { j in j == c ? u[j] : u[j] - s[j] * u[c] }
  }
}
