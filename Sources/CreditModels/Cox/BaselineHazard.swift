/// The Breslow estimate of a Cox model's cumulative baseline hazard, at covariates x = 0.
///
/// ```
/// H₀(t) = Σ_{event times s ≤ t}  W_s / Σ_{j: T_j ≥ s} w_j exp(x_j β)
/// ```
/// `W_s` is the weight of the events at `s`. This is the estimator lifelines
/// (`baseline_cumulative_hazard_`) and statsmodels (`PHRegResults.baseline_cumulative_hazard`)
/// report for *either* ties method: neither applies Efron's correction to the baseline, so
/// neither do we. lifelines reports it at the training mean of the covariates; the value here
/// is at x = 0 (`H₀,mean(t) = H₀(t) exp(x̄ β)`), so `exp(x β)` of raw covariates is the
/// matching relative risk. statsmodels reports the left limit `H₀(t-)`.
///
/// `times` are all distinct training durations (lifelines' `baseline_cumulative_hazard_`
/// index), so censoring-only times are knots with no jump; that matters only for the
/// lifelines-compatible `.linear` evaluation.
public struct BaselineHazard: Sendable, Codable, Equatable {
  /// How the step function is read between and outside its knots.
  public enum Interpolation: String, Sendable, Codable, CaseIterable {
    /// The estimator itself: right-continuous steps, 0 before the first knot.
    case step
    /// lifelines' `np.interp(t, times, H)`: linear between knots, and clamped to the first
    /// knot's value before it and to the last knot's value after it. Equal to `.step` at the
    /// knots; kept to reproduce lifelines' predictions exactly.
    case linear
  }

  /// Distinct training durations, ascending.
  public let times: [Double]
  /// `H₀` at each of `times` (non-decreasing).
  public let cumulativeHazard: [Double]

  /// A baseline from knots and values.
  public init(times: [Double], cumulativeHazard: [Double]) {
    precondition(times.count == cumulativeHazard.count, "shape mismatch")
    self.times = times
    self.cumulativeHazard = cumulativeHazard
  }

  /// `H₀(t)`, read as `interpolation` says (the right-continuous step function by default).
  /// - Complexity: O(log k) for k knots.
  public func cumulativeHazard(at t: Double, interpolation: Interpolation = .step) -> Double {
    guard let first = times.first, let last = times.last else { return 0 }
    // Index of the last knot ≤ t (−1 if none).
    var lo = 0
    var hi = times.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if times[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    let k = lo - 1
    switch interpolation {
    case .step:
      return k >= 0 ? cumulativeHazard[k] : 0
    case .linear:
      if t <= first { return cumulativeHazard[0] }
      if t >= last { return cumulativeHazard[times.count - 1] }
      let (t0, t1) = (times[k], times[k + 1])
      let (h0, h1) = (cumulativeHazard[k], cumulativeHazard[k + 1])
      // np.interp's formula: slope * (x - xp[j]) + fp[j].
      return (h1 - h0) / (t1 - t0) * (t - t0) + h0
    }
  }

  /// The baseline survival `S₀(t) = exp(-H₀(t))`.
  public func survival(at t: Double, interpolation: Interpolation = .step) -> Double {
    exp(-cumulativeHazard(at: t, interpolation: interpolation))
  }
}

#if canImport(Glibc)
  import Glibc
#endif
