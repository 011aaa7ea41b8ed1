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

    // Rank of every score among the distinct event scores, from one sort of all scores:
    // `below` = how many distinct event scores are smaller (the Fenwick position), `exact` =
    // whether the score is itself an event score (its ties). This replaces two binary searches
    // per observation, which at a million rows cost more than everything else together.
    let byScore = SortKeys.stableOrder(scores.map(SortKeys.ordered))
    var below = [Int32](repeating: 0, count: n)
    var exact = [Bool](repeating: false, count: n)
    var distinctCount = 0
    var first = 0
    while first < n {
      let s = scores[byScore[first]]
      var last = first + 1
      while last < n, scores[byScore[last]] == s { last += 1 }
      var hasEvent = false
      for m in first..<last where events[byScore[m]] { hasEvent = true }
      for m in first..<last {
        below[byScore[m]] = Int32(distinctCount)
        exact[byScore[m]] = hasEvent
      }
      if hasEvent { distinctCount += 1 }
      first = last
    }

    // The same facts in time order, so the sweep below reads them sequentially.
    var timeBelow = [Int32](repeating: 0, count: n)
    var timeExact = [Bool](repeating: false, count: n)
    var timeEvent = [Bool](repeating: false, count: n)
    var timeDuration = [Double](repeating: 0, count: n)
    for m in 0..<n {
      let i = byTime[m]
      timeBelow[m] = below[i]
      timeExact[m] = exact[i]
      timeEvent[m] = events[i]
      timeDuration[m] = durations[i]
    }
    var tree = FenwickTree(count: distinctCount)
    // Events added so far at each position (the tied count is a point query).
    var atPosition = [Int](repeating: 0, count: distinctCount)

    var result = Counts(concordant: 0, tied: 0, admissible: 0)
    var start = 0
    while start < n {
      var end = start + 1
      while end < n, timeDuration[end] == timeDuration[start] { end += 1 }
      var eventCount = 0
      for m in start..<end where timeEvent[m] { eventCount += 1 }
      let censoredCount = end - start - eventCount
      // Events at this time: compared with the events strictly before it.
      if eventCount > 0 {
        result.admissible += tree.total * eventCount
        for m in start..<end where timeEvent[m] {
          let position = Int(timeBelow[m])
          result.concordant += tree.prefixSum(position)
          result.tied += atPosition[position]
        }
        for m in start..<end where timeEvent[m] {
          let position = Int(timeBelow[m])
          tree.add(1, at: position)
          atPosition[position] += 1
        }
      }
      // Censored observations at this time: compared with every event at or before it.
      if censoredCount > 0 {
        result.admissible += tree.total * censoredCount
        for m in start..<end where !timeEvent[m] {
          let position = Int(timeBelow[m])
          result.concordant += tree.prefixSum(position)
          if timeExact[m] { result.tied += atPosition[position] }
        }
      }
      start = end
    }
    return result
  }
}

/// Counts over `0..<count` with O(log n) point update and prefix sum.
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
}
