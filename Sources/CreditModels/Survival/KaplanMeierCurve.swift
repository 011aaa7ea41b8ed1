/// A Kaplan-Meier survival curve (immutable), from `KaplanMeier.fit`.
///
/// Arrays are aligned with `timeline`, which is lifelines' event table index: 0 first (all at
/// risk), then every distinct observed duration (event or censoring), ascending. Counts are
/// weighted sums, so they are whole numbers only without weights.
public struct KaplanMeierCurve: Sendable, Codable {
  /// 0, then the distinct durations, ascending.
  public let timeline: [Double]
  /// Right-continuous `S(t)` at each time of `timeline`.
  public let survival: [Double]
  /// Number (weight) at risk just before each time.
  public let atRisk: [Double]
  /// Number (weight) of events at each time.
  public let events: [Double]
  /// Number (weight) censored at each time.
  public let censored: [Double]
  /// Greenwood's sum `Σ_{s ≤ t} d_s / (n_s (n_s − d_s))`, the variance of `log S(t)`
  /// (lifelines' `_cumulative_sq_`).
  public let varianceOfLogSurvival: [Double]
  /// Lower and upper limits of the exponential-Greenwood (log(−log S)) confidence band.
  public let lower: [Double]
  public let upper: [Double]
  /// Coverage of the band (0.95 for a 95 % band).
  public let confidence: Double

  /// Greenwood's variance of `S(t)`: `S(t)² Σ d / (n (n − d))`.
  public var variance: [Double] {
    zip(survival, varianceOfLogSurvival).map { $0 * $0 * $1 }
  }

  /// `S(t)` of the step function (1 before the first time).
  /// - Complexity: O(log k).
  public func survival(at t: Double) -> Double {
    var lo = 0
    var hi = timeline.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if timeline[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? 1 : survival[lo - 1]
  }

  /// The first time at which `S` drops to `p` or below, `.infinity` if it never does
  /// (lifelines' `qth_survival_time`).
  public func percentile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "p must be in (0, 1)")
    guard let k = survival.firstIndex(where: { $0 <= p }) else { return .infinity }
    return timeline[k]
  }

  /// The median survival time (lifelines' `median_survival_time_`), `.infinity` if `S` stays
  /// above 0.5.
  public var median: Double { percentile(0.5) }
}
