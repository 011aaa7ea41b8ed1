import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// Implementation goals, in order of priority:
// 1. No NaN and no overflow for any finite η: every quantity below is written in terms of
//    z = exp(−|η|) ∈ (0, 1], which cannot overflow, and without subtracting nearly equal
//    numbers.
// 2. Determinism: rows are reduced in fixed chunks (`Parallel.map`), summed in chunk order.
// 3. Speed: one pass over X per Newton iteration. Each tile of `DesignMatrix.tileRows` rows
//    is read from memory once by the `gemv` for η; the √w-scaling, the `syrk` into the
//    information and the `gemv` for the score then find it in cache.

/// Everything a Newton iteration needs at one β, from one pass over the data.
struct PassResult: Sendable {
  /// `Σ sᵢ [yᵢ ηᵢ − softplus(ηᵢ)]`.
  var logLikelihood: Double
  /// The score `Xᵀ s (y − μ)`.
  var gradient: [Double]
  /// The information `Xᵀ diag(s μ (1 − μ)) X`, full symmetric.
  var information: Matrix
  /// Rows with positive weight on the wrong side of η = 0 (η = 0 counts as wrong).
  var misclassified: Int
  /// Rows with positive weight whose `|yᵢ − μᵢ|` is below `perfectPredictionTolerance`.
  var perfectlyPredicted: Int
}

extension LogisticRegression {
  /// Log-likelihood, score, information and separation counts at `beta`, in one fused pass.
  ///
  /// Per row, with `z = exp(−|η|)`:
  ///
  /// ```
  /// softplus(η) = log(1 + exp(η)) = max(η, 0) + log1p(z)
  /// σ(|η|) = 1 / (1 + z),   σ(−|η|) = z / (1 + z)
  /// μ(1 − μ) = σ(|η|) σ(−|η|)
  /// ```
  ///
  /// - Complexity: O(n p²), parallel over row chunks.
  static func pass(
    _ x: DesignMatrix, _ y: [Double], weights: [Double]?, coefficients beta: [Double]
  ) -> PassResult {
    let n = x.observations
    let p = x.features
    precondition(beta.count == p, "shape mismatch")
    var total = PassResult(
      logLikelihood: 0, gradient: [Double](repeating: 0, count: p),
      information: Matrix(rows: p, columns: p), misclassified: 0, perfectlyPredicted: 0)
    BLAS.useSingleThreadedKernels()
    let partials: [PassResult] = x.storage.withUnsafeBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        beta.withUnsafeBufferPointer { bs in
          withOptionalPointer(weights) { ws in
            // Empty buffers have no base address; an empty problem has nothing to sum.
            guard let xb = xs.baseAddress, let yb = ys.baseAddress, let bb = bs.baseAddress
            else { return [] }
            return Parallel.map(n) { rows in
              chunkPass(x: xb, p: p, y: yb, weights: ws, beta: bb, rows: rows)
            }
          }
        }
      }
    }
    for part in partials {
      total.logLikelihood += part.logLikelihood
      for j in 0..<p { total.gradient[j] += part.gradient[j] }
      for k in 0..<(p * p) { total.information.elements[k] += part.information.elements[k] }
      total.misclassified += part.misclassified
      total.perfectlyPredicted += part.perfectlyPredicted
    }
    total.information.symmetrizeFromUpper()
    return total
  }

  /// One chunk of `pass`, tile by tile; the information is left upper-triangular.
  private static func chunkPass(
    x: UnsafePointer<Double>, p: Int, y: UnsafePointer<Double>,
    weights: UnsafePointer<Double>?, beta: UnsafePointer<Double>, rows: Range<Int>
  ) -> PassResult {
    let tileRows = DesignMatrix.tileRows
    var logLikelihood = 0.0
    var misclassified = 0
    var perfectlyPredicted = 0
    let g = UnsafeMutablePointer<Double>.allocate(capacity: p)
    let h = UnsafeMutablePointer<Double>.allocate(capacity: p * p)
    g.initialize(repeating: 0, count: p)
    h.initialize(repeating: 0, count: p * p)
    let tile = UnsafeMutablePointer<Double>.allocate(capacity: tileRows * p)
    let eta = UnsafeMutablePointer<Double>.allocate(capacity: tileRows)
    let residual = UnsafeMutablePointer<Double>.allocate(capacity: tileRows)
    defer {
      g.deallocate()
      h.deallocate()
      tile.deallocate()
      eta.deallocate()
      residual.deallocate()
    }
    let tolerance = perfectPredictionTolerance
    var start = rows.lowerBound
    while start < rows.upperBound {
      let m = min(tileRows, rows.upperBound - start)
      let xt = x + start * p
      BLAS.gemv(
        transpose: true, rows: p, columns: m, alpha: 1, a: xt, lda: p, x: beta, beta: 0,
        y: eta)
      for i in 0..<m {
        let s = weights?[start + i] ?? 1
        let yi = y[start + i]
        let e = eta[i]
        let z = exp(-abs(e))
        // log μ = −softplus(−η), log(1 − μ) = −softplus(η) and softplus(−η) = softplus(η) − η,
        // so y log μ + (1 − y) log(1 − μ) = y η − softplus(η). Writing softplus(η) as
        // max(η, 0) + log1p(exp(−|η|)) never overflows (log(1 + exp(η)) does for η > 709)
        // and keeps full relative accuracy of the tail term when exp(−|η|) ≪ 1, where
        // log(1 + exp(−|η|)) would round to 0.
        let softplus = max(e, 0) + log1p(z)
        logLikelihood += s * (yi * e - softplus)
        let large = 1 / (1 + z)  // σ(|η|), in [1/2, 1]
        let small = z * large  // σ(−|η|) = 1 − σ(|η|) without cancellation
        let mu = e >= 0 ? large : small
        let oneMinusMu = e >= 0 ? small : large
        let r = yi == 1 ? oneMinusMu : -mu
        residual[i] = s * r
        // IRLS weight s μ(1 − μ) = s σ(|η|) σ(−|η|): exact to rounding for every η, and
        // it underflows to 0 only for |η| > 745, long after separation has been detected
        // (|η| > 18.4 counts as perfectly predicted), so no floor is needed; a zero weight
        // just drops the row from the information, which Cholesky then reports.
        let root = (s * large * small).squareRoot()
        let src = xt + i * p
        let dst = tile + i * p
        for j in 0..<p { dst[j] = src[j] * root }
        if s > 0 {
          if yi == 1 ? e <= 0 : e >= 0 { misclassified += 1 }
          if abs(r) < tolerance { perfectlyPredicted += 1 }
        }
      }
      BLAS.syrkUpper(
        n: p, k: m, alpha: 1, a: tile, lda: p, beta: 1, c: h, ldc: p)
      BLAS.gemv(
        transpose: false, rows: p, columns: m, alpha: 1, a: xt, lda: p, x: residual, beta: 1,
        y: g)
      start += m
    }
    return PassResult(
      logLikelihood: logLikelihood, gradient: Array(UnsafeBufferPointer(start: g, count: p)),
      information: Matrix(
        rows: p, columns: p, elements: Array(UnsafeBufferPointer(start: h, count: p * p))),
      misclassified: misclassified, perfectlyPredicted: perfectlyPredicted)
  }
}

/// Calls `body` with a pointer to `values`' storage, or with nil when `values` is nil.
func withOptionalPointer<R>(_ values: [Double]?, _ body: (UnsafePointer<Double>?) -> R) -> R {
  guard let values else { return body(nil) }
  return values.withUnsafeBufferPointer { body($0.baseAddress) }
}
