#if canImport(Glibc)
  import Glibc
#endif

/// A lifetime distribution defined by its cumulative hazard, in the spirit of lifelines'
/// `ParametricRegressionFitter`: a conformer supplies `H(t; θ)` and `log h(t; θ)`, and the
/// protocol extension derives everything else.
///
/// ```
/// S(t) = exp(−H(t))          h(t) = exp(log h(t))          f(t) = h(t) S(t)
/// ℓ(t, d) = d · log h(t) − H(t)   (right-censored log-likelihood; d = 1 for an event)
/// S(a + t | T > a) = exp(−(H(a + t) − H(a)))
/// ```
///
/// `θ` holds one observation's parameters on the scale of their linear predictors, in the
/// order of `parameterNames` (for `Weibull`: `[log λ, log ρ]`). A regression model computes
/// each entry of `θ` as `x · β` for its own coefficient block, as lifelines does.
///
/// Adding a distribution (log-logistic, log-normal) means writing `cumulativeHazard`,
/// `logHazard` and, when a closed form exists, `percentile`; the default `percentile` inverts
/// the monotone `H` numerically.
public protocol ParametricSurvivalModel: Sendable {
  /// Names of the entries of `θ`, lifelines style (`["lambda_", "rho_"]`).
  var parameterNames: [String] { get }

  /// The cumulative hazard `H(t; θ)`, non-decreasing in `t`, `H(0) = 0`.
  func cumulativeHazard(_ t: Double, _ θ: [Double]) -> Double

  /// The log hazard `log h(t; θ) = log(dH/dt)`.
  func logHazard(_ t: Double, _ θ: [Double]) -> Double

  /// The time `t` with `S(t) = p` (lifelines' percentile convention: `p = 0.5` is the median).
  func percentile(_ p: Double, _ θ: [Double]) -> Double

  /// The remaining time `t` with `S(a + t) / S(a) = p`, given survival to `a`.
  func conditionalPercentile(_ p: Double, after a: Double, _ θ: [Double]) -> Double
}

extension ParametricSurvivalModel {
  /// `S(t) = exp(−H(t))`.
  @inlinable public func survival(_ t: Double, _ θ: [Double]) -> Double {
    exp(-cumulativeHazard(t, θ))
  }

  /// `h(t) = exp(log h(t))`.
  @inlinable public func hazard(_ t: Double, _ θ: [Double]) -> Double {
    exp(logHazard(t, θ))
  }

  /// `f(t) = h(t) S(t)`, formed on the log scale so that a huge hazard times a tiny survival
  /// does not overflow first.
  @inlinable public func density(_ t: Double, _ θ: [Double]) -> Double {
    exp(logHazard(t, θ) - cumulativeHazard(t, θ))
  }

  /// One observation's right-censored log-likelihood.
  ///
  /// `log f(t)` for an event, `log S(t)` when censored, i.e. `d · log h(t) − H(t)`.
  @inlinable public func logLikelihood(_ t: Double, event: Bool, _ θ: [Double]) -> Double {
    (event ? logHazard(t, θ) : 0) - cumulativeHazard(t, θ)
  }

  /// `S(a + t) / S(a)`: survival for `t` more time units given survival to `a`, computed as
  /// `exp(−(H(a + t) − H(a)))` so that neither survival underflows.
  @inlinable public func conditionalSurvival(
    _ t: Double, after a: Double, _ θ: [Double]
  ) -> Double {
    a == 0 ? survival(t, θ) : exp(-(cumulativeHazard(a + t, θ) - cumulativeHazard(a, θ)))
  }

  /// Default percentile, by numerical inversion of `H`.
  ///
  /// Solves `H(t) = −log p` by bracketing on a doubling grid and bisecting on `log t` to full
  /// precision. `H` is monotone, so the root is unique.
  public func percentile(_ p: Double, _ θ: [Double]) -> Double {
    precondition(p > 0 && p < 1, "p must be in (0, 1)")
    let target = -log(p)
    var lo = 1.0
    var hi = 1.0
    while cumulativeHazard(lo, θ) > target && lo > 1e-300 { lo /= 2 }
    while cumulativeHazard(hi, θ) < target && hi < 1e300 { hi *= 2 }
    var logLo = log(lo)
    var logHi = log(hi)
    for _ in 0..<200 where logHi - logLo > 1e-15 * max(1, abs(logHi)) {
      let mid = 0.5 * (logLo + logHi)
      if cumulativeHazard(exp(mid), θ) < target { logLo = mid } else { logHi = mid }
    }
    return exp(0.5 * (logLo + logHi))
  }

  /// The remaining time `t` with `S(a + t) / S(a) = p`: `H(a + t) = H(a) − log p`, found with
  /// `percentile` of the distribution shifted by `a` (default: numerical inversion).
  public func conditionalPercentile(_ p: Double, after a: Double, _ θ: [Double]) -> Double {
    if a == 0 { return percentile(p, θ) }
    let pa = exp(-cumulativeHazard(a, θ))
    // S(a + t) = p S(a): the unconditional percentile at level p S(a), minus a.
    return percentile(p * pa, θ) - a
  }
}
