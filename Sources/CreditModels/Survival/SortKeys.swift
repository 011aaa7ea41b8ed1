/// Stable least-significant-digit radix sort on 64-bit keys, and order-preserving keys for
/// doubles.
///
/// Survival fits sort a million durations (and, for the concordance index, a million scores)
/// on every fit. A comparison sort with a closure costs ~100 ms there; four 16-bit counting
/// passes cost a few milliseconds, and passes whose digit is the same for every key (the low
/// mantissa bits of whole-day durations) are skipped.
enum SortKeys {
  /// A key whose unsigned order is the numeric order of `x` (`-0.0` and `0.0` map alike).
  ///
  /// ```
  /// key(x) = x ≥ 0 ? bits(x) | 2⁶³ : ~bits(x)
  /// ```
  /// Positive doubles compare like their bit patterns; negative ones in reverse, below all
  /// positive ones. NaN is not allowed.
  @inline(__always) static func ordered(_ x: Double) -> UInt64 {
    let v = x == 0 ? 0.0 : x
    let bits = v.bitPattern
    return v.sign == .minus ? ~bits : bits | (1 << 63)
  }

  /// The permutation that sorts `keys` ascending; equal keys keep their input order.
  /// - Complexity: O(n) per non-trivial 16-bit digit (at most four passes).
  static func stableOrder(_ keys: [UInt64]) -> [Int] {
    let n = keys.count
    var histograms = [Int](repeating: 0, count: 4 * 65_536)
    for k in keys {
      histograms[Int(k & 0xFFFF)] += 1
      histograms[65_536 + Int((k >> 16) & 0xFFFF)] += 1
      histograms[131_072 + Int((k >> 32) & 0xFFFF)] += 1
      histograms[196_608 + Int(k >> 48)] += 1
    }
    var order = Array(0..<n)
    var currentKeys = keys
    var nextOrder = [Int](repeating: 0, count: n)
    var nextKeys = [UInt64](repeating: 0, count: n)
    for pass in 0..<4 {
      let base = pass * 65_536
      let shift = UInt64(16 * pass)
      // Skip a digit that every key shares.
      if n == 0 || histograms[base + Int((currentKeys[0] >> shift) & 0xFFFF)] == n { continue }
      var offsets = [Int](repeating: 0, count: 65_536)
      var running = 0
      for d in 0..<65_536 {
        offsets[d] = running
        running += histograms[base + d]
      }
      for i in 0..<n {
        let k = currentKeys[i]
        let d = Int((k >> shift) & 0xFFFF)
        let slot = offsets[d]
        offsets[d] = slot + 1
        nextKeys[slot] = k
        nextOrder[slot] = order[i]
      }
      swap(&order, &nextOrder)
      swap(&currentKeys, &nextKeys)
    }
    return order
  }
}
