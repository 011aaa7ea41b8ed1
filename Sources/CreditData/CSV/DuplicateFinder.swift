import Parallelism

/// Finds repeated keys among millions of rows from their 64-bit hashes, cache-friendly.
///
/// A hash table over a million invoice ids is tens of megabytes, so probing it once per
/// row costs a cache (and TLB) miss per row, which dominated loading. Instead the keys are
/// hashed into an array in row order (in pieces, on all cores); `firstDuplicate` then
/// partitions the hashes by
/// their top bits into buckets of a few thousand (sequential writes) and checks each bucket
/// with a small table that stays in cache. Equal hashes are confirmed by the caller's exact
/// comparison, so a hash collision can never report a false duplicate.
struct DuplicateFinder {
  private(set) var hashes: [UInt64]

  /// A finder over `keys`, hashed in pieces on all cores.
  init(keys: InvoiceIDs) {
    let ranges = Parallel.loadingRanges(keys.count)
    hashes =
      Parallel.array(count: keys.count, ranges: ranges) {
        (k: Int, out: UnsafeMutableBufferPointer<UInt64>) in
        let start = ranges[k].lowerBound
        for j in 0..<out.count {
          out.initializeElement(at: j, to: keys.withUTF8(start + j) { ByteInterner.hash($0) })
        }
      }.0
  }

  /// The earliest row (in row order) whose key equals an earlier row's, with that earlier
  /// row: `(first, second)`; nil when all keys are distinct.
  func firstDuplicate(isEqual: (Int, Int) -> Bool) -> (first: Int, second: Int)? {
    let n = hashes.count
    guard n > 1 else { return nil }
    var bits = 0
    while (n >> bits) > 2048, bits < 16 { bits += 1 }
    let buckets = 1 << bits
    let shift = UInt64(64 - bits)
    // Counting sort of row indices by bucket; rows stay in order inside a bucket.
    var starts = [Int](repeating: 0, count: buckets + 1)
    for h in hashes { starts[bits == 0 ? 1 : Int(h >> shift) + 1] += 1 }
    for b in 0..<buckets { starts[b + 1] += starts[b] }
    var fill = starts
    var order = [Int32](repeating: 0, count: n)
    for (i, h) in hashes.enumerated() {
      let b = bits == 0 ? 0 : Int(h >> shift)
      order[fill[b]] = Int32(i)
      fill[b] += 1
    }
    var best: (first: Int, second: Int)?
    var largest = 0
    for b in 0..<buckets { largest = max(largest, starts[b + 1] - starts[b]) }
    var size = 16
    while size < largest * 2 { size <<= 1 }
    var table = [Int32](repeating: -1, count: size)
    for b in 0..<buckets where starts[b + 1] - starts[b] > 1 {
      var m = 16
      while m < (starts[b + 1] - starts[b]) * 2 { m <<= 1 }
      let mask = m - 1
      for k in 0..<m { table[k] = -1 }
      for j in starts[b]..<starts[b + 1] {
        let i = Int(order[j])
        let h = hashes[i]
        var slot = Int(truncatingIfNeeded: h) & mask
        while table[slot] >= 0 {
          let other = Int(table[slot])
          if hashes[other] == h, isEqual(other, i) {
            if best == nil || i < (best?.second ?? Int.max) { best = (other, i) }
            break
          }
          slot = (slot + 1) & mask
        }
        if table[slot] < 0 { table[slot] = Int32(i) }
      }
    }
    return best
  }
}
