/// Stable least-significant-digit radix sort on 64-bit keys carrying a 32-bit payload, and
/// order-preserving keys for doubles.
///
/// Survival fits sort a million durations on every fit, and the concordance index and the AUC
/// sort a million scores. The standard library only has a comparison sort, which with a
/// closure per comparison costs ~100 ms there, and no package we depend on offers a radix
/// sort; counting passes cost a few milliseconds each. Keys and payloads live in two arrays
/// (12 bytes moved per element and pass; measured faster than one array of 16-byte pairs),
/// and callers that only need what the payload says about each row (a time rank, an outcome)
/// read it contiguously afterwards instead of gathering through a row permutation.
enum SortKeys {
  /// A key whose unsigned order is the numeric order of `x` (`-0.0` and `0.0` map alike).
  ///
  /// ```
  /// key(x) = x ≥ 0 ? bits(x) | 2⁶³ : ~bits(x)
  /// ```
  /// Positive doubles compare like their bit patterns; negative ones in reverse, below all
  /// positive ones. NaN is not allowed. Equal keys mean equal doubles.
  @inline(__always) static func ordered(_ x: Double) -> UInt64 {
    let v = x == 0 ? 0.0 : x
    let bits = v.bitPattern
    return v.sign == .minus ? ~bits : bits | (1 << 63)
  }

  /// Sorts `keys` ascending and applies the same permutation to `payloads`; equal keys keep
  /// their input order.
  ///
  /// Digits are 16 bits wide from 2¹⁸ keys up (four passes; measured ~30 % faster than six
  /// 11-bit passes at a million continuous scores) and 11 bits below (2048 buckets, so the
  /// histograms stay in cache when there are few keys per bucket). A pass whose digit is the
  /// same for every key is skipped: whole-day durations vary only in their top two 16-bit
  /// digits.
  /// - Complexity: O(n + 2^digit) per digit that varies: at most four or six passes.
  static func sort(_ keys: inout [UInt64], carrying payloads: inout [UInt32]) {
    let n = keys.count
    precondition(payloads.count == n, "shape mismatch")
    precondition(n <= Int(UInt32.max), "too many keys")
    guard n > 1 else { return }
    let bits = n >= 1 << 18 ? 16 : 11
    let radix = 1 << bits
    let mask = UInt64(radix - 1)
    let passes = (64 + bits - 1) / bits
    var histograms = [UInt32](repeating: 0, count: passes * radix)
    keys.withUnsafeBufferPointer { k in
      histograms.withUnsafeMutableBufferPointer { h in
        for key in k {
          for pass in 0..<passes {
            h[pass * radix + Int((key >> UInt64(bits * pass)) & mask)] &+= 1
          }
        }
      }
    }
    var otherKeys = [UInt64](repeating: 0, count: n)
    var otherPayloads = [UInt32](repeating: 0, count: n)
    var offsets = [Int](repeating: 0, count: radix)
    for pass in 0..<passes {
      let base = pass * radix
      let shift = UInt64(bits * pass)
      // Skip a digit that every key shares.
      if histograms[base + Int((keys[0] >> shift) & mask)] == n { continue }
      var running = 0
      for d in 0..<radix {
        offsets[d] = running
        running += Int(histograms[base + d])
      }
      keys.withUnsafeBufferPointer { ck in
        payloads.withUnsafeBufferPointer { cp in
          otherKeys.withUnsafeMutableBufferPointer { nk in
            otherPayloads.withUnsafeMutableBufferPointer { np in
              offsets.withUnsafeMutableBufferPointer { off in
                for i in 0..<n {
                  let k = ck[i]
                  let d = Int((k >> shift) & mask)
                  let slot = off[d]
                  off[d] = slot + 1
                  nk[slot] = k
                  np[slot] = cp[i]
                }
              }
            }
          }
        }
      }
      swap(&keys, &otherKeys)
      swap(&payloads, &otherPayloads)
    }
  }

  /// The permutation that sorts `keys` ascending; equal keys keep their input order.
  /// - Complexity: that of `sort(_:carrying:)`.
  static func stableOrder(_ keys: [UInt64]) -> [Int] {
    var sorted = keys
    var rows = (0..<keys.count).map { UInt32(truncatingIfNeeded: $0) }
    sort(&sorted, carrying: &rows)
    return rows.map { Int($0) }
  }

  /// The dense rank of every value (0 for the smallest, equal values alike, `-0.0` like `0.0`)
  /// and the number of distinct values.
  ///
  /// Whole numbers spanning fewer than max(n, 1024) values (durations in days) are ranked
  /// through a table indexed by `value − min`, with no sort; anything else through
  /// `sort(_:carrying:)`. NaN is not allowed.
  /// - Complexity: O(n + span) for whole numbers with a small span, else that of
  ///   `sort(_:carrying:)`.
  static func denseRanks(_ values: [Double]) -> (ranks: [UInt32], count: Int) {
    let n = values.count
    precondition(n <= Int(UInt32.max), "too many values")
    var ranks = [UInt32](repeating: 0, count: n)
    guard n > 0 else { return (ranks, 0) }
    var lowest = values[0]
    var highest = values[0]
    var whole = true
    for v in values {
      lowest = min(lowest, v)
      highest = max(highest, v)
      whole = whole && v.rounded(.towardZero) == v
    }
    // `highest − lowest` is exact when it is a small whole number (both are multiples of
    // ulp(lowest)), so is every `v − lowest`; an infinite value fails the span test.
    if whole, highest - lowest < Double(max(n, 1024)) {
      var table = [UInt32](repeating: 0, count: Int(highest - lowest) + 1)
      var count = 0
      table.withUnsafeMutableBufferPointer { table in
        for v in values { table[Int(v - lowest)] = 1 }
        for d in table.indices where table[d] != 0 {
          table[d] = UInt32(count)
          count += 1
        }
        ranks.withUnsafeMutableBufferPointer { ranks in
          for i in 0..<n { ranks[i] = table[Int(values[i] - lowest)] }
        }
      }
      return (ranks, count)
    }
    var keys = values.map(ordered)
    var rows = (0..<n).map { UInt32(truncatingIfNeeded: $0) }
    sort(&keys, carrying: &rows)
    var rank: UInt32 = 0
    ranks[Int(rows[0])] = 0
    for m in 1..<n {
      if keys[m] != keys[m - 1] { rank += 1 }
      ranks[Int(rows[m])] = rank
    }
    return (ranks, Int(rank) + 1)
  }
}
