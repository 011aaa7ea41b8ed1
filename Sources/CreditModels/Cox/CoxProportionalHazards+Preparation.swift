import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension CoxProportionalHazards {
  /// Sorted, grouped training data plus what the baseline estimate needs.
  struct Prepared {
    let data: CoxRiskSets
    /// Column means over the active rows of positive weight (exact for constant columns).
    let mean: [Double]
    /// Column ranges (largest − smallest value) over the active rows: the scales that name
    /// the feature behind a monotone likelihood.
    let range: [Double]
    /// Distinct training durations, ascending (the baseline's knots).
    let knots: [Double]
    /// The event time of each group (descending).
    let eventTimes: [Double]
    /// Input rows in the copy's order; the first `data.active` are the copied rows.
    let order: RowOrder

    /// The Breslow baseline at x = 0 for the fit in `state`.
    func baseline(state: CoxRiskSets.State, beta: [Double]) -> BaselineHazard {
      // S0 at x = 0: Σ w exp(x β) = S0_shifted · exp(shift) (η = x β of the rows as given).
      let offset = state.shift
      var values = [Double](repeating: 0, count: knots.count)
      var k = data.groups - 1
      var cumulative = 0.0
      for (m, t) in knots.enumerated() {
        while k >= 0, eventTimes[k] <= t {
          cumulative += data.eventWeight[k] * exp(-offset) / state.riskSetSum[k]
          k -= 1
        }
        values[m] = cumulative
      }
      return BaselineHazard(times: knots, cumulativeHazard: values)
    }
  }

  /// The sort keys of the risk-set order: duration descending, events first within a duration.
  ///
  /// Non-negative doubles order like their bit patterns (top bit 0); complementing the 63 low
  /// bits makes the order descending, and the freed low bit puts events first.
  static func riskSetKeys(durations: [Double], events: [Bool]) -> [UInt64] {
    (0..<durations.count).map { riskSetKey(durations[$0], event: events[$0]) }
  }

  /// One row's key of `riskSetKeys`.
  @inline(__always)
  static func riskSetKey(_ duration: Double, event: Bool) -> UInt64 {
    let bits = (duration == 0 ? 0.0 : duration).bitPattern
    return ((~bits) & 0x7FFF_FFFF_FFFF_FFFF) << 1 | (event ? 0 : 1)
  }

  /// The order the fit sorts its rows into: duration descending, events first within a
  /// duration, input order among equals.
  ///
  /// A caller that builds its design in this order (and its durations, events and weights
  /// with it) lets `fit` read the design where it is instead of making a sorted copy: the copy
  /// of a million-row design costs about as much as two Newton iterations.
  /// - Parameters:
  ///   - durations: Finite, non-negative times.
  ///   - events: `true` where the event was observed.
  /// - Returns: Row indices, a permutation of `0..<durations.count`.
  public static func riskSetOrder(durations: [Double], events: [Bool]) -> [Int] {
    precondition(durations.count == events.count, "durations/events do not match")
    precondition(
      durations.allSatisfy { $0.isFinite && $0 >= 0 }, "durations must be finite and non-negative")
    // Whole days (invoice durations): a stable counting sort on (day, event), on both cores,
    // gives the same order as the radix sort in a fraction of the time. Each chunk counts into
    // 2 (days + 1) buckets, so a span of days longer than the rows goes to the radix sort.
    let largestDay = 1 << 20
    if durations.allSatisfy({ $0 <= Double(largestDay) && $0.rounded(.towardZero) == $0 }),
      case let top = Int(durations.max() ?? 0), 2 * (top + 1) <= Swift.max(durations.count, 1 << 12)
    {
      return ChunkedGrouping.grouping(
        durations.count, groups: 2 * (top + 1),
        group: { 2 * (top - Int(durations[$0])) + (events[$0] ? 0 : 1) }, value: { $0 }
      ).values
    }
    return SortKeys.stableOrder(riskSetKeys(durations: durations, events: events))
  }

  /// Sorts by duration (descending, events first), forms the risk-set groups, takes the column
  /// means of the active rows of positive weight (their `columns` only) and, when `verifyRank`,
  /// checks their rank.
  ///
  /// When the rows are already in that order and `columns` are contiguous, the design's own
  /// storage is used as it is (shared, not copied, never modified); otherwise the active rows
  /// are copied in sorted order.
  static func prepare(
    _ x: DesignMatrix, columns: [Int], durations: [Double], events: [Bool],
    weights: [Double]?, ties: TieMethod, featureNames: [String], verifyRank: Bool
  ) throws -> Prepared {
    let n = x.observations
    let p = columns.count
    let first = columns.first ?? 0
    let contiguous = columns == Array(first..<(first + p))
    // Rows the caller put in risk-set order (training does) need no keys at all.
    let presorted = (0..<Swift.max(n - 1, 0)).allSatisfy {
      riskSetKey(durations[$0], event: events[$0])
        <= riskSetKey(durations[$0 + 1], event: events[$0 + 1])
    }
    let order = RowOrder(
      presorted ? nil : SortKeys.stableOrder(riskSetKeys(durations: durations, events: events)))

    // Groups: runs of equal duration, closed after each run that holds events of positive
    // weight. Rows of weight 0 are no-ops: they open no group, add no knot and are not counted
    // among Efron's tied events (their risk w exp(η) is 0 in every sum).
    var groupStart = [0]
    var eventCount: [Int] = []
    var eventWeight: [Double] = []
    var eventTimes: [Double] = []
    var knotsDescending: [Double] = []
    var active = 0
    var m = 0
    while m < n {
      let t = durations[order[m]]
      var end = m
      var w = 0.0
      var d = 0
      while end < n, durations[order[end]] == t, events[order[end]] {
        let wi = weights?[order[end]] ?? 1
        w += wi
        if wi > 0 { d += 1 }
        end += 1
      }
      var weighted = d > 0 || weights == nil
      while end < n, durations[order[end]] == t {
        if !weighted, let weights, weights[order[end]] > 0 { weighted = true }
        end += 1
      }
      if weighted { knotsDescending.append(t) }
      if d > 0 {
        eventCount.append(d)
        eventWeight.append(w)
        eventTimes.append(t)
        groupStart.append(end)
        active = end
      }
      m = end
    }

    // The active rows, sorted: feature j of row m of the fit is `xs[m, fitColumns[j]]`.
    let inPlace = presorted && contiguous
    let xs: DesignMatrix
    let fitColumns: Range<Int>
    if inPlace {
      xs = x
      fitColumns = first..<(first + p)
    } else {
      fitColumns = 0..<p
      let copied = [Double](unsafeUninitializedCapacity: active * p) { dp, initialized in
        let dst = SendablePointer(dp.start)
        Parallel.forEachChunk(active) { r in
          for m in r {
            let out = dst.pointer + m * p
            if contiguous {
              let i = order[m]
              x.withRows(i..<(i + 1), columns: first..<(first + p), scratch: out) { row, _ in
                if row != UnsafePointer(out) { out.update(from: row, count: p) }
              }
            } else {
              for (k, j) in columns.enumerated() { out[k] = x[order[m], j] }
            }
          }
        }
        initialized = active * p
      }
      xs = DesignMatrix(observations: active, features: p, storage: copied)
    }
    // Case weights in the sorted order (nil: all 1).
    let sortedWeights = weights.map { w in Parallel.array(active) { w[order[$0]] } }
    // Column sums, ranges and finiteness of the active rows; sums and ranges over the rows of
    // positive weight only (a row of weight 0 is a no-op), finiteness over all of them.
    struct Stats {
      var sum: [Double]
      var low: [Double]
      var high: [Double]
      var count: Int
      var finite: Bool
    }
    let stats: [Stats] = Parallel.map(active) { r in
      var sum = [Double](repeating: 0, count: p)
      var low = [Double](repeating: .infinity, count: p)
      var high = [Double](repeating: -.infinity, count: p)
      var ignored = [Double](repeating: 0, count: sortedWeights == nil ? 0 : p)
      var count = 0
      var finite = true
      sum.withUnsafeMutableBufferPointer { su in
        low.withUnsafeMutableBufferPointer { lo in
          high.withUnsafeMutableBufferPointer { hi in
            xs.forEachTile(r, columns: fitColumns) { tile, rows, lda in
              for m in tile {
                let row = rows + (m - tile.lowerBound) * lda
                // (Unweighted fits never branch here: the engine's million rows.)
                if let sortedWeights, sortedWeights[m] == 0 {
                  for j in 0..<p { ignored[j] += row[j] }
                  continue
                }
                for j in 0..<p {
                  let v = row[j]
                  su[j] += v
                  lo[j] = Swift.min(lo[j], v)
                  hi[j] = Swift.max(hi[j], v)
                }
              }
            }
            count =
              r.count - (sortedWeights == nil ? 0 : r.filter { sortedWeights?[$0] == 0 }.count)
            // Non-finite values make a sum non-finite (inf − inf and NaN included).
            for j in 0..<p where !su[j].isFinite { finite = false }
            for v in ignored where !v.isFinite { finite = false }
          }
        }
      }
      return Stats(sum: sum, low: low, high: high, count: count, finite: finite)
    }
    // Rare paths: locate the first non-finite entry in input order; the rows no risk set
    // holds are checked here too.
    let suspects =
      stats.allSatisfy(\.finite) ? (active..<n).map { order[$0] }.sorted() : Array(0..<n)
    for i in suspects {
      for k in 0..<p {
        let v = x[i, columns[k]]
        if !v.isFinite {
          throw FitError.invalidInput("covariate '\(featureNames[k])' at row \(i) is \(v)")
        }
      }
    }
    var mean = [Double](repeating: 0, count: p)
    var range = [Double](repeating: 0, count: p)
    var constant = [Bool](repeating: false, count: p)
    for j in 0..<p {
      var sum = 0.0
      var low = Double.infinity
      var high = -Double.infinity
      for s in stats {
        sum += s.sum[j]
        low = Swift.min(low, s.low[j])
        high = Swift.max(high, s.high[j])
      }
      constant[j] = low == high
      range[j] = high - low
      // A constant column centres to exact zeros, which the rank check reports by name.
      mean[j] = constant[j] ? low : sum / Double(stats.reduce(0) { $0 + $1.count })
    }

    if verifyRank {
      try checkRank(
        xs, rows: active, columns: fitColumns, mean: mean, weights: sortedWeights,
        featureNames: featureNames)
    }

    let data = CoxRiskSets(
      p: p, active: active, x: xs, columns: fitColumns, mean: mean,
      weights: sortedWeights,
      isEvent: Parallel.array(active) { events[order[$0]] && (weights?[order[$0]] ?? 1) > 0 },
      groupStart: groupStart, eventCount: eventCount,
      eventWeight: eventWeight, ties: ties)
    return Prepared(
      data: data, mean: mean, range: range, knots: knotsDescending.reversed(),
      eventTimes: eventTimes,
      order: order)
  }

  /// Throws `FitError.tooLarge` for a column whose squares overflow, then
  /// `FitError.constantColumns` for columns constant among the active rows (the
  /// baseline absorbs those), then `FitError.collinearColumns` for linear dependencies of the
  /// centred columns, listing every column involved.
  static func checkRank(
    _ xs: DesignMatrix, rows active: Int, columns: Range<Int>, mean: [Double],
    weights: [Double]?, featureNames: [String]
  ) throws {
    let p = mean.count
    // XᵀX of the centred rows: tile by tile, each centred into a cache-resident buffer.
    BLAS.useSingleThreadedKernels()
    let grams: [[Double]] = Parallel.map(active) { r in
      var g = [Double](repeating: 0, count: p * p)
      var tile = [Double](repeating: 0, count: DesignMatrix.tileRows * p)
      xs.forEachTile(r, columns: columns) { tileRange, src, lda in
        let start = tileRange.lowerBound
        tile.withUnsafeMutableBufferPointer { t in
          for i in 0..<tileRange.count {
            let row = src + i * lda
            if let weights, weights[start + i] == 0 {
              // Rows of weight 0 add nothing.
              for j in 0..<p { t[i * p + j] = 0 }
            } else {
              for j in 0..<p { t[i * p + j] = row[j] - mean[j] }
            }
          }
          g.withUnsafeMutableBufferPointer { gp in
            BLAS.syrkUpper(
              n: p, k: tileRange.count, alpha: 1, a: t.start, lda: p, beta: 1, c: gp.start,
              ldc: p)
          }
        }
      }
      return g
    }
    var gram = Matrix(rows: p, columns: p, elements: grams[0])
    for part in grams.dropFirst() { for k in 0..<(p * p) { gram.elements[k] += part[k] } }
    try DesignRank.requireFiniteSquares(gram, featureNames: featureNames)
    let rank = RankAnalysis(gram: gram)
    if !rank.zeroColumns.isEmpty {
      throw FitError.constantColumns(rank.zeroColumns.map { featureNames[$0] })
    }
    if !rank.dependencies.isEmpty {
      throw FitError.collinearColumns(rank.dependencies.map { $0.map { featureNames[$0] } })
    }
  }
}
