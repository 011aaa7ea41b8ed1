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
  /// - Complexity: O(n log n): radix sorts by time and by score, then a Fenwick tree over the
  ///   ranks of the distinct event scores.
  public static func index(durations: [Double], scores: [Double], events: [Bool]) -> Double {
    counts(durations: durations, scores: scores, events: events).index
  }

  /// The concordant, tied and admissible pair counts (see `index(durations:scores:events:)`).
  public static func counts(durations: [Double], scores: [Double], events: [Bool]) -> Counts {
    let n = durations.count
    precondition(scores.count == n && events.count == n, "shape mismatch")
    precondition(!scores.contains { $0.isNaN } && !durations.contains { $0.isNaN }, "NaN input")

    // Ascending time. Within one time, lifelines handles the events first (compared with the
    // events strictly before t, then added to the pool), then the censored observations
    // (compared with every event at or before t).
    let byTime = SortKeys.stableOrder(durations.map(SortKeys.ordered))

    // For every row: `below` = how many distinct event scores are smaller than its score (its
    // slot in a Fenwick tree over the distinct event scores), and whether an event has the
    // same score. One sort of all scores, then a linear walk.
    let byScore = SortKeys.stableOrder(scores.map(SortKeys.ordered))
    var below = [Int](repeating: 0, count: n)
    var matchesEvent = [Bool](repeating: false, count: n)
    var distinctEventScores = 0
    var start = 0
    while start < n {
      var end = start + 1
      while end < n, scores[byScore[end]] == scores[byScore[start]] { end += 1 }
      var hasEvent = false
      for m in start..<end where events[byScore[m]] { hasEvent = true }
      for m in start..<end {
        below[byScore[m]] = distinctEventScores
        matchesEvent[byScore[m]] = hasEvent
      }
      if hasEvent { distinctEventScores += 1 }
      start = end
    }
    // Rows in time order: slot and flags laid out contiguously for the sweep.
    var slot = [Int32](repeating: 0, count: n)
    var flags = [UInt8](repeating: 0, count: n)  // bit 0: event, bit 1: an event has this score
    for m in 0..<n {
      let i = byTime[m]
      slot[m] = Int32(below[i])
      flags[m] = (events[i] ? 1 : 0) | (matchesEvent[i] ? 2 : 0)
    }
    var tree = FenwickTree(count: distinctEventScores)
    var pooled = [Int32](repeating: 0, count: distinctEventScores)

    var result = Counts(concordant: 0, tied: 0, admissible: 0)
    slot.withUnsafeBufferPointer { slot in
      flags.withUnsafeBufferPointer { flags in
        pooled.withUnsafeMutableBufferPointer { pooled in
          var start = 0
          while start < n {
            let t = durations[byTime[start]]
            var end = start + 1
            while end < n, durations[byTime[end]] == t { end += 1 }
            var eventsHere = 0
            for m in start..<end where flags[m] & 1 != 0 { eventsHere += 1 }
            // Events at t against the events before t.
            for m in start..<end where flags[m] & 1 != 0 {
              let k = Int(slot[m])
              result.concordant += tree.prefixSum(k)
              result.tied += Int(pooled[k])
            }
            result.admissible += tree.total * eventsHere
            for m in start..<end where flags[m] & 1 != 0 {
              let k = Int(slot[m])
              tree.add(1, at: k)
              pooled[k] += 1
            }
            // Censored at t against the events at or before t.
            let censoredHere = end - start - eventsHere
            if censoredHere > 0 {
              for m in start..<end where flags[m] & 1 == 0 {
                let k = Int(slot[m])
                result.concordant += tree.prefixSum(k)
                if flags[m] & 2 != 0 { result.tied += Int(pooled[k]) }
              }
              result.admissible += tree.total * censoredHere
            }
            start = end
          }
        }
      }
    }
    return result
  }
}

/// Counts over `0..<count` with O(log n) point update and prefix sum.
struct FenwickTree {
  private var tree: [Int32]
  private(set) var total = 0

  init(count: Int) { tree = [Int32](repeating: 0, count: count + 1) }

  mutating func add(_ v: Int32, at index: Int) {
    total += Int(v)
    let count = tree.count
    tree.withUnsafeMutableBufferPointer { t in
      var i = index + 1
      while i < count {
        t[i] += v
        i += i & -i
      }
    }
  }

  /// Sum over `0..<end`.
  func prefixSum(_ end: Int) -> Int {
    tree.withUnsafeBufferPointer { t in
      var s = 0
      var i = end
      while i > 0 {
        s += Int(t[i])
        i -= i & -i
      }
      return s
    }
  }
}
