import LinearAlgebra

extension SortKeys {
  /// No payload: what `sortGroupingTies` carries when the keys hold all there is to sort.
  struct NoPayload: BitwiseCopyable {}

  /// Keys sorted with each row's payload packed into its key (`sortPackingPayloads`), read
  /// as groups of equal keys in ascending order.
  struct PackedKeys {
    /// The packed keys, bucket after bucket; within a bucket, `key << shift | payload`.
    let keys: UnsafeMutableBufferPointer<UInt64>
    /// Bits of the payload, at the bottom of each packed key.
    let payloadBits: Int
    /// The end of each bucket in `keys`; the buckets are in key order.
    let bucketEnds: [Int]
    /// The runs of buckets the keys were sorted in, in order (`sortPackingPayloads`).
    ///
    /// Consecutive runs of about equal numbers of keys; a group of equal keys is never split
    /// between two runs.
    let parts: [Range<Int>]

    /// The payload of the row at `i`.
    @inline(__always)
    func payload(_ i: Int) -> UInt32 {
      UInt32(truncatingIfNeeded: keys[i] & ((1 << UInt64(payloadBits)) - 1))
    }

    /// Calls `body` with the positions of each group of equal keys, in ascending key order
    /// (the rows of a group in no particular order).
    @inline(__always)
    func forEachGroup(_ body: (Range<Int>) -> Void) {
      forEachGroup(inBuckets: bucketEnds.indices, body)
    }

    /// `forEachGroup(_:)` over the keys of `buckets` (a part's, or all of them).
    @inline(__always)
    func forEachGroup(inBuckets buckets: Range<Int>, _ body: (Range<Int>) -> Void) {
      let bits = UInt64(payloadBits)
      var start = buckets.lowerBound == 0 ? 0 : bucketEnds[buckets.lowerBound - 1]
      for end in bucketEnds[buckets] {
        while start < end {
          let key = keys[start] >> bits
          var stop = start &+ 1
          while stop < end, keys[stop] >> bits == key { stop &+= 1 }
          body(start..<stop)
          start = stop
        }
      }
    }
  }

  /// Sorts `keys` ascending, equal keys in no particular order, each with its row's payload
  /// packed into it: no array of payloads beside the keys (8 bytes a row instead of 12 or
  /// more), for sweeps over groups of equal keys that read a few bits of each row
  /// (`sortGroupingTies`' callers: the AUC's labels, the concordance's time ranks).
  ///
  /// The keys are split in place by the `d` bits below the prefix they all share (one
  /// counting pass, then each key carried to its bucket, an American flag sort step), `d` at
  /// least `payloadBits` and 8 (fewer when the keys differ in fewer bits). Within a bucket the keys share those bits too, so they are shifted
  /// out and the payload put in their place, below the key's other bits: a bucket's packed
  /// keys sort as its keys do, equal keys side by side. Each key is packed as it leaves the
  /// slot it came in (every slot not yet filled holds its own row's key), so `payload` is
  /// called once for each row `i`, with the row's place in the input. Each bucket is then
  /// sorted as `sortGroupingTies` sorts, its packed keys alone.
  ///
  /// The buckets are sorted in `parts` runs of about equal numbers of keys, concurrently, each
  /// through scratch of its own (for a sixteenth of its largest bucket, at least 2^16 keys or
  /// all): the sorted keys do not depend on the parts, only the time does.
  /// - Parameters:
  ///   - payloadBits: 1 to 16.
  ///   - parts: how many runs of buckets are sorted concurrently (`packedParts(n)` unless a
  ///     test asks for more).
  ///   - payload: row i's payload, below 2^payloadBits.
  /// - Complexity: O(n + 2^d), d at most 16 (then 2^d buckets' ends, 1.5 MiB).
  static func sortPackingPayloads(
    _ keys: UnsafeMutableBufferPointer<UInt64>, payloadBits: Int, parts: Int? = nil,
    payload: (Int) -> UInt64
  ) -> PackedKeys {
    precondition((1...16).contains(payloadBits), "a payload of 1 to 16 bits")
    let n = keys.count
    precondition(n <= Int(UInt32.max), "too many keys")
    guard n > 0 else {
      return PackedKeys(keys: keys, payloadBits: payloadBits, bucketEnds: [], parts: [])
    }
    var lowest = keys[0]
    var highest = keys[0]
    for i in 0..<n {
      lowest = min(lowest, keys[i])
      highest = max(highest, keys[i])
    }
    // The keys agree above bit `top`; the bucket is the `d` bits below it, and a packed key
    // drops the `shift` bits above them all (64 when `d` reaches the bottom: then only the
    // payload is left, the bucket is the key).
    let top = UInt64.bitWidth - (lowest ^ highest).leadingZeroBitCount
    let d = min(top, max(payloadBits, min(8, Int.bitWidth - n.leadingZeroBitCount - 4)))
    let low = UInt64(top - d)
    let mask = (UInt64(1) << UInt64(d)) - 1
    let shift = UInt64(UInt64.bitWidth - top + d)
    @inline(__always) func bucket(_ key: UInt64) -> Int {
      Int(truncatingIfNeeded: (key >> low) & mask)
    }
    /// The packed key of row `i`, whose key is `key`.
    @inline(__always) func packed(_ i: Int, _ key: UInt64) -> UInt64 {
      key << shift | payload(i)
    }
    var ends = [Int](repeating: 0, count: 1 << d)
    for i in 0..<n { ends[bucket(keys[i])] += 1 }
    var next = ends
    var running = 0
    for b in ends.indices {
      next[b] = running
      running += ends[b]
      ends[b] = running
    }
    let starts = next
    for b in ends.indices {
      while next[b] < ends[b] {
        let first = next[b]
        var home = bucket(keys[first])
        var carried = packed(first, keys[first])
        while home != b {
          let slot = next[home]
          next[home] = slot + 1
          let displaced = keys[slot]
          keys[slot] = carried
          carried = packed(slot, displaced)
          home = bucket(displaced)
        }
        keys[first] = carried
        next[b] = first + 1
      }
    }
    let runs = bucketRuns(ends, parts: parts ?? packedParts(n))
    let base = SendablePointer(keys.start)
    _ = Parallel.perform(runs.count) { j in
      let most = runs[j].map { ends[$0] - starts[$0] }.max() ?? 0
      guard most > 1 else { return }
      // Never read or written: the payloads are in the keys (nothing is allocated for them
      // but address space).
      let none = UnsafeMutablePointer<NoPayload>.allocate(capacity: most)
      defer { none.deallocate() }
      withScratch(for: most, NoPayload.self) { scratch in
        for b in runs[j] where ends[b] - starts[b] > 1 {
          sortPart(base.pointer + starts[b], none, count: ends[b] - starts[b], scratch)
        }
      }
    }
    return PackedKeys(keys: keys, payloadBits: payloadBits, bucketEnds: ends, parts: runs)
  }

  /// The runs of buckets `sortPackingPayloads` sorts concurrently for `n` keys: two from
  /// 2^16 keys on (the in-sample metrics of training, whose last one runs alone), else one.
  static func packedParts(_ n: Int) -> Int { n >= 1 << 16 ? 2 : 1 }

  /// At most `parts` consecutive runs of the buckets ending at `ends`: run j ends with the
  /// first bucket whose end reaches (j + 1) / `parts` of the keys, the last run with the last
  /// bucket (fewer runs when few buckets hold the keys).
  static func bucketRuns(_ ends: [Int], parts: Int) -> [Range<Int>] {
    let total = ends.last ?? 0
    var runs: [Range<Int>] = []
    var first = 0
    for b in ends.indices where runs.count < parts - 1 && b + 1 < ends.count {
      if ends[b] * parts >= total * (runs.count + 1) {
        runs.append(first..<(b + 1))
        first = b + 1
      }
    }
    runs.append(first..<ends.count)
    return runs
  }
}
