import LinearAlgebra

// The one-pass-per-Newton-step engine shared by the GLM-like fits (logistic regression,
// Weibull AFT). A Newton step of such a model needs, at the current coefficients β,
//
//   η = X β,   scalars Σ fᵢ(ηᵢ),   Xᵀ R (R: n x k per-row residuals),   Xᵀ diag(v) X (v ≥ 0),
//
// where fᵢ, R and v depend on row i only through ηᵢ and the row's own data. All of it is
// computed in one pass over X: each tile of `DesignMatrix.tileRows` rows is read from memory
// once by the `gemv` for η; the model's row kernel turns η into the row terms; the √v-scaled
// copy of the tile, its `syrk` into the Gram matrix and the `gemv`s for `Xᵀ R` then find the
// tile in cache. A design that keeps its intercept and category columns as levels
// (`LevelColumns`) forms these products by blocks (`DesignMatrix.linearPredictor`,
// `addWeightedGram`): BLAS on the stored columns, weighted sums and counts per level for the
// rest. Chunks of rows run in parallel (`Parallel.map`) and are summed in chunk order,
// so results are bit-identical from run to run.

/// The buffers a row kernel reads and fills for one tile of `count` rows.
struct TileTerms {
  /// Rows in this tile.
  let count: Int
  /// `ηᵢ = xᵢ · β` for the tile's rows.
  let eta: UnsafePointer<Double>
  /// To fill: `√vᵢ`, the root of row i's weight in the Gram matrix (must be finite).
  let rootWeights: UnsafeMutablePointer<Double>
  /// To fill: residual column c of row i at `residuals[c * stride + i]`.
  let residuals: UnsafeMutablePointer<Double>
  /// Distance between residual columns.
  let stride: Int
}

/// What one fused pass returns: `sums` are the scalar sums the row kernel accumulates,
/// added over the chunks in order.
struct FusedPassResult<Sums: AdditiveSums> {
  /// The kernel's scalar sums over all rows.
  var sums: Sums
  /// `Xᵀ R`, p x k column-major (empty when derivatives were not requested).
  var products: [Double]
  /// `Xᵀ diag(v) X`, full symmetric (0 x 0 when derivatives were not requested).
  var gram: Matrix
}

extension DesignMatrix {
  /// η, the row kernel's sums and, when `derivatives`, `Xᵀ R` and `Xᵀ diag(v) X`, in one pass.
  ///
  /// - Parameters:
  ///   - beta: the coefficients η is formed with.
  ///   - residualColumns: k ≥ 1, the number of residual columns the kernel fills.
  ///   - derivatives: false for a value-only pass (η and the sums, e.g. for a line search):
  ///     the kernel still runs, but its `rootWeights` and `residuals` are ignored.
  ///   - kernel: called once per tile with the tile's global row range; it fills `TileTerms`
  ///     and adds the tile's rows into `sums`. Called concurrently for disjoint row ranges.
  /// - Complexity: O(n p²) (O(n p) without derivatives), parallel over row chunks.
  func fusedGramPass<Sums: AdditiveSums>(
    coefficients beta: [Double], residualColumns: Int, derivatives: Bool = true,
    kernel: (_ rows: Range<Int>, _ tile: TileTerms, _ sums: inout Sums) -> Void
  ) -> FusedPassResult<Sums> {
    let p = features
    let k = residualColumns
    precondition(beta.count == p && k >= 1, "shape mismatch")
    BLAS.useSingleThreadedKernels()
    let partials: [FusedPassResult<Sums>] = beta.withUnsafeBufferPointer { bs in
      // An empty problem has nothing to sum; without features (no base address) η is 0.
      guard observations > 0 else { return [] }
      return Parallel.map(observations) { rows in
        fusedChunk(
          beta: bs.baseAddress, rows: rows, residualColumns: k, derivatives: derivatives,
          kernel: kernel)
      }
    }
    var total = FusedPassResult<Sums>(
      sums: Sums(), products: [Double](repeating: 0, count: derivatives ? p * k : 0),
      gram: derivatives ? Matrix(rows: p, columns: p) : Matrix(rows: 0, columns: 0))
    for part in partials {
      total.sums.add(part.sums)
      for j in total.products.indices { total.products[j] += part.products[j] }
      for j in total.gram.elements.indices { total.gram.elements[j] += part.gram.elements[j] }
    }
    total.gram.symmetrizeFromUpper()
    return total
  }

  /// One chunk of `fusedGramPass`, tile by tile; the Gram matrix is left upper-triangular.
  private func fusedChunk<Sums: AdditiveSums>(
    beta: UnsafePointer<Double>?, rows: Range<Int>, residualColumns k: Int, derivatives: Bool,
    kernel: (Range<Int>, TileTerms, inout Sums) -> Void
  ) -> FusedPassResult<Sums> {
    let p = features
    let tileRows = DesignMatrix.tileRows
    var sums = Sums()
    var products = [Double](repeating: 0, count: derivatives ? p * k : 0)
    var gram = [Double](repeating: 0, count: derivatives ? p * p : 0)
    let tile = UnsafeMutablePointer<Double>.allocate(capacity: derivatives ? tileRows * p : 0)
    let eta = UnsafeMutablePointer<Double>.allocate(capacity: tileRows)
    let roots = UnsafeMutablePointer<Double>.allocate(capacity: tileRows)
    let residuals = UnsafeMutablePointer<Double>.allocate(capacity: max(1, k) * tileRows)
    // With coded columns, each tile's stored rows are written out here once for both uses.
    let expanded = UnsafeMutablePointer<Double>.allocate(
      capacity: coded == nil ? 0 : tileRows * storedWidth)
    defer {
      tile.deallocate()
      eta.deallocate()
      roots.deallocate()
      residuals.deallocate()
      expanded.deallocate()
    }
    storage.withUnsafeBufferPointer { xs in
      products.withUnsafeMutableBufferPointer { gp in
        gram.withUnsafeMutableBufferPointer { hp in
          var start = rows.lowerBound
          while start < rows.upperBound {
            let tileRange = start..<Swift.min(start + tileRows, rows.upperBound)
            let stored = storedRows(tileRange, in: xs, scratch: expanded)
            if p > 0, let beta {
              linearPredictor(
                rows: tileRange, stored: stored, columns: 0..<p, beta: beta, into: eta)
            } else {
              eta.initialize(repeating: 0, count: tileRange.count)  // no features: η = 0
            }
            kernel(
              tileRange,
              TileTerms(
                count: tileRange.count, eta: eta, rootWeights: roots, residuals: residuals,
                stride: tileRows),
              &sums)
            if derivatives, let h = hp.baseAddress, let g = gp.baseAddress {
              addWeightedGram(
                rows: tileRange, stored: stored, rootWeights: roots, residuals: residuals,
                residualColumns: k, stride: tileRows, tile: tile, gram: h, products: g)
            }
            start = tileRange.upperBound
          }
        }
      }
    }
    let order = derivatives ? p : 0
    return FusedPassResult(
      sums: sums, products: products, gram: Matrix(rows: order, columns: order, elements: gram))
  }
}

/// Calls `body` with a pointer to `values`' storage, or with nil when `values` is nil.
func withOptionalPointer<R>(_ values: [Double]?, _ body: (UnsafePointer<Double>?) -> R) -> R {
  guard let values else { return body(nil) }
  return values.withUnsafeBufferPointer { body($0.baseAddress) }
}
