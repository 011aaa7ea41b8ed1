import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// Implementation goals, in order of priority:
// 1. No NaN and no overflow for any finite η: every quantity below is written in terms of
//    z = exp(−|η|) ∈ (0, 1], which cannot overflow, and without subtracting nearly equal
//    numbers.
// 2. Determinism: rows are reduced in fixed chunks (`Parallel.map`), summed in chunk order.
// 3. Speed: one pass over X per Newton iteration (`DesignMatrix.fusedGramPass`): each tile of
//    `DesignMatrix.tileRows` rows is read from memory once by the `gemv` for η; the
//    √w-scaling, the `syrk` into the information and the `gemv` for the score then find it in
//    cache.

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
    pass(x, BinaryTargets(y, weights: weights), coefficients: beta)
  }

  /// `pass(_:_:weights:coefficients:)` of outcomes and weights given as `BinaryTargets`.
  static func pass(
    _ x: DesignMatrix, _ targets: BinaryTargets, coefficients beta: [Double]
  ) -> PassResult {
    let p = x.features
    precondition(beta.count == p, "shape mismatch")
    let tolerance = perfectPredictionTolerance
    let fused: FusedPassResult<LogisticSums> = targets.withRows { targetRows in
      x.fusedGramPass(coefficients: beta, residualColumns: 1) { rows, tile, sums in
        for i in 0..<tile.count {
          let s = targetRows.weight(rows.lowerBound + i)
          let yi = targetRows.outcome(rows.lowerBound + i)
          let e = tile.eta[i]
          let z = exp(-abs(e))
          // log μ = −softplus(−η), log(1 − μ) = −softplus(η) and softplus(−η) = softplus(η) − η,
          // so y log μ + (1 − y) log(1 − μ) = y η − softplus(η). Writing softplus(η) as
          // max(η, 0) + log1p(exp(−|η|)) never overflows (log(1 + exp(η)) does for η > 709)
          // and keeps full relative accuracy of the tail term when exp(−|η|) ≪ 1, where
          // log(1 + exp(−|η|)) would round to 0.
          let softplus = max(e, 0) + log1p(z)
          sums.logLikelihood += s * (yi * e - softplus)
          let large = 1 / (1 + z)  // σ(|η|), in [1/2, 1]
          let small = z * large  // σ(−|η|) = 1 − σ(|η|) without cancellation
          let mu = e >= 0 ? large : small
          let oneMinusMu = e >= 0 ? small : large
          let r = yi == 1 ? oneMinusMu : -mu
          tile.residuals[i] = s * r
          // IRLS weight s μ(1 − μ) = s σ(|η|) σ(−|η|): exact to rounding for every η, and
          // it underflows to 0 only for |η| > 745, long after separation has been detected
          // (|η| > 18.4 counts as perfectly predicted), so no floor is needed; a zero weight
          // just drops the row from the information, which Cholesky then reports.
          tile.rootWeights[i] = (s * large * small).squareRoot()
          if s > 0 {
            if yi == 1 ? e <= 0 : e >= 0 { sums.misclassified += 1 }
            if abs(r) < tolerance { sums.perfectlyPredicted += 1 }
          }
        }
      }
    }
    return PassResult(
      logLikelihood: fused.sums.logLikelihood, gradient: fused.products,
      information: fused.gram, misclassified: fused.sums.misclassified,
      perfectlyPredicted: fused.sums.perfectlyPredicted)
  }
}

/// The scalar sums of the logistic pass.
struct LogisticSums: AdditiveSums {
  var logLikelihood = 0.0
  var misclassified = 0
  var perfectlyPredicted = 0

  static var sums: [WritableKeyPath<Self, Double>] { [\.logLikelihood] }
  static var counts: [WritableKeyPath<Self, Int>] { [\.misclassified, \.perfectlyPredicted] }
}
