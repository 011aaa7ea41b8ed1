/// Stable least-significant-digit radix sort on 64-bit keys, and order-preserving keys for
/// doubles.
///
/// Survival fits sort a million durations (and, for the concordance index, a million scores)
/// on every fit. A comparison sort with a closure costs ~100 ms there; six 11-bit counting
/// passes (2048 buckets stay in cache) cost a few milliseconds each, and passes whose digit is the same for every key (the low
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
  /// - Complexity: O(n) per non-trivial 11-bit digit (at most six passes).
  static func stableOrder(_ keys: [UInt64]) -> [Int] {
    let n = keys.count
    let bits = 11
    let radix = 1 << bits
    let mask = UInt64(radix - 1)
    let passes = (64 + bits - 1) / bits
    var histograms = [Int](repeating: 0, count: passes * radix)
    histograms.withUnsafeMutableBufferPointer { h in
      for k in keys {
        for pass in 0..<passes { h[pass * radix + Int((k >> UInt64(bits * pass)) & mask)] += 1 }
      }
    }
    var order = Array(0..<n)
    var currentKeys = keys
    var nextOrder = [Int](repeating: 0, count: n)
    var nextKeys = [UInt64](repeating: 0, count: n)
    var offsets = [Int](repeating: 0, count: radix)
    for pass in 0..<passes {
      let base = pass * radix
      let shift = UInt64(bits * pass)
      // Skip a digit that every key shares.
      if n == 0 || histograms[base + Int((currentKeys[0] >> shift) & mask)] == n { continue }
      var running = 0
      for d in 0..<radix {
        offsets[d] = running
        running += histograms[base + d]
      }
      currentKeys.withUnsafeBufferPointer { ck in
        order.withUnsafeBufferPointer { co in
          nextKeys.withUnsafeMutableBufferPointer { nk in
            nextOrder.withUnsafeMutableBufferPointer { no in
              offsets.withUnsafeMutableBufferPointer { off in
                for i in 0..<n {
                  let k = ck[i]
                  let d = Int((k >> shift) & mask)
                  let slot = off[d]
                  off[d] = slot + 1
                  nk[slot] = k
                  no[slot] = co[i]
                }
              }
            }
          }
        }
      }
      swap(&order, &nextOrder)
      swap(&currentKeys, &nextKeys)
    }
    return order
  }
}
