import CreditData
import TestSupport
import Testing

@testable import CreditEngine

/// The cure model in training and scoring, the labels of the delinquency model and the cash
/// band with customers' invoices moving together.
@Suite struct PaymentTimingTests {
  /// Due d, 30 days: at d+10 an invoice paid on d+5 is not a label yet (one that will be late
  /// could not have been seen); at d+31 it is (not late), and an unpaid one is late.
  @Test func labelsOnlyOnceEitherOutcomeIsDeterminable() {
    let rule = DelinquencyRule(lateDays: 30)
    let d = day("2025-01-31")
    #expect(
      rule.determinableOutcome(due: d, paid: d.adding(days: 5), at: d.adding(days: 10)) == nil)
    #expect(rule.outcome(due: d, paid: d.adding(days: 5), at: d.adding(days: 10)) == false)
    #expect(
      rule.determinableOutcome(due: d, paid: d.adding(days: 5), at: d.adding(days: 31)) == false)
    #expect(rule.determinableOutcome(due: d, paid: nil, at: d.adding(days: 31)) == true)
    #expect(rule.determinableOutcome(due: d, paid: nil, at: d.adding(days: 30)) == nil)
  }

  /// The clustered band of two invoices, worked by hand.
  ///
  /// Two invoices of 100, each paying in week 1 with probability 0.5 (then nothing later):
  /// mean 100; v = 100² · 0.25 = 2500 each. Same customer: r = 0 → var 5000, r = 1 →
  /// (50 + 50)² = 10000. Different customers, r = 1: 5000.
  @Test func clusteredBandByHand() {
    let c = day("2025-01-31")
    let w = [[0.0, 0.0]] + [[Double]](repeating: [0.5, 0.5], count: CashForecast.weeks)
    func sd(_ customers: [Int], _ r: Double) -> Double {
      let week = CashForecast.weekly(
        asOf: c, amounts: [100, 100], customers: customers, withinWeeks: w, correlation: r)[0]
      #expect(week.expected == 100)
      #expect(week.p10 == max(0, 200 - week.p90))
      return (week.p90 - week.expected) / CashForecast.z90
    }
    #expect(isClose(sd([0, 0], 0), 5000.0.squareRoot(), rtol: 1e-12))
    #expect(isClose(sd([0, 0], 1), 100, rtol: 1e-12))
    #expect(isClose(sd([0, 1], 1), 5000.0.squareRoot(), rtol: 1e-12))
    #expect(isClose(sd([0, 0], 0.5), 7500.0.squareRoot(), rtol: 1e-12))
  }

  /// On the sample (with write-offs, so the never-pay share is identified) the model has a
  /// cure part, and every open invoice's dates are ordered and after the as-of date.
  @Test func scoredDatesComeFromTheCureModel() throws {
    let portfolio = Portfolio(history: try EngineFixtures.sample(), asOf: day("2025-12-31"))
    let model = try Trainer().train(portfolio)
    let cure = try #require(model.timeToPaymentCure)
    #expect(cure.converged)
    let result = Scorer(model: model).score(portfolio)
    #expect(!result.invoices.isEmpty)
    for s in result.invoices {
      #expect(
        s.paymentDateP10 <= s.expectedPaymentDate && s.expectedPaymentDate <= s.paymentDateP90)
      #expect(s.paymentDateP10 > portfolio.asOf)
      #expect(s.pPaidEver > 0 && s.pPaidEver < 1)
      #expect(s.pPaid30d < s.pPaidEver)
      #expect(s.expectedPaymentBasis == (s.pPaidEver < 0.5 ? "unlikely_to_pay" : "paid_median"))
    }
    // The oldest open invoices are the likeliest never to be paid.
    let byAge = result.invoices.sorted { $0.daysPastDue < $1.daysPastDue }
    let young = byAge.prefix(50).map(\.pPaidEver).reduce(0, +) / 50
    let old = byAge.suffix(50).map(\.pPaidEver).reduce(0, +) / 50
    #expect(old < young)
  }
}
