import CreditData

/// The P10–P90 band of a week's collections from its mean, variance and third cumulant.
///
/// A week's collections are a sum of invoice amounts each paid in the week or not: skewed to the
/// right when a few large invoices or a few customers carry much of the variance (most weeks
/// collect a little less than the mean, a few much more). The normal band `mean ∓ 1.2816 sd`
/// then sits too low: it holds more than 80% of the weeks, and misses mostly above (on fifteen
/// simulated books the true probabilities' normal band held 82.9% of the weeks, 7.0% below it and
/// 10.1% above).
///
/// The band is the Pearson type III (shifted gamma) quantiles with the week's mean `μ`, standard
/// deviation `σ` and skewness `γ = κ₃ / σ³`, by the Wilson–Hilferty transform (Kite's frequency
/// factor):
///
/// ```
/// q_p = μ + σ K(z_p, γ),   K(z, γ) = (2/γ) [(1 + γz/6 − γ²/36)³ − 1]
/// ```
///
/// `K → z` as `γ → 0` (the normal band), `K` rises with `z` at every `γ`, and for `γ = 1` it
/// gives −1.127 and +1.335 against the gamma's exact −1.128 and +1.340. P10 is floored at 0.
///
/// Against scipy's `pearson3.ppf` the factor is within 0.006 sd at `|γ| ≤ 1`, 0.013 sd at 1.5 and
/// 0.025 sd at 2 (`scripts/golden/cash_band.py`). Beyond that the transform fails (at large `γ`
/// its base turns negative and the quantiles run away), and a week skewed more is a few large
/// invoices each unlikely to pay in it, whose sum is lumpy and far from any smooth curve: the
/// skewness is taken at most 2 either way (`largestSkewness`).
struct CashBand: Sendable, Equatable {
  /// The week's mean, variance and third cumulant.
  var mean: Double
  var variance: Double
  var thirdCumulant: Double

  /// The standard normal's 90% quantile.
  static let z90 = 1.2815515655446004

  /// The largest skewness the band takes, either way: where the frequency factor is still
  /// within 0.025 sd of the Pearson type III quantiles.
  static let largestSkewness = 2.0

  /// `(p10, p90)`: the Pearson type III quantiles, P10 floored at 0, the skewness kept within
  /// ±`largestSkewness`; the normal ones when the skewness is not finite.
  var p10p90: (Double, Double) {
    let sd = variance.squareRoot()
    guard sd > 0 else { return (max(0, mean), mean) }
    let skewness = thirdCumulant / (variance * sd)
    let z = Self.z90
    guard skewness.isFinite else { return (max(0, mean - z * sd), mean + z * sd) }
    let gamma = min(max(skewness, -Self.largestSkewness), Self.largestSkewness)
    return (max(0, mean + sd * Self.factor(-z, gamma)), mean + sd * Self.factor(z, gamma))
  }

  /// The week as a forecast row starting on `weekStart`.
  func week(_ weekStart: Day) -> CashForecastWeek {
    let (p10, p90) = p10p90
    return CashForecastWeek(weekStart: weekStart, expected: mean, p10: p10, p90: p90)
  }

  /// Kite's frequency factor `K(z, γ)`, as `2 (z/6 − γ/36)(b² + b + 1)` with
  /// `b = 1 + γz/6 − γ²/36` (`b³ − 1 = (b − 1)(b² + b + 1)`, so no `1/γ` and no cancellation
  /// near `γ = 0`, where it is `z`).
  static func factor(_ z: Double, _ gamma: Double) -> Double {
    let b = 1 + gamma * z / 6 - gamma * gamma / 36
    return 2 * (z / 6 - gamma / 36) * (b * b + b + 1)
  }

  /// The third cumulant of an amount `a` paid with probability `p`: `a³ p (1 − p) (1 − 2p)`.
  static func bernoulliThirdCumulant(amount a: Double, probability p: Double) -> Double {
    a * a * a * p * (1 - p) * (1 - 2 * p)
  }
}
