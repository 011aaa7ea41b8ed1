#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Random variates used by the simulator.
//
// Goals, in order: (1) exactly reproducible for a seed, so every algorithm is spelled out here
// rather than borrowed from the standard library; (2) correct in distribution, checked by moment
// tests; (3) cheap, since a million invoices need about ten draws each.

extension Xoshiro256StarStar {
  // MARK: - Uniform

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in the open interval (0, 1), safe to pass to `log`.
  public mutating func nextOpenUniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound`, without modulo bias (Lemire 2019).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let n = UInt64(bound)
    var product = next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold { product = next().multipliedFullWidth(by: n) }
    }
    return Int(product.high)
  }

  /// A uniform integer in the closed range.
  public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + nextInt(below: range.upperBound - range.lowerBound + 1)
  }

  // MARK: - Continuous

  /// A standard normal deviate by the Box-Muller transform; the pair's second value is cached.
  ///
  /// ```
  /// r = sqrt(-2 log U1),  θ = 2π U2,  Z1 = r cos θ,  Z2 = r sin θ
  /// ```
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    let r = (-2 * log(nextOpenUniform())).squareRoot()
    let theta = 2 * Double.pi * nextUniform()
    spareNormal = r * sin(theta)
    return r * cos(theta)
  }

  /// A normal deviate with the given mean and standard deviation.
  public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
    mean + standardDeviation * nextNormal()
  }

  /// A log-normal deviate: `exp(μ + σ Z)`, so `μ` is the log of the median.
  public mutating func nextLogNormal(mu: Double, sigma: Double) -> Double {
    exp(mu + sigma * nextNormal())
  }

  /// A standard exponential deviate (rate 1) by inversion.
  public mutating func nextExponential() -> Double {
    -log(nextOpenUniform())
  }

  /// A standard minimum extreme-value (Gumbel-min) deviate: `W = log E` with `E ~ Exp(1)`.
  ///
  /// ```
  /// P(W ≤ w) = 1 − exp(−e^w),   E[W] = −γ,   Var[W] = π²/6
  /// ```
  /// This is the error term of a Weibull accelerated-failure-time model.
  public mutating func nextMinExtremeValue() -> Double {
    log(nextExponential())
  }

  /// A Weibull deviate with scale `λ` and shape `ρ` by inversion: `λ (−log U)^(1/ρ)`.
  public mutating func nextWeibull(scale: Double, shape: Double) -> Double {
    scale * pow(nextExponential(), 1 / shape)
  }

  // MARK: - Discrete

  /// True with probability `p`.
  public mutating func nextBernoulli(_ p: Double) -> Bool {
    nextUniform() < p
  }

  /// The number of trials up to and including the first success (support 1, 2, ...).
  ///
  /// By inversion: `1 + ⌊log U / log(1 − p)⌋`, using `log1p` so small `p` keeps its digits.
  public mutating func nextGeometric(_ p: Double) -> Int {
    precondition(p > 0 && p <= 1, "p must be in (0, 1]")
    if p == 1 { return 1 }
    return 1 + Int((log(nextOpenUniform()) / log1p(-p)).rounded(.down))
  }

  /// A Poisson deviate with mean `lambda`.
  ///
  /// Knuth's product of uniforms for `λ < 10` (about λ + 1 draws); above that, Hörmann's
  /// transformed rejection with squeeze (PTRS, 1993), which needs about 1.1 pairs of uniforms.
  public mutating func nextPoisson(_ lambda: Double) -> Int {
    precondition(lambda >= 0, "lambda must be non-negative")
    if lambda == 0 { return 0 }
    if lambda < 10 {
      let limit = exp(-lambda)
      var k = 0
      var product = nextUniform()
      while product > limit {
        k += 1
        product *= nextUniform()
      }
      return k
    }
    let sqrtLambda = lambda.squareRoot()
    let logLambda = log(lambda)
    let b = 0.931 + 2.53 * sqrtLambda
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = nextUniform() - 0.5
      let v = nextUniform()
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
      if us >= 0.07 && v <= vr { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      let lhs = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
      if lhs <= -lambda + k * logLambda - lgamma(k + 1) { return Int(k) }
    }
  }

  /// An index drawn with probabilities proportional to `cumulativeWeights` increments.
  ///
  /// `cumulativeWeights` must be non-decreasing with a positive last element.
  public mutating func nextCategory(cumulativeWeights: [Double]) -> Int {
    guard let total = cumulativeWeights.last, total > 0 else {
      preconditionFailure("weights must have a positive total")
    }
    let u = nextUniform() * total
    for (index, bound) in cumulativeWeights.enumerated() where u < bound { return index }
    return cumulativeWeights.count - 1
  }
}
