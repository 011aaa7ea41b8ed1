import LinearAlgebra

/// Harrell's concordance index for right-censored data, as lifelines computes it.
///
/// ```
/// C = (concordant + tied / 2) / admissible
/// ```
/// A pair (i, j) is admissible when the shorter time is an event: `T_i < T_j` with `E_i`, or
/// equal times with exactly one event (the event is taken to come first). It is concordant
/// when the score orders it the same way (`s_i < s_j` for `T_i < T_j`) and tied when the
/// scores are equal. Pairs of events at the same time are not admissible. A *higher* score
/// means a *longer* predicted time, so for a Cox model pass `-partialHazard`.
///
/// This matches `lifelines.utils.concordance_index(event_times, predicted_scores,
/// event_observed)` exactly (counts are integers; the ratio is formed as lifelines does).
///
/// Seen from the later row j of an admissible pair, its partners are the events i with
/// `T_i < T_j` when j is an event and `T_i ≤ T_j` when j is censored. The admissible count
/// therefore needs only the number of events and rows at each distinct time. The concordant
/// and tied counts come from one sweep in ascending score order over a Fenwick tree indexed
/// by time rank: each row asks how many of the events already swept (strictly lower score)
/// are its partners. In credit data the durations are whole days (hundreds of distinct
/// values) while the scores are continuous, so that tree is a few kilobytes and stays in the
/// L1 cache; a tree over score ranks, swept in time order, would span megabytes.
public enum Concordance {
  /// The counts behind a concordance index.
  public struct Counts: Sendable, Equatable {
    /// Admissible pairs ordered correctly by the scores.
    public var concordant: Int
    /// Admissible pairs with equal scores (each counts one half).
    public var tied: Int
    /// Admissible pairs.
    public var admissible: Int

    /// `(concordant + tied / 2) / admissible`, NaN when no pair is admissible.
    public var index: Double {
      admissible == 0 ? .nan : (Double(concordant) + Double(tied) / 2) / Double(admissible)
    }
  }

  /// The concordance index of `scores` against censored `durations`.
  ///
  /// - Parameters:
  ///   - durations: Observed times (event or censoring), finite.
  ///   - scores: Predicted scores, higher = longer survival; not NaN.
  ///   - events: `true` when the duration ends in the event, `false` when censored.
  /// - Returns: A value in [0, 1]; NaN when there is no admissible pair (lifelines raises
  ///   `ZeroDivisionError` there), e.g. when every observation is censored.
  /// - Complexity: O(n log d) for d distinct durations, after ranking the durations (O(n)
  ///   for whole days, else a radix sort) and one radix sort of the scores.
  public static func index(durations: [Double], scores: [Double], events: [Bool]) -> Double {
    counts(durations: durations, scores: scores, events: events).index
  }

  /// The concordant, tied and admissible pair counts (see `index(durations:scores:events:)`).
  /// - Complexity: that of `index(durations:scores:events:)`.
  public static func counts(durations: [Double], scores: [Double], events: [Bool]) -> Counts {
    counts(durations: durations, scores: scores, events: events, parts: nil)
  }

  /// `counts(durations:scores:events:)` with whole-number durations' sorted scores cut into
  /// `parts` runs (`SortKeys.sortPackingPayloads`; nil: as many as their number asks), which
  /// give the same counts: tests ask for several on a few rows.
  static func counts(durations: [Double], scores: [Double], events: [Bool], parts: Int?)
    -> Counts
  {
    precondition(!scores.contains { $0.isNaN }, "NaN input")
    var keys = scores.map(SortKeys.ordered)
    return keys.withUnsafeMutableBufferPointer {
      counts(durations: durations, keys: $0, events: events, parts: parts)
    }
  }

  /// `index(durations:scores:events:)` of scores the caller gives up: their storage holds the
  /// sort keys, so the count needs no second array of every row's score (the training fits'
  /// in-sample metrics, on millions of rows, count with the predictions they make for it).
  package static func index(
    durations: [Double], consuming scores: consuming [Double], events: [Bool]
  ) -> Double {
    precondition(!scores.contains { $0.isNaN }, "NaN input")
    return scores.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: UInt64.self) { keys in
        for i in keys.indices { keys[i] = SortKeys.ordered(Double(bitPattern: keys[i])) }
        return counts(durations: durations, keys: keys, events: events, parts: nil).index
      }
    }
  }

  /// The counts for the scores' `SortKeys.ordered` keys, which the sort reorders in place.
  private static func counts(
    durations: [Double], keys: UnsafeMutableBufferPointer<UInt64>, events: [Bool], parts: Int?
  ) -> Counts {
    let n = durations.count
    precondition(keys.count == n && events.count == n, "shape mismatch")
    precondition(!durations.contains { $0.isNaN }, "NaN input")
    precondition(n < 1 << 31, "too many rows")
    // Every row carries `2 · time rank + event` through the sort of the scores, so the sweep
    // reads contiguous memory. Rows and events per time give the admissible pairs. The counts
    // of a group of equal scores do not depend on the order of its rows: the sort need not
    // keep it. Whole days of at most 2¹⁵ distinct values (durations in days) are ranked
    // through a table and carried in the keys (`SortKeys.sortPackingPayloads`: no array of
    // ranks or payloads beside the keys); other durations in an array of their own
    // (`SortKeys.sortGroupingTies`: scratch for a sixteenth of the rows).
    if let ranks = WholeRanks(durations), ranks.count <= 1 << 15 {
      let bits = Int.bitWidth - (2 * ranks.count - 1).leadingZeroBitCount
      let sorted = SortKeys.sortPackingPayloads(keys, payloadBits: bits, parts: parts) { i in
        UInt64(ranks.rank(durations[i]) << 1 | (events[i] ? 1 : 0))
      }
      return Self.counts(sorted, times: ranks.count)
    }
    var (payloads, times) = SortKeys.denseRanks(durations)
    var tally = Tally(times: times)
    for i in 0..<n {
      let r = payloads[i]
      let e: UInt32 = events[i] ? 1 : 0
      payloads[i] = r << 1 | e
      tally.add(rank: r, event: events[i])
    }
    payloads.withUnsafeMutableBufferPointer { SortKeys.sortGroupingTies(keys, carrying: $0) }
    return payloads.withUnsafeBufferPointer { payloads in
      tally.counts { body in
        var start = 0
        while start < n {
          let key = keys[start]
          var end = start + 1
          while end < n, keys[end] == key { end &+= 1 }
          body(start..<end) { payloads[$0] }
          start = end
        }
      }
    }
  }

  /// The counts of keys sorted with their rows' `2 · time rank + event` packed in, for
  /// `times` time ranks: each run of buckets (`SortKeys.PackedKeys.parts`) swept on its own,
  /// concurrently, with the events of every run before it added after.
  ///
  /// A run's rows all score higher than every row of the runs before it (a group of equal
  /// scores is never split), so a row's partners among those runs' events are all concordant
  /// pairs: the rows that ask for the events below time position q (`partners`), times the
  /// earlier runs' events there. Each run counts its rows and events at each time rank and
  /// its rows at each q as it sweeps; the pair counts are whole numbers, the same for any
  /// runs.
  private static func counts(_ sorted: SortKeys.PackedKeys, times: Int) -> Counts {
    struct Run {
      var concordant: Int
      var tied: Int
      var tally: Tally
      /// Rows by the time position they ask below (`partners`): 0 ... times.
      var asking: [Int]
    }
    let runs = Parallel.perform(sorted.parts.count) { j -> Run in
      var run = Run(
        concordant: 0, tied: 0, tally: Tally(times: times),
        asking: [Int](repeating: 0, count: times + 1))
      (run.concordant, run.tied) = sweep(times: times) { body in
        sorted.forEachGroup(inBuckets: sorted.parts[j]) { group in
          for m in group {
            let p = sorted.payload(m)
            run.tally.add(rank: p >> 1, event: p & 1 != 0)
            run.asking[Int(p >> 1) + Int((p & 1) ^ 1)] += 1
          }
          body(group, sorted.payload)
        }
      }
      return run
    }
    var counts = Counts(concordant: 0, tied: 0, admissible: 0)
    var rowsAt = [Int](repeating: 0, count: times)
    var eventsBefore = [Int](repeating: 0, count: times)
    for run in runs {
      var below = 0
      for q in 0...times {
        counts.concordant &+= run.asking[q] &* below
        if q < times { below += eventsBefore[q] }
      }
      counts.concordant &+= run.concordant
      counts.tied &+= run.tied
      for r in 0..<times {
        eventsBefore[r] += run.tally.eventsAt[r]
        rowsAt[r] += run.tally.rowsAt[r]
      }
    }
    counts.admissible = admissible(rowsAt: rowsAt, eventsAt: eventsBefore)
    return counts
  }

  /// The admissible pairs of rows and events at each time rank: an event with every later
  /// row, a censored row with the events at its time and before.
  private static func admissible(rowsAt: [Int], eventsAt: [Int]) -> Int {
    var admissible = 0
    var eventsBefore = 0
    for r in rowsAt.indices {
      let eventsHere = eventsAt[r]
      let censoredHere = rowsAt[r] - eventsHere
      admissible += eventsHere * eventsBefore + censoredHere * (eventsBefore + eventsHere)
      eventsBefore += eventsHere
    }
    return admissible
  }

  /// The concordant and tied pairs within the groups of equal scores `groups` gives in
  /// ascending order, each as its rows' positions and the payload (`2 · time rank + event`)
  /// at a position, for `times` time ranks.
  ///
  /// Sweeps the groups upwards over a Fenwick tree of the events by time. Before a group's
  /// events enter the tree, a row's partners in it all score lower (concordant); right after,
  /// the increase is its partners in its own group (tied). An event never counts itself: it
  /// asks for strictly earlier times. Singleton groups, the rule for continuous scores, need
  /// only the first query. The sums cannot overflow (at most n² < 2⁶² pairs), hence the
  /// wrapping adds.
  private static func sweep(
    times: Int, _ groups: ((_ group: Range<Int>, _ payload: (Int) -> UInt32) -> Void) -> Void
  ) -> (concordant: Int, tied: Int) {
    var concordant = 0
    var tied = 0
    let levels = Int.bitWidth - times.leadingZeroBitCount
    var tree = [UInt32](repeating: 0, count: 1 << levels)
    tree.withUnsafeMutableBufferPointer { tree in
      let tree = tree.baseAddress.unsafelyUnwrapped
      groups { group, payload in
        if group.count == 1 {
          let p = payload(group.lowerBound)
          concordant &+= partners(p, tree, levels)
          if p & 1 != 0 { insert(p, tree, levels) }
        } else {
          var before = 0
          for m in group { before &+= partners(payload(m), tree, levels) }
          for m in group where payload(m) & 1 != 0 { insert(payload(m), tree, levels) }
          var after = 0
          for m in group { after &+= partners(payload(m), tree, levels) }
          concordant &+= before
          tied &+= after &- before
        }
      }
    }
    return (concordant, tied)
  }

  /// Rows and events at each time rank.
  private struct Tally {
    var rowsAt: [Int]
    var eventsAt: [Int]

    init(times: Int) {
      rowsAt = [Int](repeating: 0, count: times)
      eventsAt = rowsAt
    }

    @inline(__always)
    mutating func add(rank r: UInt32, event: Bool) {
      rowsAt[Int(r)] += 1
      eventsAt[Int(r)] += event ? 1 : 0
    }

    /// The counts, sweeping the groups of equal scores `groups` gives in ascending order
    /// (`sweep`).
    func counts(
      _ groups: ((_ group: Range<Int>, _ payload: (Int) -> UInt32) -> Void) -> Void
    ) -> Counts {
      let (concordant, tied) = Concordance.sweep(times: rowsAt.count, groups)
      return Counts(
        concordant: concordant, tied: tied,
        admissible: Concordance.admissible(rowsAt: rowsAt, eventsAt: eventsAt))
    }
  }

  // MARK: - Fenwick tree over time ranks

  // A Fenwick (binary indexed) tree: node j ≥ 1 counts the events at positions
  // (j − lowbit(j), j], position = time rank + 1; node 0 stays 0. With 2^levels > d nodes,
  // both operations visit one candidate node per level, so they run a fixed `levels`
  // iterations without data-dependent branches (the textbook loops, whose trip counts vary
  // row by row, mispredict about twice per row). Written out here because no package we
  // depend on has one and the two loops below are the whole structure.

  /// The events in `tree` that are partners of the row with payload `p`: time rank below its
  /// own for an event, at most its own for a censored row.
  ///
  /// ```
  /// prefix(q) = Σ_{k: bit k of q is 1} tree[(q >> k) << k]
  /// ```
  @inline(__always)
  private static func partners(
    _ p: UInt32, _ tree: UnsafeMutablePointer<UInt32>, _ levels: Int
  ) -> Int {
    let q = Int(p >> 1) &+ Int((p & 1) ^ 1)
    var count = 0
    for k in 0..<levels {
      let up = q &>> k
      // Node 0 (always 0) stands in when bit k of q is 0.
      count &+= Int(tree[(up &<< k) & (0 &- (up & 1))])
    }
    return count
  }

  /// Adds the event with payload `p` (time rank r) to `tree`.
  ///
  /// ```
  /// tree[((r >> k) | 1) << k] += 1   for every k with bit k of r 0
  /// ```
  /// (node `(2m + 1)·2^k` covers positions `(2m·2^k, (2m + 1)·2^k]`).
  @inline(__always)
  private static func insert(_ p: UInt32, _ tree: UnsafeMutablePointer<UInt32>, _ levels: Int) {
    let r = Int(p >> 1)
    for k in 0..<levels {
      let up = r &>> k
      tree[(up | 1) &<< k] &+= UInt32(truncatingIfNeeded: ~up & 1)
    }
  }
}
