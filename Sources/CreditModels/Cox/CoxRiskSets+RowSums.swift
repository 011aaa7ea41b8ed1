import LinearAlgebra

// Pass 2's sums over the rows (see CoxRiskSets.swift): with c_i and v_i = [event] w_i − c_i
// from pass 1 and x̃ = x − x̄ (centred), Σ c x̃ x̃ᵀ, Σ v x̃, and per group Σ r x̃ over its
// events and over its other rows.
//
// With levels (`LevelColumns`), the stored columns D are centred on the fly as before and go
// through `dsyrk`; a row's indicators e are added where they are one, uncentred, and the
// centring is applied to the chunk's sums at the end:
//
//   Σ c ũ (e − ē)ᵀ        = Σ c ũ eᵀ − (Σ c ũ) ēᵀ
//   Σ c (e − ē)(e − ē)ᵀ   = Σ c e eᵀ − (Σ c e) ēᵀ − ē (Σ c e)ᵀ + (Σ c) ē ēᵀ
//   Σ v (e − ē), Σ r (e − ē) likewise,
//
// where Σ c e eᵀ holds weighted counts only. The indicators are 0 or 1 and their means in
// [0, 1], so no term is larger than Σ c: the corrections cost no digits that matter.

extension CoxRiskSets {
  /// One row chunk's pass-2 sums (`gram` upper-triangular, p x p).
  struct RowSums {
    var gram: [Double]
    var gradient: [Double]
    var firstGroup: Int
    /// Per group, `Σ r x̃` over its events and over its other rows (p each).
    var eventS1: [Double]
    var restS1: [Double]
  }

  /// Where the fit's stored columns are: fit columns `lo ..< lo + d`, read at `offset` within
  /// rows `stride` apart in `x.storedRows`; the fit's other columns (with levels) come after them.
  var storedLayout: (lo: Int, d: Int, stride: Int, offset: Int) {
    let levels = x.levels
    let (a, b) = levels?.storedColumns(in: columns) ?? (columns.lowerBound, columns.upperBound)
    return (
      a - columns.lowerBound, b - a, levels?.dense ?? x.features, a - (levels?.denseStart ?? 0)
    )
  }

  /// The pass-2 sums of each row chunk, in chunk order.
  func rowSums(_ state: State) -> [RowSums] {
    let tileRows = DesignMatrix.tileRows
    let levels = x.levels
    precondition(
      levels?.intercept != true || !columns.contains(0), "the intercept is not a Cox column")
    let (lo, d, stride, offset) = storedLayout
    return x.storage.withUnsafeBufferPointer { xs in
      state.risk.withUnsafeBufferPointer { rs in
        Parallel.map(active) { r in
          let g0 = group(of: r.lowerBound)
          let span = group(of: r.upperBound - 1) - g0 + 1
          var part = RowSums(
            gram: [Double](repeating: 0, count: p * p),
            gradient: [Double](repeating: 0, count: p), firstGroup: g0,
            eventS1: [Double](repeating: 0, count: span * p),
            restS1: [Double](repeating: 0, count: span * p))
          // With levels: Σ c ũ, Σ c, Σ v, each group's Σ r over events and other rows, and
          // room for a tile's √c.
          var totals = [Double](
            repeating: 0, count: levels == nil ? 0 : d + 2 + 2 * span + tileRows)
          let rootsAt = d + 2 + 2 * span
          var tile = [Double](repeating: 0, count: tileRows * Swift.max(d, 1))
          // With coded columns, a tile's stored rows written out.
          let expanded = UnsafeMutablePointer<Double>.allocate(
            capacity: x.coded == nil ? 0 : tileRows * stride)
          defer { expanded.deallocate() }
          let factors = levels?.factorCount ?? 0
          part.gram.withUnsafeMutableBufferPointer { gram in
            part.gradient.withUnsafeMutableBufferPointer { grad in
              part.eventS1.withUnsafeMutableBufferPointer { evS1 in
                part.restS1.withUnsafeMutableBufferPointer { restS1 in
                  tile.withUnsafeMutableBufferPointer { t in
                    totals.withUnsafeMutableBufferPointer { tot in
                      (levels?.rowColumns ?? []).withUnsafeBufferPointer { rowColumns in
                        var g = g0
                        var start = r.lowerBound
                        while start < r.upperBound {
                          let rows = Swift.min(tileRows, r.upperBound - start)
                          let block = x.storedRows(
                            start..<(start + rows), in: xs, scratch: expanded)
                          for i in 0..<rows {
                            let m = start + i
                            while groupStart[g + 1] <= m { g += 1 }
                            let event = isEvent[m]
                            let ri = rs[m]
                            let c = ri * (event ? state.eventFactor[g] : state.restFactor[g])
                            let v = (event ? weights?[m] ?? 1 : 0) - c
                            let s = c.squareRoot()
                            let src = block.map { $0 + i * stride + offset }
                            let dst = t.start + i * d
                            let acc = (event ? evS1.start : restS1.start) + (g - g0) * p
                            if let src {
                              for j in 0..<d {
                                let xj = src[j] - mean[lo + j]
                                dst[j] = xj * s
                                acc[lo + j] += ri * xj
                                grad[lo + j] += v * xj
                              }
                            }
                            guard levels != nil else { continue }
                            // Uncentred: the row's indicators where they are one.
                            if let base = rowColumns.baseAddress {
                              addLevels(
                                of: base + m * factors, count: factors, scaled: dst, d: d,
                                lo: lo, weights: (s, c, v, ri), gram: gram.start,
                                gradient: grad.start, s1: acc)
                            }
                            tot[rootsAt + i] = s
                            tot[d] += c
                            tot[d + 1] += v
                            tot[d + 2 + 2 * (g - g0) + (event ? 0 : 1)] += ri
                          }
                          if d > 0 {
                            BLAS.syrkUpper(
                              n: d, k: rows, alpha: 1, a: t.start, lda: d, beta: 1,
                              c: gram.start + lo + lo * p, ldc: p)
                            if levels != nil {
                              // Σ c ũ = Σ √c (√c ũ), from the scaled rows.
                              BLAS.gemv(
                                transpose: false, rows: d, columns: rows, alpha: 1, a: t.start,
                                lda: d, x: tot.start + rootsAt, beta: 1, y: tot.start)
                            }
                          }
                          start += rows
                        }
                      }
                    }
                  }
                }
              }
            }
          }
          if levels != nil { centreLevels(&part, stored: lo..<(lo + d), totals: totals) }
          return part
        }
      }
    }
  }

  /// Adds a row's uncentred level terms: its levels (design columns `levels[0 ..< count]`,
  /// -1: none) against the stored columns (`c ũ`, from the row's `scaled` values `√c ũ`),
  /// themselves and each other, into `gram`; `v` into `gradient` and `r` into `s1` at each.
  @inline(__always)
  private func addLevels(
    of levels: UnsafePointer<Int16>, count: Int, scaled: UnsafePointer<Double>, d: Int, lo: Int,
    weights: (root: Double, c: Double, v: Double, r: Double), gram: UnsafeMutablePointer<Double>,
    gradient: UnsafeMutablePointer<Double>, s1: UnsafeMutablePointer<Double>
  ) {
    let fit = columns
    for q in 0..<count where fit.contains(Int(levels[q])) {
      let level = Int(levels[q]) &- fit.lowerBound
      let out = gram + level &* p + lo
      for j in 0..<d { out[j] += weights.root * scaled[j] }
      for e in 0..<q where fit.contains(Int(levels[e])) {
        let other = Int(levels[e]) &- fit.lowerBound
        gram[Swift.min(other, level) &+ Swift.max(other, level) &* p] += weights.c
      }
      gram[level &+ level &* p] += weights.c
      gradient[level] += weights.v
      s1[level] += weights.r
    }
  }

  /// Centres a chunk's sums over the level columns (every fit column outside `stored`), from
  /// its uncentred sums and `totals` (Σ c ũ over `stored`, Σ c, Σ v, and per group Σ r over
  /// its events and over its other rows, then room for a tile's √c).
  private func centreLevels(_ part: inout RowSums, stored: Range<Int>, totals: [Double]) {
    let d = stored.count
    let levels = (0..<p).filter { !stored.contains($0) }
    let (c, v) = (totals[d], totals[d + 1])
    // Σ c e of each level: the uncentred diagonal, read before it is centred.
    let counts = levels.map { part.gram[$0 + $0 * p] }
    for (k, level) in levels.enumerated() {
      let m = mean[level]
      for j in 0..<d { part.gram[stored.lowerBound + j + level * p] -= m * totals[j] }
      for (k2, other) in levels.enumerated() where other <= level {
        let m2 = mean[other]
        part.gram[other + level * p] += -m * counts[k2] - m2 * counts[k] + m * m2 * c
      }
      part.gradient[level] -= m * v
      for g in 0..<(part.eventS1.count / p) {
        part.eventS1[g * p + level] -= m * totals[d + 2 + 2 * g]
        part.restS1[g * p + level] -= m * totals[d + 3 + 2 * g]
      }
    }
  }

  /// Calls `body(m, (x_m − x̄) · β)` for each active row m of `rows`, the centred sum formed
  /// in the same order for every row (identical rows give identical values): over the stored
  /// columns in order, then, with levels, `−Σ x̄ β` over the levels plus the row's own levels'
  /// coefficients.
  func centredLinearPredictor(rows: Range<Int>, beta: [Double], _ body: (Int, Double) -> Void) {
    let levels = x.levels
    let (lo, d, stride, offset) = storedLayout
    var levelTerm = 0.0
    for k in 0..<p where !(lo..<(lo + d)).contains(k) { levelTerm -= mean[k] * beta[k] }
    let factors = levels?.factorCount ?? 0
    x.storage.withUnsafeBufferPointer { xs in
      // With coded columns, a tile of rows written out at a time.
      x.forEachStoredBlock(rows, in: xs) { block, stored in
        for m in block {
          var eta = 0.0
          if let stored {
            let row = stored + (m - block.lowerBound) * stride + offset
            for j in 0..<d { eta += (row[j] - mean[lo + j]) * beta[lo + j] }
          }
          if let levels {
            eta += levelTerm
            for q in 0..<factors {
              let column = Int(levels.rowColumns[m * factors + q])
              if column >= 0 && columns.contains(column) {
                eta += beta[column - columns.lowerBound]
              }
            }
          }
          body(m, eta)
        }
      }
    }
  }
}
