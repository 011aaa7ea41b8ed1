import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// Predictions, named after lifelines' CoxPHFitter methods, batch first.
//
// Semantics. The model's survival for covariates x is S(t | x) = exp(−H₀(t) exp(x β)) with
// H₀ the Breslow step function at x = 0 (`BaselineHazard`). `interpolation: .step` (the
// default) reads H₀ as the estimator defines it; `.linear` reproduces lifelines, which reads
// `baseline_cumulative_hazard_` with `np.interp` (linear between the distinct training
// durations, clamped at both ends). The two agree at training durations.
//
// Conditional predictions follow lifelines' `conditional_after`: given survival to age a, the
// requested times t are *remaining* times, measured from a,
//
//   S(t | x, T > a) = S(a + t | x) / S(a | x) = exp(−max(0, H₀(a + t) − H₀(a)) exp(x β)),
//
// and the conditional median or percentile is the remaining time as well (add a for the
// calendar time). With `.linear`, H₀(a) is np.interp's value, clamped to the first knot's value
// below the first duration, so `conditionalAfter: 0` differs from the unconditional curve when
// events occur at the first duration; that is lifelines' behaviour, kept for parity.
//
// Percentiles (lifelines' `qth_survival_times`): the smallest candidate time whose survival is
// ≤ p, `.infinity` when the curve stays above p over the baseline's support. Candidates are
// the training durations: for `.step`, conditional ones are `u − a` for knots u > a (the exact
// inverse of the step function); for `.linear`, as in lifelines, the knots themselves read as
// remaining times.
extension CoxFit {
  /// The linear predictor `x β` of the raw covariates (R's `linear.predictors` without
  /// centring).
  ///
  /// lifelines' `predict_log_partial_hazard` returns `(x − mean) β`, which differs by the
  /// constant `mean β`; relative risks, ranks and survival predictions are unaffected.
  /// - Complexity: O(n p).
  public func predictLogPartialHazard(_ x: DesignMatrix) -> [Double] { predictLinear(x) }

  /// The partial hazard `exp(x β)` of the raw covariates.
  ///
  /// This is the hazard relative to x = 0, where `baseline` is given. lifelines returns `exp((x − mean) β)`.
  public func predictPartialHazard(_ x: DesignMatrix) -> [Double] {
    predictLogPartialHazard(x).map { exp($0) }
  }

  /// Cumulative hazards `H(t | x) = H₀(t) exp(x β)`; `result[i][j]` is row i at `times[j]`.
  ///
  /// - Parameters:
  ///   - times: Times to evaluate at (any order).
  ///   - conditionalAfter: Per row, the time a already survived; the times are then remaining
  ///     times and the value is `max(0, H₀(a + t) − H₀(a)) exp(x β)` (lifelines'
  ///     `conditional_after`). nil for unconditional predictions.
  ///   - interpolation: How H₀ is read between knots; `.step` is the estimator, `.linear`
  ///     matches lifelines.
  public func predictCumulativeHazard(
    _ x: DesignMatrix, at times: [Double], conditionalAfter: [Double]? = nil,
    interpolation: BaselineHazard.Interpolation = .step
  ) -> [[Double]] {
    let risk = predictPartialHazard(x)
    if let conditionalAfter {
      precondition(conditionalAfter.count == x.observations, "conditionalAfter does not match rows")
      return risk.indices.map { i in
        let a = conditionalAfter[i]
        let h0a = fields.baseline.cumulativeHazard(at: a, interpolation: interpolation)
        return times.map { t in
          let h = fields.baseline.cumulativeHazard(at: a + t, interpolation: interpolation) - h0a
          return Swift.max(0, h) * risk[i]
        }
      }
    }
    let h0 = times.map { fields.baseline.cumulativeHazard(at: $0, interpolation: interpolation) }
    return risk.map { r in h0.map { $0 * r } }
  }

  /// Survival probabilities `S(t | x) = exp(−H(t | x))`.
  ///
  /// `result[i][j]` is row i at `times[j]`. See `predictCumulativeHazard(_:at:conditionalAfter:interpolation:)`.
  public func predictSurvivalFunction(
    _ x: DesignMatrix, at times: [Double], conditionalAfter: [Double]? = nil,
    interpolation: BaselineHazard.Interpolation = .step
  ) -> [[Double]] {
    predictCumulativeHazard(
      x, at: times, conditionalAfter: conditionalAfter, interpolation: interpolation
    ).map { row in row.map { exp(-$0) } }
  }

  /// The time at which each row's survival first drops to `p` or below (lifelines'
  /// `predict_percentile`), `.infinity` if it never does within the training durations.
  ///
  /// - Parameters:
  ///   - p: Survival level in (0, 1); 0.5 gives the median.
  ///   - conditionalAfter: Per row, time already survived; the result is then the remaining
  ///     time from that age (lifelines' `conditional_after`).
  ///   - interpolation: `.step` (exact inverse of the step function) or `.linear` (lifelines).
  /// - Complexity: O(n (p + log K)) for K training durations.
  public func predictPercentile(
    _ x: DesignMatrix, p: Double, conditionalAfter: [Double]? = nil,
    interpolation: BaselineHazard.Interpolation = .step
  ) -> [Double] {
    precondition(p > 0 && p < 1, "p must be in (0, 1)")
    if let conditionalAfter {
      precondition(conditionalAfter.count == x.observations, "conditionalAfter does not match rows")
    }
    let knots = fields.baseline.times
    let risk = predictPartialHazard(x)
    return risk.indices.map { i in
      let r = risk[i]
      guard let a = conditionalAfter?[i] else {
        // Unconditional: the first knot with S ≤ p (both readings agree at knots).
        let k = Self.firstIndex(knots.count) { exp(-fields.baseline.cumulativeHazard[$0] * r) <= p }
        return k.map { knots[$0] } ?? .infinity
      }
      let h0a = fields.baseline.cumulativeHazard(at: a, interpolation: interpolation)
      switch interpolation {
      case .step:
        let first = Self.firstIndex(knots.count) { knots[$0] > a } ?? knots.count
        let k = Self.firstIndex(knots.count - first) { m in
          exp(-Swift.max(0, fields.baseline.cumulativeHazard[first + m] - h0a) * r) <= p
        }
        return k.map { knots[first + $0] - a } ?? .infinity
      case .linear:
        let k = Self.firstIndex(knots.count) { m in
          let h = fields.baseline.cumulativeHazard(at: a + knots[m], interpolation: .linear) - h0a
          return exp(-Swift.max(0, h) * r) <= p
        }
        return k.map { knots[$0] } ?? .infinity
      }
    }
  }

  /// The median survival time of each row, `predictPercentile(x, p: 0.5, …)`; with
  /// `conditionalAfter`, the median *remaining* time.
  public func predictMedian(
    _ x: DesignMatrix, conditionalAfter: [Double]? = nil,
    interpolation: BaselineHazard.Interpolation = .step
  ) -> [Double] {
    predictPercentile(x, p: 0.5, conditionalAfter: conditionalAfter, interpolation: interpolation)
  }

  /// First index in `0..<count` where the monotone predicate turns true (binary search).
  static func firstIndex(_ count: Int, where predicate: (Int) -> Bool) -> Int? {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if predicate(mid) { hi = mid } else { lo = mid + 1 }
    }
    return lo < count ? lo : nil
  }
}
