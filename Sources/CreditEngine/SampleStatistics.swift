/// Medians and modes of small samples (one customer's invoices, a backtest's errors).
enum SampleStatistics {
  /// The median of `values` (reordered in place), nil when empty.
  ///
  /// By selection (`select`), where sorting every customer's amounts took most of the
  /// tally's time.
  static func median(sorting values: inout [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let m = values.count / 2
    let upper = select(m, from: &values)
    guard values.count % 2 == 0 else { return upper }
    // The lower middle is the largest value left of m (all of them are ≤ values[m]).
    var lower = values[0]
    for k in 1..<m { lower = Swift.max(lower, values[k]) }
    return (lower + upper) / 2
  }

  /// The `m`-th smallest of `values` (0-based), which is left at `values[m]` with every value
  /// before it ≤ it and every one after it ≥ it (the rest reordered in place): the value a
  /// sort would put there, without the sort.
  ///
  /// Quickselect (Hoare's FIND, middle pivot): linear on average.
  static func select(_ m: Int, from values: inout [Double]) -> Double {
    precondition(values.indices.contains(m), "no \(m)-th of \(values.count) values")
    return values.withUnsafeMutableBufferPointer { v -> Double in
      var low = 0
      var high = v.count - 1
      // Invariant: the m-th smallest lies in v[low...high]; everything left of low is ≤ it and
      // everything right of high is ≥ it.
      while low < high {
        let pivot = v[low + (high - low) / 2]
        var i = low
        var j = high
        while i <= j {
          while v[i] < pivot { i += 1 }
          while pivot < v[j] { j -= 1 }
          if i <= j {
            v.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        if m <= j {
          high = j
        } else if m >= i {
          low = i
        } else {
          break
        }
      }
      return v[m]
    }
  }

  /// The most frequent of `values` (reordered in place), nil when empty.
  ///
  /// Among equally frequent values, the smallest. Payment terms take a handful of values, so
  /// they are counted in a short list; more than 16 distinct values are sorted instead.
  static func mode(sorting values: inout [Int]) -> Int? {
    var distinct: [(value: Int, count: Int)] = []
    for value in values {
      if let k = distinct.firstIndex(where: { $0.value == value }) {
        distinct[k].count += 1
      } else if distinct.count < 16 {
        distinct.append((value, 1))
      } else {
        distinct.removeAll()
        break
      }
    }
    if distinct.isEmpty, !values.isEmpty {
      values.sort()
      var i = 0
      while i < values.count {
        var j = i + 1
        while j < values.count, values[j] == values[i] { j += 1 }
        distinct.append((values[i], j - i))
        i = j
      }
    }
    var best: (value: Int, count: Int)?
    for d in distinct {
      guard let b = best else {
        best = d
        continue
      }
      if d.count > b.count || (d.count == b.count && d.value < b.value) { best = d }
    }
    return best?.value
  }
}
