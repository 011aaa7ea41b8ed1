import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension CoxShardSums {
  /// The log partial likelihood, its gradient and information at the β the sums were made at.
  ///
  /// For an event time with `d` tied events, risk-set sums `S₀, S₁, S₂` and event sums
  /// `E₀, E₁, E₂`, Efron's likelihood removes the tied events from the risk set by
  /// fractions `f = l / d`, `l = 0 … d − 1` (Breslow: `f = 0`):
  ///
  /// ```
  /// ℓ  += Σ_D xβ − Σ_l log(S₀ − f E₀)
  /// ∇ℓ += Σ_D x  − Σ_l m_l,           m_l = (S₁ − f E₁) / (S₀ − f E₀)
  /// I  += Σ_l (S₂ − f E₂) / (S₀ − f E₀) − m_l m_lᵀ
  /// ```
  ///
  /// the same partial likelihood `CoxProportionalHazards.fit` maximises (with unit weights).
  /// The covariates are not centred here; training designs are standardised, so the
  /// cancellation in `S₂ / S₀ − m mᵀ` costs no digits that matter.
  /// - Parameter beta: the coefficients the shards evaluated at (for `Σ_D xβ`).
  public func evaluate(beta: [Double], ties: CoxProportionalHazards.TieMethod) -> NewtonSums {
    let s = triangle
    var sums = NewtonSums.zero(p)
    var s0 = 0.0
    var s1 = [Double](repeating: 0, count: p)
    var s2 = [Double](repeating: 0, count: s)
    var m = [Double](repeating: 0, count: p)
    for k in times.indices.reversed() {
      s0 += risk0[k]
      for j in 0..<p { s1[j] += risk1[k * p + j] }
      for j in 0..<s { s2[j] += risk2[k * s + j] }
      let d = events[k]
      guard d > 0 else { continue }
      for j in 0..<p {
        sums.logLikelihood += eventX[k * p + j] * beta[j]
        sums.gradient[j] += eventX[k * p + j]
      }
      for l in 0..<Int(d) {
        let f = ties == .efron ? Double(l) / d : 0
        let den = s0 - f * event0[k]
        sums.logLikelihood -= log(den)
        for j in 0..<p {
          m[j] = (s1[j] - f * event1[k * p + j]) / den
          sums.gradient[j] -= m[j]
        }
        var t = 0
        for j in 0..<p {
          for i in 0...j {
            let v = (s2[t] - f * event2[k * s + t]) / den - m[j] * m[i]
            sums.information[j * p + i] += v
            if i != j { sums.information[i * p + j] += v }
            t += 1
          }
        }
      }
    }
    return sums
  }

  /// Breslow's cumulative baseline hazard at x = 0, knots at every duration (as
  /// `CoxProportionalHazards.fit` gives it without weights).
  public func baseline() -> BaselineHazard {
    var s0 = [Double](repeating: 0, count: times.count)
    var running = 0.0
    for k in times.indices.reversed() {
      running += risk0[k]
      s0[k] = running
    }
    var cumulative = 0.0
    var values = [Double](repeating: 0, count: times.count)
    for k in times.indices {
      if events[k] > 0 { cumulative += events[k] / s0[k] }
      values[k] = cumulative
    }
    return BaselineHazard(times: times, cumulativeHazard: values)
  }

  /// Column means over the rows at risk at the earliest event time (those the fit centres
  /// on), and the number of events.
  public func activeMeans() -> (mean: [Double], events: Int) {
    guard let first = events.firstIndex(where: { $0 > 0 }) else {
      return ([Double](repeating: 0, count: p), 0)
    }
    var mean = [Double](repeating: 0, count: p)
    var count = 0.0
    for k in first..<times.count {
      count += rows[k]
      for j in 0..<p { mean[j] += plain[k * p + j] }
    }
    return (mean.map { $0 / count }, Int(events.reduce(0, +)))
  }
}
