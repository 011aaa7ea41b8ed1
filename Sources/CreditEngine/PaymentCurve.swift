import CreditModels

#if canImport(Glibc)
  import Glibc
#endif

/// The survival function of one invoice's time to payment: P(unpaid at age t).
///
/// Within the Cox baseline's support (up to the longest time seen in training) it is the Cox
/// model, `S(t) = exp(−H₀(t) e^{xβ})`, a step function. Beyond it the Cox model knows nothing
/// (its step function goes flat), so the tail continues with the Weibull AFT fitted on the same
/// data, joined continuously: `S(t) = S_cox(τ) · S_w(t) / S_w(τ)` for `t > τ`. Answers that came
/// from the tail are flagged, so a date the Cox model alone cannot reach is marked as such.
/// Percentiles the Cox model cannot reach come from the Weibull model conditioned on the age
/// alone (see `conditionalPercentile`).
public struct PaymentCurve: Sendable {
  /// Baseline step times and cumulative hazards (shared by all invoices).
  let times: [Double]
  let cumulativeHazard: [Double]
  /// `e^{xβ}` of the Cox model for this invoice.
  let relativeHazard: Double
  /// Weibull `λ = e^{xβ}` and `ρ`.
  let lambda: Double
  let rho: Double

  public init(
    times: [Double], cumulativeHazard: [Double], coxLinearPredictor: Double,
    weibullLogLambda: Double, rho: Double
  ) {
    self.times = times
    self.cumulativeHazard = cumulativeHazard
    self.relativeHazard = exp(coxLinearPredictor)
    self.lambda = exp(weibullLogLambda)
    self.rho = rho
  }

  /// The end of the Cox support, τ.
  var support: Double { times.last ?? 0 }

  /// Baseline cumulative hazard at `t` (right-continuous step function, 0 before the first step).
  func baseline(_ t: Double) -> Double {
    // Binary search for the last time <= t.
    var lo = 0
    var hi = times.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if times[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? 0 : cumulativeHazard[lo - 1]
  }

  /// Weibull cumulative hazard `(t/λ)^ρ`.
  func weibullHazard(_ t: Double) -> Double { t <= 0 ? 0 : pow(t / lambda, rho) }

  /// Log-survival at age `t` (days since issue).
  public func logSurvival(_ t: Double) -> Double {
    let tau = support
    if t <= tau { return -baseline(t) * relativeHazard }
    return -baseline(tau) * relativeHazard - (weibullHazard(t) - weibullHazard(tau))
  }

  /// P(unpaid at age `t`).
  public func survival(_ t: Double) -> Double { exp(logSurvival(t)) }

  /// P(paid within `days` | unpaid at age `a`).
  public func probabilityPaid(within days: Double, after a: Double) -> Double {
    -expm1(logSurvival(a + days) - logSurvival(a))
  }

  /// The age at which the conditional survival given `T > a` reaches `1 − p` (p = 0.5: the
  /// conditional median), and whether the Cox model could not reach it (Weibull answer).
  /// - Returns: an age > `a`, in days since issue.
  public func conditionalPercentile(
    after a: Double, p: Double = 0.5
  ) -> (age: Double, extrapolated: Bool) {
    let target = logSurvival(a) + log1p(-p)
    // Within the support: the first step time after a where log S drops to the target.
    for k in times.indices where times[k] > a && -cumulativeHazard[k] * relativeHazard <= target {
      return (times[k], false)
    }
    // Cox cannot get there: its survival goes flat once the invoices like this one that did
    // pay have paid (the rest look like never-payers). Joining the Weibull tail at τ would
    // push every such median past τ, months or years out, although invoices that do pay
    // late pay within weeks. So the answer is the Weibull AFT's own conditional percentile
    // given T > a (lifelines' percentile level is the survival level, 1 − p).
    let remaining = Weibull().conditionalPercentile(1 - p, after: a, [log(lambda), log(rho)])
    return (a + max(remaining, 1e-9), true)
  }
}
