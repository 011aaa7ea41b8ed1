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
    let a = Double(n)
    let end = Double(horizon)
    let sn = survival(a)
    guard sn > 0, end > a else { return (1 - sn, 0) }
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
      integral += exp(-h * relativeHazard) * (next - t)
      t = next
      k += 1
    }
    while t < end {
      let step = min(1, end - t)
      integral += survival(t + step / 2) * step
      t += step
    }
    return (1 - sn, integral / sn)
  }
}

extension Array where Element == Double {
  /// The first index whose element satisfies `belongs` (which must be false then true along
  /// the array), or `count`; by bisection.
  fileprivate func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}
