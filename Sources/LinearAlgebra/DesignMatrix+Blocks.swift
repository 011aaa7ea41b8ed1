// The products the fits need, by blocks when the design keeps levels (`LevelColumns`).
//
// With the columns split into the stored ones D and the intercept and indicators L, a row's
// η is `x_D · β_D` (BLAS `dgemv` on the stored values) plus the coefficients of its levels,
// and the weighted Gram matrix `Σ v x xᵀ` is, block by block:
//
//   D×D   `dsyrk` on the stored values scaled by √v (d columns instead of p),
//   D×L   for each row, v x_D added to the column of each of its levels (its intercept too),
//   L×L   weighted counts: v on the diagonal of each of its levels and at each pair of them
//         (two levels of one factor never meet: a row has one),
//
// and `Xᵀ r` is `dgemv` on the stored values plus r added at each of the row's levels. At 22
// columns of which 9 are levels, that is about a third of the multiplications of the full
// Gram matrix, and no row is ever written out in full.

extension DesignMatrix {
  /// `η_i = Σ_j x_ij β_j` over the features `columns` (`β_j` at `beta[j − columns.lowerBound]`)
  /// for the observations `rows`, into `eta` (one per row).
  package func linearPredictor(
    rows: Range<Int>, columns: Range<Int>, beta: UnsafePointer<Double>,
    into eta: UnsafeMutablePointer<Double>
  ) {
    storage.withUnsafeBufferPointer { xs in
      forEachStoredBlock(rows, in: xs) { block, stored in
        linearPredictor(
          rows: block, stored: stored, columns: columns, beta: beta,
          into: eta + (block.lowerBound - rows.lowerBound))
      }
    }
  }

  /// `linearPredictor(rows:columns:beta:into:)` from the rows' stored values `stored`
  /// (`storedRows`).
  package func linearPredictor(
    rows: Range<Int>, stored: UnsafePointer<Double>?, columns: Range<Int>,
    beta: UnsafePointer<Double>, into eta: UnsafeMutablePointer<Double>
  ) {
    guard !rows.isEmpty else { return }
    guard !columns.isEmpty else {
      eta.initialize(repeating: 0, count: rows.count)
      return
    }
    guard let levels else {
      BLAS.gemv(
        transpose: true, rows: columns.count, columns: rows.count, alpha: 1,
        a: stored.unsafelyUnwrapped + columns.lowerBound, lda: features, x: beta, beta: 0, y: eta)
      return
    }
    let (a, b) = levels.storedColumns(in: columns)
    if a < b {
      BLAS.gemv(
        transpose: true, rows: b - a, columns: rows.count, alpha: 1,
        a: stored.unsafelyUnwrapped + (a - levels.denseStart), lda: levels.dense,
        x: beta + (a - columns.lowerBound), beta: 0, y: eta)
    } else {
      eta.initialize(repeating: 0, count: rows.count)
    }
    levels.addCoefficients(rows: rows, columns: columns, beta: beta, to: eta)
  }

  /// Adds the observations `rows`' `Σ v x xᵀ` (upper triangle) into `gram` and their
  /// `Σ r_c x` into `products`, every feature: p x p and p x k column-major.
  ///
  /// - Parameters:
  ///   - stored: the rows' stored values (`storedRows`).
  ///   - rootWeights: `√v_i`, one per row.
  ///   - residuals: residual column c of row i at `residuals[c * stride + i]`.
  ///   - tile: room for `rows.count * p` values (the scaled rows).
  package func addWeightedGram(
    rows: Range<Int>, stored: UnsafePointer<Double>?, rootWeights: UnsafePointer<Double>,
    residuals: UnsafePointer<Double>, residualColumns k: Int, stride: Int,
    tile: UnsafeMutablePointer<Double>, gram h: UnsafeMutablePointer<Double>,
    products g: UnsafeMutablePointer<Double>
  ) {
    let p = features
    let m = rows.count
    guard m > 0, p > 0 else { return }
    // The stored values: all p columns, or the d after the intercept.
    let d = levels?.dense ?? p
    let start = levels?.denseStart ?? 0
    if d > 0 {
      let x = stored.unsafelyUnwrapped
      for i in 0..<m {
        let root = rootWeights[i]
        let src = x + i * d
        let dst = tile + i * d
        for j in 0..<d { dst[j] = src[j] * root }
      }
      BLAS.syrkUpper(
        n: d, k: m, alpha: 1, a: tile, lda: d, beta: 1, c: h + start + start * p, ldc: p)
      for c in 0..<k {
        BLAS.gemv(
          transpose: false, rows: d, columns: m, alpha: 1, a: x, lda: d,
          x: residuals + c * stride, beta: 1, y: g + c * p + start)
      }
    }
    guard let levels else { return }
    // (No stored values at all: nothing is read from `stored`.)
    levels.addLevelBlocks(
      rows: rows, stored: stored ?? UnsafePointer(tile), rootWeights: rootWeights,
      residuals: residuals,
      residualColumns: k, stride: stride, tile: tile, gram: h, products: g)
  }
}

extension LevelColumns {
  /// Adds to `eta[i − rows.lowerBound]` the coefficients of row i's level columns among
  /// `columns` (`β_j` at `beta[j − columns.lowerBound]`): the intercept's, then each factor's.
  func addCoefficients(
    rows: Range<Int>, columns: Range<Int>, beta: UnsafePointer<Double>,
    to eta: UnsafeMutablePointer<Double>
  ) {
    let low = columns.lowerBound
    let k = factorCount
    let first = intercept && columns.contains(0) ? beta[-low] : 0
    // Each design column's coefficient, 0 outside `columns` and for -1 (no column), at
    // `coefficient[column + 1]`: no branch per row.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: width + 1) { table in
      let coefficient = table.baseAddress.unsafelyUnwrapped
      coefficient.initialize(repeating: 0, count: width + 1)
      for c in columns where c < width { coefficient[c + 1] = beta[c - low] }
      rowColumns.withUnsafeBufferPointer { levels in
        guard let base = levels.baseAddress else {
          for i in 0..<rows.count { eta[i] += first }
          return
        }
        for i in 0..<rows.count {
          let row = base + (rows.lowerBound &+ i) &* k
          var sum = first
          for f in 0..<k { sum += coefficient[Int(row[f]) &+ 1] }
          eta[i] += sum
        }
      }
    }
  }

  /// The blocks of `addWeightedGram` that involve levels (every column is a design column):
  /// intercept x stored by `dgemv`, then row by row each level against the stored columns
  /// (all before it), itself, the row's earlier levels, and the residuals.
  ///
  /// `stored`: the rows' stored values, row `rows.lowerBound`'s first.
  func addLevelBlocks(
    rows: Range<Int>, stored: UnsafePointer<Double>, rootWeights: UnsafePointer<Double>,
    residuals: UnsafePointer<Double>, residualColumns k: Int, stride: Int,
    tile: UnsafeMutablePointer<Double>, gram h: UnsafeMutablePointer<Double>,
    products g: UnsafeMutablePointer<Double>
  ) {
    let (p, d, start, factors) = (width, dense, denseStart, factorCount)
    let m = rows.count
    let x = stored
    // The weights v = (√v)², in `tile` (the scaled rows are no longer needed).
    let v = tile
    for i in 0..<m { v[i] = rootWeights[i] * rootWeights[i] }
    if intercept {
      var total = 0.0
      for i in 0..<m { total += v[i] }
      h[0] += total
      for c in 0..<k {
        var sum = 0.0
        for i in 0..<m { sum += residuals[c * stride + i] }
        g[c * p] += sum
      }
      // Σ v x over the stored columns: row 0 of their columns.
      let sums = v + m
      if d > 0 {
        BLAS.gemv(
          transpose: false, rows: d, columns: m, alpha: 1, a: x, lda: d, x: v, beta: 0, y: sums)
        for j in 0..<d { h[(start + j) * p] += sums[j] }
      }
    }
    rowColumns.withUnsafeBufferPointer { levels in
      guard let base = levels.baseAddress else { return }
      for i in 0..<m {
        let vi = v[i]
        let row = base + (rows.lowerBound &+ i) &* factors
        let values = x + i &* d
        for f in 0..<factors {
          let column = Int(row[f])
          guard column >= 0 else { continue }
          let out = h + column &* p
          let block = out + start
          for j in 0..<d { block[j] += vi * values[j] }
          if intercept { out[0] += vi }
          for e in 0..<f where row[e] >= 0 {
            let other = Int(row[e])
            h[Swift.min(other, column) &+ Swift.max(other, column) &* p] += vi
          }
          out[column] += vi
          for c in 0..<k { g[c &* p &+ column] += residuals[c &* stride &+ i] }
        }
      }
    }
  }
}
