import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension CoxProportionalHazards {
  /// Sorted, grouped, centred training data plus what the baseline estimate needs.
  struct Prepared {
    let data: CoxRiskSets
    /// Column means over the active rows (exact value for constant columns).
    let mean: [Double]
    /// Distinct training durations, ascending (the baseline's knots).
    let knots: [Double]
    /// The event time of each group (descending).
    let eventTimes: [Double]
    /// Input rows in the copy's order; the first `data.active` are the copied rows.
    let order: [Int]

    /// The Breslow baseline at x = 0 for the fit in `state`.
    func baseline(state: CoxRiskSets.State, beta: [Double]) -> BaselineHazard {
      // S0 at x = 0: Σ w exp(x β) = S0_shifted · exp(shift + x̄ β).
      var offset = state.shift
      for j in beta.indices { offset += mean[j] * beta[j] }
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

  /// Sorts by duration (descending, events first), forms the risk-set groups, copies the active
  /// rows (their `columns` only) centred and checks their rank.
  static func prepare(
    _ x: DesignMatrix, columns: [Int], durations: [Double], events: [Bool], weights: [Double]?,
    ties: TieMethod, featureNames: [String]
  ) throws -> Prepared {
    let n = x.observations
    let p = columns.count
    let stride = x.features
    let contiguous = columns == Array(columns.indices.map { $0 + (columns.first ?? 0) })
    // Non-negative doubles order like their bit patterns (top bit 0); complementing the 63 low
    // bits makes the order descending, and the freed low bit puts events first.
    let keys = (0..<n).map { i -> UInt64 in
      let bits = (durations[i] == 0 ? 0.0 : durations[i]).bitPattern
      return ((~bits) & 0x7FFF_FFFF_FFFF_FFFF) << 1 | (events[i] ? 0 : 1)
    }
    let order = SortKeys.stableOrder(keys)

    // Groups: runs of equal duration, closed after each run that holds events.
    var groupStart = [0]
    var eventStart: [Int] = []
    var eventEnd: [Int] = []
    var eventWeight: [Double] = []
    var eventTimes: [Double] = []
    var knotsDescending: [Double] = []
    var active = 0
    var m = 0
    while m < n {
      let t = durations[order[m]]
      var end = m
      var w = 0.0
      while end < n, durations[order[end]] == t, events[order[end]] {
        w += weights?[order[end]] ?? 1
        end += 1
      }
      let firstCensored = end
      while end < n, durations[order[end]] == t { end += 1 }
      knotsDescending.append(t)
      if firstCensored > m {
        eventStart.append(m)
        eventEnd.append(firstCensored)
        eventWeight.append(w)
        eventTimes.append(t)
        groupStart.append(end)
        active = end
      }
      m = end
    }

    // Copy the active rows in sorted order; column sums, ranges and finiteness on the way.
    struct Stats {
      var sum: [Double]
      var low: [Double]
      var high: [Double]
      var finite: Bool
    }
    var xs = [Double](repeating: 0, count: active * p)
    let stats: [Stats] = xs.withUnsafeMutableBufferPointer { dp in
      let dst = SendablePointer(dp.start)
      return x.storage.withUnsafeBufferPointer { sp in
        Parallel.map(active) { r in
          var sum = [Double](repeating: 0, count: p)
          var low = [Double](repeating: .infinity, count: p)
          var high = [Double](repeating: -.infinity, count: p)
          var finite = true
          sum.withUnsafeMutableBufferPointer { su in
            low.withUnsafeMutableBufferPointer { lo in
              high.withUnsafeMutableBufferPointer { hi in
                for m in r {
                  let src = sp.start + order[m] * stride
                  let out = dst.pointer + m * p
                  if contiguous {
                    out.update(from: src + (columns.first ?? 0), count: p)
                  } else {
                    for (k, j) in columns.enumerated() { out[k] = src[j] }
                  }
                  for j in 0..<p {
                    let v = out[j]
                    su[j] += v
                    lo[j] = Swift.min(lo[j], v)
                    hi[j] = Swift.max(hi[j], v)
                  }
                }
                // Non-finite values make a sum non-finite (inf − inf and NaN included).
                for j in 0..<p where !su[j].isFinite { finite = false }
              }
            }
          }
          return Stats(sum: sum, low: low, high: high, finite: finite)
        }
      }
    }
    // Rare paths: locate the first non-finite entry; the inactive rows are checked here too.
    let suspects = stats.allSatisfy(\.finite) ? Array(order[active...]) : Array(0..<n)
    var bad: (row: Int, column: Int)? = nil
    search: for i in suspects.sorted() {
      for k in 0..<p where !x[i, columns[k]].isFinite {
        bad = (i, k)
        break search
      }
    }
    if let bad {
      throw FitError.invalidInput(
        "covariate '\(featureNames[bad.column])' at row \(bad.row) is "
          + "\(x[bad.row, columns[bad.column]])")
    }
    var mean = [Double](repeating: 0, count: p)
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
      // A constant column centres to exact zeros, which the rank check reports by name.
      mean[j] = constant[j] ? low : sum / Double(active)
    }

    // Centre in place and form XᵀX of the centred rows (tile by tile, one read).
    BLAS.useSingleThreadedKernels()
    let grams: [[Double]] = xs.withUnsafeMutableBufferPointer { dp in
      let base = SendablePointer(dp.start)
      return Parallel.map(active) { r in
        var g = [Double](repeating: 0, count: p * p)
        var start = r.lowerBound
        while start < r.upperBound {
          let rows = Swift.min(DesignMatrix.tileRows, r.upperBound - start)
          let tile = base.pointer + start * p
          for i in 0..<rows {
            for j in 0..<p { tile[i * p + j] -= mean[j] }
          }
          g.withUnsafeMutableBufferPointer { gp in
            BLAS.syrkUpper(
              n: p, k: rows, alpha: 1, a: tile, lda: p, beta: 1, c: gp.start, ldc: p)
          }
          start += rows
        }
        return g
      }
    }
    var gram = Matrix(rows: p, columns: p, elements: grams[0])
    for part in grams.dropFirst() { for k in 0..<(p * p) { gram.elements[k] += part[k] } }
    let rank = RankAnalysis(gram: gram)
    if !rank.isFullRank {
      var groups = rank.zeroColumns.map { [$0] } + rank.dependencies
      groups.sort { $0[0] < $1[0] }
      throw FitError.collinearColumns(groups.map { $0.map { featureNames[$0] } })
    }

    let data = CoxRiskSets(
      p: p, active: active, x: xs,
      weights: (0..<active).map { weights?[order[$0]] ?? 1 },
      isEvent: (0..<active).map { events[order[$0]] },
      groupStart: groupStart, eventStart: eventStart, eventEnd: eventEnd,
      eventWeight: eventWeight, ties: ties)
    return Prepared(
      data: data, mean: mean, knots: knotsDescending.reversed(), eventTimes: eventTimes,
      order: order)
  }
}
