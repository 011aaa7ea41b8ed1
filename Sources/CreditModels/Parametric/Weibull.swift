#if canImport(Glibc)
  import Glibc
#endif

/// The Weibull distribution, lifelines' parametrisation, on the log scale of both parameters.
///
/// ```
/// θ = [log λ, log ρ]
/// H(t) = (t / λ)^ρ = exp(ρ (log t − log λ))
/// log h(t) = log ρ − log t + ρ (log t − log λ)
/// S(t) = exp(−(t / λ)^ρ)
/// ```
///
/// Every quantity is formed from `z = ρ (log t − log λ)`, so `(t/λ)^ρ` never passes through a
/// separate power that could overflow before the exponent is known.
public struct Weibull: ParametricSurvivalModel {
  public init() {}

  public var parameterNames: [String] { ["lambda_", "rho_"] }

  @inlinable public func cumulativeHazard(_ t: Double, _ θ: [Double]) -> Double {
    t > 0 ? exp(exp(θ[1]) * (log(t) - θ[0])) : 0
  }

  @inlinable public func logHazard(_ t: Double, _ θ: [Double]) -> Double {
    let rho = exp(θ[1])
    return θ[1] - log(t) + rho * (log(t) - θ[0])
  }

  /// Closed form: `λ (−log p)^(1/ρ)`.
  public func percentile(_ p: Double, _ θ: [Double]) -> Double {
    precondition(p > 0 && p < 1, "p must be in (0, 1)")
    return exp(θ[0] + log(-log(p)) / exp(θ[1]))
  }

  /// The remaining time to `S(a + t) / S(a) = p`, in closed form.
  ///
  /// Solving `H(a + t) − H(a) = −log p` gives `a + t = λ (H(a) − log p)^(1/ρ)`, i.e.
  /// lifelines' `λ (−log p + (a/λ)^ρ)^(1/ρ) − a`.
  ///
  /// That difference cancels when `t ≪ a`; with `a = λ H(a)^(1/ρ)` it equals
  /// `a · expm1(log1p(−log p / H(a)) / ρ)`, which keeps full relative precision.
  public func conditionalPercentile(_ p: Double, after a: Double, _ θ: [Double]) -> Double {
    precondition(p > 0 && p < 1, "p must be in (0, 1)")
    guard a > 0 else { return percentile(p, θ) }
    let ha = cumulativeHazard(a, θ)
    guard ha > 0 else { return percentile(p, θ) }
    return a * expm1(log1p(-log(p) / ha) / exp(θ[1]))
  }

  /// The mean lifetime `λ Γ(1 + 1/ρ)`.
  public func expectation(_ θ: [Double]) -> Double {
    exp(θ[0] + lgamma(1 + 1 / exp(θ[1])))
  }
}
