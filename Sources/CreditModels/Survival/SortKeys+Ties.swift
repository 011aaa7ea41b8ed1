extension SortKeys {
  /// Sorts `keys` ascending and applies the same permutation to `payloads`, with equal keys
  /// in no particular order, in scratch memory for a sixteenth of the keys instead of all of
  /// them.
  ///
  /// For sweeps whose sums over a group of equal keys do not depend on the order within it
  /// (the concordance index's counts, the AUC of weights that only keep or drop rows), on the
  /// millions of rows of training's in-sample metrics: `sort(_:carrying:)` needs a second
  /// array of every key and payload (12 bytes a row), this one about 0.8.
  ///
  /// A part larger than the scratch is split in place by the 8 bits below the prefix all its
  /// keys share (one counting pass, then each key swapped into its bucket: an American flag
  /// sort step), and each bucket split again or, once it fits, sorted as `sort(_:carrying:)`
  /// sorts (by the high halves, then runs by the low halves) through the scratch. The
  /// buckets are in key order, so the whole is.
  /// - Complexity: O(n): a split touches each key of its part twice, the keys of a part
  ///   share 8 more bits at each level, and the parts that fit are sorted in O(their size).
  static func sortGroupingTies<P: BitwiseCopyable>(
    _ keys: UnsafeMutableBufferPointer<UInt64>,
    carrying payloads: UnsafeMutableBufferPointer<P>
  ) {
    let n = keys.count
    precondition(payloads.count == n, "shape mismatch")
    precondition(n <= Int(UInt32.max), "too many keys")
    guard n > 1 else { return }
    withScratch(for: n, P.self) { sortPart(keys.start, payloads.start, count: n, $0) }
  }

  /// Calls `body` with the scratch `sortGroupingTies` takes for `n` keys (a sixteenth of them,
  /// at least 2¹⁶ or all), for sorting parts of at most `n` keys.
  static func withScratch<P: BitwiseCopyable, R>(
    for n: Int, _: P.Type, _ body: (Scratch<P>) -> R
  ) -> R {
    let capacity = max(n / 16, min(n, 1 << 16))
    let digitBits = Self.digitBits(capacity)
    // Histograms for the passes of a part of at most `capacity` keys (the width shrinks with
    // the part, and so does the size of its histograms).
    var counts = [UInt32](repeating: 0, count: ((32 + digitBits - 1) / digitBits) << digitBits)
    var offsets = [Int](repeating: 0, count: 1 << digitBits)
    var scratchKeys = [UInt64](repeating: 0, count: capacity)
    let scratchPayloads = UnsafeMutablePointer<P>.allocate(capacity: capacity)
    defer { scratchPayloads.deallocate() }
    return scratchKeys.withUnsafeMutableBufferPointer { ok in
      counts.withUnsafeMutableBufferPointer { c in
        offsets.withUnsafeMutableBufferPointer { o in
          body(
            Scratch(
              keys: ok.start, payloads: scratchPayloads, capacity: capacity, counts: c.start,
              offsets: o.start))
        }
      }
    }
  }

  /// Buffers for sorting a part of at most `capacity` keys (see `sortGroupingTies`).
  struct Scratch<P: BitwiseCopyable> {
    var keys: UnsafeMutablePointer<UInt64>
    var payloads: UnsafeMutablePointer<P>
    var capacity: Int
    var counts: UnsafeMutablePointer<UInt32>
    var offsets: UnsafeMutablePointer<Int>
  }

  /// Sorts `count` keys and their payloads, equal keys in no particular order: through the
  /// scratch when they fit, else split in place and each bucket sorted in turn.
  static func sortPart<P: BitwiseCopyable>(
    _ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>, count n: Int,
    _ scratch: Scratch<P>
  ) {
    guard n > 1 else { return }
    if n <= 64 {
      sortRun(k, p, scratch.keys, scratch.payloads, count: n, scratch.counts, scratch.offsets)
      return
    }
    if n <= scratch.capacity {
      let moved = radixPasses(
        k, p, scratch.keys, scratch.payloads, count: n, bits: 32..<64, digitBits: digitBits(n),
        scratch.counts, scratch.offsets)
      if moved {
        k.update(from: scratch.keys, count: n)
        p.update(from: scratch.payloads, count: n)
      }
      sortRuns(k, p, scratch.keys, scratch.payloads, count: n, scratch.counts, scratch.offsets)
      return
    }
    var lowest = k[0]
    var highest = k[0]
    for i in 1..<n {
      lowest = min(lowest, k[i])
      highest = max(highest, k[i])
    }
    guard lowest != highest else { return }
    // The keys agree above bit `top`: the 8 bits below it order them.
    let top = UInt64.bitWidth - (lowest ^ highest).leadingZeroBitCount
    let shift = UInt64(max(0, top - 8))
    @inline(__always) func bucket(_ key: UInt64) -> Int {
      Int(truncatingIfNeeded: (key >> shift) & 0xFF)
    }
    var ends = [Int](repeating: 0, count: 256)
    for i in 0..<n { ends[bucket(k[i])] += 1 }
    var next = [Int](repeating: 0, count: 256)
    var running = 0
    for b in 0..<256 {
      next[b] = running
      running += ends[b]
      ends[b] = running
    }
    let starts = next
    // Each key not yet in its bucket is carried to the next free slot there, and the key
    // found in that slot carried on, until one belongs to the bucket being filled.
    for b in 0..<256 {
      while next[b] < ends[b] {
        var key = k[next[b]]
        var payload = p[next[b]]
        var home = bucket(key)
        while home != b {
          let slot = next[home]
          next[home] = slot + 1
          swap(&key, &k[slot])
          swap(&payload, &p[slot])
          home = bucket(key)
        }
        k[next[b]] = key
        p[next[b]] = payload
        next[b] += 1
      }
    }
    for b in 0..<256 where ends[b] - starts[b] > 1 {
      sortPart(k + starts[b], p + starts[b], count: ends[b] - starts[b], scratch)
    }
  }
}
