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
  /// - Complexity: O(n log n): one sort by time, one sort of the event scores, and a Fenwick
  ///   tree over the ranks of the event scores.
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

    // Ranks of the event scores: distinct values ascending.
    let eventRows = (0..<n).filter { events[$0] }
    let eventOrder = SortKeys.stableOrder(eventRows.map { SortKeys.ordered(scores[$0]) })
    var distinct: [Double] = []
    distinct.reserveCapacity(eventRows.count)
    for k in eventOrder {
      let s = scores[eventRows[k]]
      if distinct.last != s { distinct.append(s) }
    }
    var tree = FenwickTree(count: distinct.count)

    var result = Counts(concordant: 0, tied: 0, admissible: 0)
    var batch: [Int] = []
    var start = 0
    while start < n {
      var end = start + 1
      while end < n, durations[byTime[end]] == durations[byTime[start]] { end += 1 }
      for wantEvents in [true, false] {
        batch.removeAll(keepingCapacity: true)
        for m in start..<end where events[byTime[m]] == wantEvents { batch.append(byTime[m]) }
        if batch.isEmpty { continue }
        result.admissible += tree.total * batch.count
        for i in batch {
          let s = scores[i]
          let position = lowerBound(distinct, s)
          result.concordant += tree.prefixSum(position)
          if position < distinct.count, distinct[position] == s {
            result.tied += tree.value(at: position)
          }
        }
        if wantEvents {
          for i in batch { tree.add(1, at: lowerBound(distinct, scores[i])) }
        }
      }
      start = end
    }
    return result
  }

  /// First index of `sorted` whose element is not below `x`.
  private static func lowerBound(_ sorted: [Double], _ x: Double) -> Int {
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

/// Counts over `0..<count` with O(log n) point update, prefix sum and point query.
struct FenwickTree {
  private var tree: [Int]
  private(set) var total = 0

  init(count: Int) { tree = [Int](repeating: 0, count: count + 1) }

  mutating func add(_ v: Int, at index: Int) {
    total += v
    var i = index + 1
    while i < tree.count {
      tree[i] += v
      i += i & -i
    }
  }

  /// Sum over `0..<end`.
  func prefixSum(_ end: Int) -> Int {
    var s = 0
    var i = end
    while i > 0 {
      s += tree[i]
      i -= i & -i
    }
    return s
  }

  func value(at index: Int) -> Int { prefixSum(index + 1) - prefixSum(index) }
}
