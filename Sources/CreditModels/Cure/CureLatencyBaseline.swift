#if canImport(Glibc)
  import Glibc
#endif

/// The payers' baseline cumulative hazard on the accelerated-failure-time scale `u = t / λ`,
/// estimated from the data instead of assumed Weibull: a piecewise Weibull through knots of a
/// weighted Kaplan-Meier curve.
///
/// The Weibull latency of `MixtureCure` says `S_u(t | x) = S₀(t / λ(x))` with
/// `S₀(u) = exp(−u^ρ)`. Keeping the time scale `λ(x) = exp(x · β)` and replacing `S₀` by an
/// estimate of the distribution of `u` among payers (Kaplan-Meier of `u_i = t_i / λ_i` over
/// the payments and the open invoices, each open one weighted by its posterior probability of
/// being a payer, as EM for the semi-parametric cure model weights them) lets the payment-time
/// shape be what the history says: invoices that are paid in a narrow window around their due
/// date are far from any one Weibull shape.
///
/// Between knots `log H₀` is linear in `log u` (a Weibull piece), so `H₀` is continuous and
/// increasing, and both `H₀(u)` and its inverse are closed-form; before the first knot and
/// after the last the fitted Weibull shape `ρ` continues the curve.
public struct CureLatencyBaseline: Sendable, Codable, Equatable {
  /// `log u` at the knots, strictly increasing.
  public let logTimes: [Double]
  /// `log H₀(u)` at the knots, strictly increasing.
  public let logHazards: [Double]
  /// The slope of `log H₀` against `log u` before the first knot and after the last (the
  /// Weibull shape `ρ` of the parametric fit).
  public let tailShape: Double

  /// Least drop of the Kaplan-Meier survival between two knots: about 100 knots over the
  /// whole curve, each of which moves a quantile by at most half a drop where the curve
  /// between them is interpolated.
  public static let knotSpacing = 0.01
  /// Least weight at risk at a knot: the curve's last steps rest on a handful of invoices,
  /// and beyond the last knot the Weibull tail is steadier than they are.
  public static let minimumAtRisk = 20.0

  /// A baseline through the given knots.
  /// - Precondition: at least two knots, both arrays strictly increasing and finite, a
  ///   positive finite shape.
  public init(logTimes: [Double], logHazards: [Double], tailShape: Double) {
    precondition(logTimes.count == logHazards.count && logTimes.count >= 2, "two knots or more")
    precondition(Self.strictlyIncreasing(logTimes), "knot times must increase")
    precondition(Self.strictlyIncreasing(logHazards), "knot hazards must increase")
    precondition(tailShape > 0 && tailShape.isFinite, "tail shape must be positive")
    self.logTimes = logTimes
    self.logHazards = logHazards
    self.tailShape = tailShape
  }

  /// Largest `|log u|`, `|log H₀|` and `|log ρ|` a decoded baseline may hold: e^±50 is far
  /// beyond any fitted knot (payment times within centuries of a scale of days), and keeps
  /// `exp` of the interpolated values finite.
  public static let logLimit = 50.0

  private enum CodingKeys: String, CodingKey { case logTimes, logHazards, tailShape }

  /// Decodes a baseline and refuses one that `init(logTimes:logHazards:tailShape:)` would
  /// not accept (a damaged or hand-edited model file), naming what is wrong.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let times = try c.decode([Double].self, forKey: .logTimes)
    let hazards = try c.decode([Double].self, forKey: .logHazards)
    let shape = try c.decode(Double.self, forKey: .tailShape)
    let inRange = { (v: [Double]) in v.allSatisfy { abs($0) <= Self.logLimit } }
    guard times.count == hazards.count, times.count >= 2 else {
      throw DecodingError.dataCorruptedError(
        forKey: .logTimes, in: c,
        debugDescription: "expected two or more knots, as many log times as log hazards")
    }
    guard Self.strictlyIncreasing(times), inRange(times) else {
      throw DecodingError.dataCorruptedError(
        forKey: .logTimes, in: c,
        debugDescription: "expected strictly increasing values within ±\(Self.logLimit)")
    }
    guard Self.strictlyIncreasing(hazards), inRange(hazards) else {
      throw DecodingError.dataCorruptedError(
        forKey: .logHazards, in: c,
        debugDescription: "expected strictly increasing values within ±\(Self.logLimit)")
    }
    guard shape > 0, abs(log(shape)) <= 10 else {
      throw DecodingError.dataCorruptedError(
        forKey: .tailShape, in: c, debugDescription: "expected a shape within e^±10")
    }
    self.init(logTimes: times, logHazards: hazards, tailShape: shape)
  }

  /// The knots of a Kaplan-Meier curve of `u`, or nil when it has fewer than two.
  ///
  /// A knot is kept at an event time where the survival has dropped by at least
  /// `knotSpacing` since the last knot (from 1 at `u = 0`), is still above 0 and at least
  /// `minimumAtRisk` weight was at risk.
  public init?(_ curve: KaplanMeierCurve, tailShape: Double) {
    var times: [Double] = []
    var hazards: [Double] = []
    var last = 1.0
    for k in curve.timeline.indices where curve.events[k] > 0 && curve.timeline[k] > 0 {
      let s = curve.survival[k]
      guard s > 0, curve.atRisk[k] >= Self.minimumAtRisk else { break }
      if last - s >= Self.knotSpacing {
        times.append(log(curve.timeline[k]))
        hazards.append(log(-log(s)))
        last = s
      }
    }
    guard times.count >= 2, tailShape > 0, tailShape.isFinite else { return nil }
    self.init(logTimes: times, logHazards: hazards, tailShape: tailShape)
  }

  /// `H₀(u)` at `log u`.
  public func cumulativeHazard(logU: Double) -> Double {
    var knot = -1
    return cumulativeHazard(logU: logU, knot: &knot)
  }

  /// `H₀(u)` at `log u`, the same value, its piece looked for by stepping from `knot` (the
  /// number of knots at or below a nearby `log u`; −1 for none, which searches) and `knot` left
  /// at this one's: a row's hazards at a few nearby times step over a knot or two instead of
  /// searching all of them each time.
  public func cumulativeHazard(logU: Double, knot: inout Int) -> Double {
    if logU == -.infinity { return 0 }
    if knot < 0 || knot > logTimes.count || logU.isNaN {
      knot = Self.count(atOrBelow: logU, in: logTimes)
    } else {
      while knot < logTimes.count, logTimes[knot] <= logU { knot += 1 }
      while knot > 0, logTimes[knot - 1] > logU { knot -= 1 }
    }
    let (j, slope) = piece(above: knot)
    return exp(logHazards[j] + slope * (logU - logTimes[j]))
  }

  /// `log u` with `H₀(u) = h` (−∞ at h = 0).
  public func logInverse(hazard h: Double) -> Double {
    guard h > 0 else { return -.infinity }
    let logH = log(h)
    let (j, slope) = piece(holding: logH, in: logHazards)
    return logTimes[j] + (logH - logHazards[j]) / slope
  }

  /// The remaining time at quantile `q` among payers of scale `λ = exp(logLambda)` still
  /// open at age `a` (`hazardAtAge` = `H₀(a / λ)`): `λ u* − a` with
  /// `H₀(u*) = H₀(a / λ) − log(1 − q)`.
  public func remainingTime(q: Double, age a: Double, logLambda: Double, hazardAtAge: Double)
    -> Double
  {
    max(0, exp(logInverse(hazard: hazardAtAge - log1p(-q)) + logLambda) - a)
  }

  /// The knot a piece starts from and its slope, for the value `v` of the increasing
  /// `knots` (`logTimes` or `logHazards`): between knots `j` and `j + 1`, the line through
  /// both; before the first knot (anchored at it) and after the last, the tail shape.
  private func piece(holding v: Double, in knots: [Double]) -> (Int, Double) {
    piece(above: Self.count(atOrBelow: v, in: knots))
  }

  /// The piece above the first `lo` knots: its first knot and slope (`piece(holding:in:)`).
  private func piece(above lo: Int) -> (Int, Double) {
    guard lo > 0, lo < logTimes.count else { return (lo == 0 ? 0 : logTimes.count - 1, tailShape) }
    let j = lo - 1
    return (j, (logHazards[j + 1] - logHazards[j]) / (logTimes[j + 1] - logTimes[j]))
  }

  /// The number of `knots` at or below `v` (binary search).
  private static func count(atOrBelow v: Double, in knots: [Double]) -> Int {
    var lo = 0
    var hi = knots.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if knots[mid] <= v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  static func strictlyIncreasing(_ v: [Double]) -> Bool {
    v.allSatisfy(\.isFinite) && zip(v, v.dropFirst()).allSatisfy { $0 < $1 }
  }
}
