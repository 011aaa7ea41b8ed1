import CreditData

#if canImport(Glibc)
  import Glibc
#endif

/// The early-payment discount being considered and what money costs.
public struct DiscountTerms: Sendable, Equatable {
  /// The discount `d`, in percent of the invoice (2: "2/10 net 30").
  public var percent: Double = 2
  /// The window `n`: days from issue within which the discount applies.
  public var days: Int = 10
  /// The cost of capital `r`, in percent a year.
  public var costOfCapital: Double = 8
  /// The share `q` of a customer's later payments that move into the window, where the
  /// customer's own take-up is not known (fewer than `minimumOwnOffers` decided offers in a
  /// discounts file).
  public var takeUp: Double = 0.5
  /// Decided offers (taken or lapsed) a customer needs before its own take-up is used.
  public static let minimumOwnOffers = 3
  /// The horizon `H` of the payment-time mean: an invoice unpaid after it counts as paid then.
  public static let horizonDays = 730

  public init() {}
}

/// Whether an early-payment discount pays for one customer (a row of discount_offers.csv).
///
/// For the customer's typical next invoice of amount `A`, with the timing model's
/// probability `F = P(paid within n days)` and mean days beyond the window of those paid
/// later, `D = E[min(T, H) − n | T > n]`, a take-up `q` among the later payers:
///
/// ```
/// days gained     G = q · (1 − F) · D
/// capital saving  S = A · r · G / 365
/// discount cost   C = A · d · (F + q · (1 − F))     (those paying early anyway take it too)
/// net value       V = S − C;  offered only where V > 0
/// ```
public struct DiscountOffer: Sendable, Equatable {
  public var customerID: String
  public var typicalAmount: Double
  public var paidWithin: Double
  public var meanDaysBeyond: Double
  public var takeUp: Double
  /// `own` (the customer's discounts history) or `default` (`DiscountTerms.takeUp`).
  public var takeUpBasis: String
  public var daysGained: Double
  public var capitalSaving: Double
  public var discountCost: Double
  public var netValue: Double { capitalSaving - discountCost }

  /// The arithmetic above for one customer.
  public init(
    customerID: String, typicalAmount: Double, paidWithin: Double, meanDaysBeyond: Double,
    takeUp: Double, takeUpBasis: String, terms: DiscountTerms
  ) {
    self.customerID = customerID
    self.typicalAmount = typicalAmount
    self.paidWithin = paidWithin
    self.meanDaysBeyond = meanDaysBeyond
    self.takeUp = takeUp
    self.takeUpBasis = takeUpBasis
    daysGained = takeUp * (1 - paidWithin) * meanDaysBeyond
    capitalSaving = typicalAmount * terms.costOfCapital / 100 * daysGained / 365
    discountCost = typicalAmount * terms.percent / 100 * (paidWithin + takeUp * (1 - paidWithin))
  }

  /// The mean days beyond the window `D` at which the net value is 0, the offer paying only
  /// beyond it: `D* = 365 d (F + q (1 − F)) / (r q (1 − F))`; NaN when no later payer moves
  /// or capital costs nothing (no `D` makes the offer pay then).
  static func breakEvenDays(paidWithin f: Double, takeUp q: Double, terms: DiscountTerms)
    -> Double
  {
    let moved = q * (1 - f)
    guard moved > 0, terms.costOfCapital > 0 else { return .nan }
    return 365 * terms.percent * (f + moved) / (terms.costOfCapital * moved)
  }
}

extension PaymentCurve {
  /// `P(paid within n days of issue)` and `E[min(T, H) − n | T > n] = ∫ₙᴴ S(t) dt / S(n)` in
  /// days.
  ///
  /// The integral is exact on the Cox model's steps within its support (S is constant
  /// between two event times) and by the midpoint rule on whole days beyond it (the Weibull
  /// tail): O(knots + days beyond the support), not a survival lookup per day.
  public func discountTiming(days n: Int, horizon: Int = DiscountTerms.horizonDays) -> (
    paidWithin: Double, meanDaysBeyond: Double
  ) {
    let sn = survival(Double(n))
    return (1 - sn, meanDaysBeyond(days: n, horizon: horizon, unlessBelow: -.infinity) ?? 0)
  }

  /// `D` of `discountTiming(days:horizon:)`, bit for bit, or nil as soon as it is sure to be
  /// below `cutoff`.
  ///
  /// S does not increase, so after the integral up to `t` the rest is at most `S(t) (H − t)`;
  /// once the two together fall below `cutoff · S(n)` (less a relative 10⁻⁹, far beyond the
  /// sum's rounding), `D` cannot reach the cutoff. An offer that cannot pay (`DiscountOffer
  /// .breakEvenDays`) is so told apart after a few weeks of steps instead of two years.
  func meanDaysBeyond(days n: Int, horizon: Int, unlessBelow cutoff: Double) -> Double? {
    let a = Double(n)
    let end = Double(horizon)
    let sn = survival(a)
    guard sn > 0, end > a else { return 0 }
    let short = cutoff * (1 - 1e-9) * sn
    var integral = 0.0
    var t = a
    let times = baseline.times
    let hazard = baseline.cumulativeHazard
    let stepsEnd = min(end, support)
    // The first event time after t; S is exp(−H(k−1) e^{xβ}) until it.
    var k = times.partitioningIndex(where: { $0 > t })
    while t < stepsEnd {
      let next = k < times.count ? min(times[k], stepsEnd) : stepsEnd
      let h = k > 0 ? hazard[k - 1] : 0
      let s = exp(-h * relativeHazard)
      integral += s * (next - t)
      t = next
      k += 1
      if integral + s * (end - t) < short { return nil }
    }
    while t < end {
      let step = min(1, end - t)
      let s = survival(t + step / 2)
      integral += s * step
      t += step
      if integral + s * (end - t) < short { return nil }
    }
    return integral / sn
  }
}
