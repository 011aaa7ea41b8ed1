/// The slots of a parallel counting sort into groups (customers, days), with each group's
/// items laid out chunk after chunk, so every group keeps its items in input order whatever
/// the chunking.
package struct ChunkedGrouping: Sendable {
  /// Group g's items are at `start[g] ..< start[g + 1]`; `start[groups]` is the total.
  package let start: [Int]
  /// Chunk t places its group-g items from `next[t][g]` on.
  package let next: [[Int]]

  /// - Parameter counts: for each chunk, in input order, its number of items per group.
  package init(counts: [[Int]], groups: Int) {
    var start = [Int](repeating: 0, count: groups + 1)
    var next = counts.map { _ in [Int](repeating: 0, count: groups) }
    var running = 0
    for g in 0..<groups {
      start[g] = running
      for t in counts.indices {
        next[t][g] = running
        running += counts[t][g]
      }
    }
    start[groups] = running
    self.start = start
    self.next = next
  }
}

extension ChunkedGrouping {
  /// The items `0..<count` that belong to a group, grouped: a counting sort on both cores
  /// that keeps input order within each group.
  ///
  /// - Parameters:
  ///   - groups: The number of groups.
  ///   - group: The group of item i in `0..<groups`, or nil to leave the item out; called
  ///     twice per item, from several threads.
  ///   - value: What to store for item i (called once per grouped item): the items are read
  ///     in input order and their values written where they go, so a caller that goes on to
  ///     read every group's values gets them contiguous instead of gathering them.
  /// - Returns: the values, grouped, and `start`: group g's values are
  ///   `values[start[g] ..< start[g + 1]]`.
  ///
  /// Inlinable, but Swift 6.3 does not specialise a `package` type's generic members for
  /// callers in other modules (checked in a two-module package): they run generic, each
  /// value copied through its type's value witness. Making the type `public` specialises
  /// them, and measured no gain in scoring at 1M invoices (the cost is memory traffic).
  @inlinable package static func grouping<T>(
    _ count: Int, groups: Int, group: (Int) -> Int?, value: (Int) -> T
  ) -> (start: [Int], values: [T]) {
    let chunks = Parallel.chunks(count)
    let counts = Parallel.map(count) { range in
      var counts = [Int](repeating: 0, count: groups)
      for i in range { if let g = group(i) { counts[g] += 1 } }
      return counts
    }
    precondition(counts.count == chunks.count, "chunking changed")
    let slots = ChunkedGrouping(counts: counts, groups: groups)
    let total = slots.start[groups]
    let values = [T](unsafeUninitializedCapacity: total) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(count) { range in
        guard let t = chunks.firstIndex(of: range) else { preconditionFailure("unknown chunk") }
        var slot = slots.next[t]
        for i in range {
          guard let g = group(i) else { continue }
          (base.pointer + slot[g]).initialize(to: value(i))
          slot[g] += 1
        }
      }
      initialized = total
    }
    return (slots.start, values)
  }
}
