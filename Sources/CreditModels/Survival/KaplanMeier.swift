#if canImport(Glibc)
  import Glibc
#endif

/// The Kaplan-Meier product-limit estimator: configuration; `fit` returns a `KaplanMeierCurve`.
///
/// ```
/// S(t) = Π_{s ≤ t} (1 − d_s / n_s)
/// ```
/// `d_s` events and `n_s` at risk at each distinct duration s. Matches lifelines'
/// `KaplanMeierFitter` (event table, right-continuous survival, exponential Greenwood band,
/// median), including optional case weights (lifelines' `weights`).
public struct KaplanMeier: Sendable {
  /// Significance level of the confidence band; 0.05 (a 95 % band) as lifelines.
  public var alpha: Double

  /// A configuration.
  /// - Parameter alpha: Band level, `1 − alpha` coverage; 0.05 as lifelines' default.
  public init(alpha: Double = 0.05) {
    precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
    self.alpha = alpha
  }

  /// Estimates the survival curve of right-censored durations.
  ///
  /// - Parameters:
  ///   - durations: Event or censoring times, finite and ≥ 0.
  ///   - events: `true` when the duration ends in the event.
  ///   - weights: Case weights ≥ 0 (counts, e.g. for aggregated data), 1 when nil.
  /// - Throws: `FitError.invalidInput` naming the first row with a negative or non-finite
  ///   duration or weight, or when there are no rows.
  /// - Complexity: O(n log n) (one radix sort).
  public func fit(durations: [Double], events: [Bool], weights: [Double]? = nil) throws
    -> KaplanMeierCurve
  {
    let (timeline, atRisk, observed, censored) = try Self.eventTable(
      durations: durations, events: events, weights: weights)

    // lifelines sums logs: log S(t) = Σ log(n − d) − log(n); Greenwood: Σ d / (n (n − d)).
    let z = Normal.quantile(1 - alpha / 2)
    var logSurvival = 0.0
    var greenwood = 0.0
    var survival: [Double] = []
    var varianceOfLog: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    for k in timeline.indices {
      let nk = atRisk[k]
      let dk = observed[k]
      if dk > 0 {
        logSurvival += Self.logStep(atRisk: nk, events: dk)
        if nk > dk { greenwood += dk / (nk * (nk - dk)) }
      }
      let s = exp(logSurvival)
      survival.append(s)
      varianceOfLog.append(greenwood)
      // Exponential Greenwood (log(−log S)) band, as lifelines' `_bounds`; 1 where S = 1.
      let v = log(s)
      if v == 0 {
        lower.append(1)
        upper.append(1)
      } else if s == 0 {
        lower.append(0)
        upper.append(0)
      } else {
        let spread = z * greenwood.squareRoot() / v
        lower.append(exp(-exp(log(-v) - spread)))
        upper.append(exp(-exp(log(-v) + spread)))
      }
    }
    return KaplanMeierCurve(
      timeline: timeline, survival: survival, atRisk: atRisk, events: observed,
      censored: censored, varianceOfLogSurvival: varianceOfLog, lower: lower, upper: upper,
      confidence: 1 - alpha)
  }

  /// The median survival time of the curve `fit` estimates (`fit(...).median`, the same
  /// number), without the rest of the curve: the survival is summed only up to the first time
  /// it drops to one half, and no variance or band is formed (for a caller that wants only
  /// the median of many fits: the band's logarithms and exponentials at every distinct time
  /// were most of a fit's work).
  /// - Throws: as `fit`.
  public func median(durations: [Double], events: [Bool], weights: [Double]? = nil) throws
    -> Double
  {
    let (timeline, atRisk, observed, _) = try Self.eventTable(
      durations: durations, events: events, weights: weights)
    var logSurvival = 0.0
    for k in timeline.indices {
      if observed[k] > 0 { logSurvival += Self.logStep(atRisk: atRisk[k], events: observed[k]) }
      if exp(logSurvival) <= 0.5 { return timeline[k] }
    }
    return .infinity
  }

  /// `log(n − d) − log(n)`, the step of `log S` at a time with `d` events among `n` at risk.
  private static func logStep(atRisk n: Double, events d: Double) -> Double {
    log(n - d) - log(n)
  }

  /// lifelines' event table: a row at t = 0 (everyone at risk), then every distinct duration,
  /// with the number (weight) at risk, of events and censored at each.
  private static func eventTable(durations: [Double], events: [Bool], weights: [Double]?)
    throws -> (timeline: [Double], atRisk: [Double], observed: [Double], censored: [Double])
  {
    let n = durations.count
    precondition(events.count == n, "events do not match durations")
    precondition(weights == nil || weights?.count == n, "weights do not match durations")
    guard n > 0 else { throw FitError.invalidInput("no observations") }
    _ = try SurvivalInput.checkDurationsAndWeights(durations, weights: weights)
    let order = SortKeys.stableOrder(durations.map(SortKeys.ordered))
    let total = weights?.reduce(0, +) ?? Double(n)
    var timeline: [Double] = [0]
    var atRisk: [Double] = [total]
    var observed: [Double] = [0]
    var censored: [Double] = [0]
    var remaining = total
    var m = 0
    while m < n {
      let t = durations[order[m]]
      var d = 0.0
      var c = 0.0
      while m < n, durations[order[m]] == t {
        let w = weights?[order[m]] ?? 1
        if events[order[m]] { d += w } else { c += w }
        m += 1
      }
      if t == 0 {
        observed[0] += d
        censored[0] += c
      } else {
        timeline.append(t)
        atRisk.append(remaining)
        observed.append(d)
        censored.append(c)
      }
      remaining -= d + c
    }
    return (timeline, atRisk, observed, censored)
  }
}
