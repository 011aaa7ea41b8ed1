// `@testable` for the memberwise initialiser of `CashForecast.OpenInvoice`.
import CreditData
import CreditModels
import TestSupport
import Testing

@testable import CreditEngine

#if canImport(Glibc)
  import Glibc
#endif

/// PaymentCurve and the cash forecast against values worked out by hand.
///
/// The Cox baseline steps to H₀ = 0.1, 0.3, 0.6 at days 1, 2, 4 (support τ = 4); the invoice's
/// relative hazard is 2 (linear predictor log 2), so S = e^{-0.2}, e^{-0.6}, e^{-1.2} there.
/// Beyond τ the Weibull tail with λ = 10, ρ = 2 takes over: log S(t) = −1.2 − ((t/10)² − 0.4²).
@Suite("Payment curve and cash forecast, by hand")
struct PaymentCurveTests {
  static let curve = PaymentCurve(
    baseline: BaselineHazard(times: [1, 2, 4], cumulativeHazard: [0.1, 0.3, 0.6]),
    coxLinearPredictor: log(2), weibullLogLambda: log(10), logRho: log(2))

  @Test func survivalWithinAndBeyondTheCoxSupport() {
    let s = Self.curve
    #expect(s.survival(0.5) == 1)
    #expect(isClose(s.survival(1), exp(-0.2), rtol: 1e-14))
    #expect(isClose(s.survival(3), exp(-0.6), rtol: 1e-14))
    #expect(isClose(s.survival(4), exp(-1.2), rtol: 1e-14))
    #expect(isClose(s.logSurvival(6), -1.2 - (0.36 - 0.16), rtol: 1e-14))
    #expect(isClose(s.probabilityPaid(within: 2, after: 1), 1 - exp(-0.4), rtol: 1e-14))
  }

  @Test func conditionalMedians() {
    // From issue: S first drops to 0.5 or below at the step at day 4 (e^{-1.2} ≈ 0.30).
    let fromIssue = Self.curve.conditionalPercentile(after: 0)
    #expect(fromIssue.age == 4 && !fromIssue.extrapolated)
    // Open at 3.5 days: the Cox steps left cannot halve S(3.5) = e^{-0.6}, so the median is
    // the Weibull one given T > 3.5: λ ((3.5/λ)^ρ + ln 2)^{1/ρ}.
    let late = Self.curve.conditionalPercentile(after: 3.5)
    #expect(late.extrapolated)
    #expect(isClose(late.age, 10 * (0.1225 + log(2.0)).squareRoot(), rtol: 1e-12))
  }

  /// Two invoices on a curve with steps H₀ = 0.5, 1 at days 7 and 14 and an exponential tail
  /// of mean 7 days (λ = 7, ρ = 1): S(7m) = e^{-0.5}, e^{-1}, then e^{-(m-1)}.
  @Test func weeklyForecast() {
    let curve = PaymentCurve(
      baseline: BaselineHazard(times: [7, 14], cumulativeHazard: [0.5, 1]),
      coxLinearPredictor: 0, weibullLogLambda: log(7), logRho: 0)
    func survival(week m: Int) -> Double { m == 0 ? 1 : m == 1 ? exp(-0.5) : exp(-Double(m - 1)) }
    let asOf = Day(iso: "2026-01-04") ?? Day(rawValue: 0)
    let weeks = CashForecast.weekly(
      asOf: asOf,
      invoices: [
        CashForecast.OpenInvoice(amount: 1000, age: 0, curve: curve),
        CashForecast.OpenInvoice(amount: 500, age: 7, curve: curve),
      ])
    #expect(weeks.count == 13)
    let z = 1.2815515655446004
    for (k, week) in weeks.enumerated() {
      // Invoice 1 pays in week k with S(7k) − S(7k + 7); invoice 2, open at day 7, with
      // (S(7k + 7) − S(7k + 14)) / S(7). Each adds A² p (1 − p) to the variance and
      // A³ p (1 − p)(1 − 2p) to the third cumulant; the skewness is kept within ±2.
      let p1 = survival(week: k) - survival(week: k + 1)
      let p2 = (survival(week: k + 1) - survival(week: k + 2)) / survival(week: 1)
      let mean = 1000 * p1 + 500 * p2
      let variance = 1000 * 1000 * p1 * (1 - p1) + 500 * 500 * p2 * (1 - p2)
      let third =
        1000 * 1000 * 1000 * p1 * (1 - p1) * (1 - 2 * p1) + 500 * 500 * 500 * p2 * (1 - p2)
        * (1 - 2 * p2)
      let sd = variance.squareRoot()
      let skew = min(max(third / (variance * sd), -2), 2)
      #expect(week.weekStart == asOf.adding(days: 1 + 7 * k))
      #expect(isClose(week.expected, mean, rtol: 1e-12), "week \(k)")
      #expect(isClose(week.p90, mean + sd * CashBand.factor(z, skew), rtol: 1e-12), "week \(k)")
      #expect(
        isClose(week.p10, max(0, mean + sd * CashBand.factor(-z, skew)), rtol: 1e-12, atol: 1e-9),
        "week \(k)")
      #expect(week.p10 <= week.expected && week.expected <= week.p90, "week \(k)")
    }
  }
}
