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
///
/// Every value is the fitted models' own: `BaselineHazard.cumulativeHazard(at:)` of the Cox fit
/// and the `Weibull` distribution at the invoice's `θ = [x·β, log ρ]`.
public struct PaymentCurve: Sendable {
  /// The Cox baseline `H₀` (a chunk of invoices shares one copy, see `Scorer`).
  let baseline: BaselineHazard
  /// `e^{xβ}` of the Cox model for this invoice.
  let relativeHazard: Double
  /// The Weibull parameters of this invoice, `log λ` and `log ρ` (two numbers rather than an
  /// array: a curve per open invoice, and an array each would be a heap block per invoice
  /// whose reference is counted on every copy of the curve).
  let logLambda: Double
  let logRho: Double

  /// The curve of an invoice with Cox linear predictor `coxLinearPredictor` and Weibull
  /// `log λ = weibullLogLambda`.
  public init(
    baseline: BaselineHazard, coxLinearPredictor: Double, weibullLogLambda: Double,
    logRho: Double
  ) {
    self.baseline = baseline
    // Capped so that `H₀(t) e^{xβ}` stays finite for any baseline a model file may hold
    // (`TrainedModel.Limits.cumulativeHazard`, 10⁶): e^600 × 10⁶ < 10²⁶⁷. Only a hazard ratio
    // beyond e^600, which no fit produces, is changed (it is certain payment either way).
    self.relativeHazard = exp(min(coxLinearPredictor, 600))
    self.logLambda = weibullLogLambda
    self.logRho = logRho
  }

  /// The end of the Cox support, τ.
  var support: Double { baseline.times.last ?? 0 }

  /// The Weibull cumulative hazard `(t/λ)^ρ`.
  func weibullCumulativeHazard(_ t: Double) -> Double {
    Weibull().cumulativeHazard(t, [logLambda, logRho])
  }

  /// Log-survival at age `t` (days since issue).
  public func logSurvival(_ t: Double) -> Double {
    let tau = support
    if t <= tau { return -baseline.cumulativeHazard(at: t) * relativeHazard }
    // An extreme Weibull (a shape of e¹⁰ with a tiny scale) overflows its cumulative hazard
    // at τ and at t (∞ − ∞): no survival beyond τ. The tail is capped at 10³⁰⁰, so that log
    // survivals stay finite and their differences (conditional survival) are numbers.
    let tail = weibullCumulativeHazard(t) - weibullCumulativeHazard(tau)
    return -baseline.cumulativeHazard(at: tau) * relativeHazard
      - (tail.isNaN ? 1e300 : min(tail, 1e300))
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
    let times = baseline.times
    let hazard = baseline.cumulativeHazard
    // Within the support: the first step time after a where log S drops to the target.
    for k in times.indices where times[k] > a && -hazard[k] * relativeHazard <= target {
      return (times[k], false)
    }
    // Cox cannot get there: its survival goes flat once the invoices like this one that did
    // pay have paid (the rest look like never-payers). Joining the Weibull tail at τ would
    // push every such median past τ, months or years out, although invoices that do pay
    // late pay within weeks. So the answer is the Weibull AFT's own conditional percentile
    // given T > a (lifelines' percentile level is the survival level, 1 − p).
    let remaining = Weibull().conditionalPercentile(1 - p, after: a, [logLambda, logRho])
    return (a + max(remaining, 1e-9), true)
  }
}
