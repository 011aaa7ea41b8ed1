import CreditData
import CreditModels
import Foundation
import Testing

@testable import CreditEngine

/// The early-payment discount arithmetic against hand-computed cases, the timing it takes
/// from a payment curve, and the offers on the bundled sample.
@Suite("Early-payment discounts")
struct DiscountOfferTests {
  /// 2/10 at 8% a year on 10,000, hand-computed.
  ///
  /// With F = 0.2, q = 0.5: D = 300 days beyond the window gives
  /// G = 0.5 × 0.8 × 300 = 120 days, S = 10,000 × 0.08 × 120 / 365 = 263.0137, C = 10,000 ×
  /// 0.02 × (0.2 + 0.4) = 120: it pays (V = 143.0137). With D = 120: G = 48, S = 105.2055 < C.
  /// It breaks even at D = 365 × 2 × 0.6 / (8 × 0.4) = 136.875.
  @Test func handComputedCases() {
    let terms = DiscountTerms()
    let pays = DiscountOffer(
      customerID: "C1", typicalAmount: 10_000, paidWithin: 0.2, meanDaysBeyond: 300,
      takeUp: 0.5, takeUpBasis: "default", terms: terms)
    #expect(abs(pays.daysGained - 120) < 1e-12)
    #expect(abs(pays.capitalSaving - 263.013_698_630_137) < 1e-9)
    #expect(abs(pays.discountCost - 120) < 1e-12)
    #expect(abs(pays.netValue - 143.013_698_630_137) < 1e-9)
    let lapses = DiscountOffer(
      customerID: "C1", typicalAmount: 10_000, paidWithin: 0.2, meanDaysBeyond: 120,
      takeUp: 0.5, takeUpBasis: "default", terms: terms)
    #expect(abs(lapses.daysGained - 48) < 1e-12)
    #expect(abs(lapses.capitalSaving - 105.205_479_452_054_8) < 1e-9)
    #expect(lapses.netValue < 0)
  }

  /// A curve with S(t) = exp(−⌊t⌋/50) (a Cox step baseline H₀(t) = t/50 on whole days):
  /// F = 1 − e^{−10/50}, D = Σ_{x=0}^{719} e^{−x/50} = (1 − e^{−720/50}) / (1 − e^{−1/50}).
  @Test func timingFromAnExponentialCurve() {
    let times = (1...2000).map(Double.init)
    let curve = PaymentCurve(
      baseline: BaselineHazard(times: times, cumulativeHazard: times.map { $0 / 50 }),
      coxLinearPredictor: 0, weibullLogLambda: log(50), logRho: 0)
    let (f, d) = curve.discountTiming(days: 10)
    #expect(abs(f - (1 - exp(-0.2))) < 1e-12)
    #expect(abs(d - (1 - exp(-720.0 / 50)) / (1 - exp(-1.0 / 50))) < 1e-9)
  }

  /// The scorer's early stop: where the mean reaches the cutoff it is the full integral's, bit
  /// for bit, and it is given up (nil) only where it falls short; at the break-even mean the
  /// net value is 0.
  @Test func meanIsGivenUpOnlyWhereItFallsShort() {
    let times = (1...2000).map(Double.init)
    let curve = PaymentCurve(
      baseline: BaselineHazard(times: times, cumulativeHazard: times.map { $0 / 50 }),
      coxLinearPredictor: 0, weibullLogLambda: log(50), logRho: 0)
    let d = curve.discountTiming(days: 10).meanDaysBeyond
    let cutoffs = Array(stride(from: 0.0, through: 100, by: 0.5)) + [d.nextDown, d, d.nextUp]
    for cutoff in cutoffs {
      if let mean = curve.meanDaysBeyond(days: 10, horizon: 730, unlessBelow: cutoff) {
        #expect(mean == d)
      } else {
        #expect(d < cutoff)
      }
    }
    #expect(curve.meanDaysBeyond(days: 10, horizon: 730, unlessBelow: 60) == nil)
    #expect(curve.meanDaysBeyond(days: 10, horizon: 730, unlessBelow: 40) == d)
    let terms = DiscountTerms()
    let breakEven = DiscountOffer.breakEvenDays(paidWithin: 0.2, takeUp: 0.5, terms: terms)
    let even = DiscountOffer(
      customerID: "C1", typicalAmount: 10_000, paidWithin: 0.2, meanDaysBeyond: breakEven,
      takeUp: 0.5, takeUpBasis: "default", terms: terms)
    #expect(abs(breakEven - 136.875) < 1e-9)
    #expect(abs(even.netValue) < 1e-9)
    #expect(DiscountOffer.breakEvenDays(paidWithin: 1, takeUp: 0.5, terms: terms).isNaN)
  }

  /// On the bundled sample at 2/10 and 8% a year, an offer pays only for slow payers; with
  /// the cost of capital at 40% more customers qualify, and every offer listed pays.
  @Test func sampleOffersOnlyWherePaying() throws {
    var portfolio = CollectionsBookTests.portfolio
    let model = try Trainer().train(portfolio)
    let base = Scorer(model: model).score(portfolio).collections.discountOffers
    portfolio.collections.discountTerms.costOfCapital = 40
    let dear = Scorer(model: model).score(portfolio).collections.discountOffers
    #expect(dear.count > base.count)
    #expect(Set(base.map(\.customerID)).isSubset(of: Set(dear.map(\.customerID))))
    for o in base + dear {
      #expect(o.netValue > 0)
      #expect(o.takeUpBasis == "default")
    }
  }

  /// A customer with three decided offers, all taken, has its own take-up: q = (1 − F) /
  /// (1 − F) = 1; with two it keeps the default.
  @Test func ownTakeUpFromTheDiscountsFile() throws {
    var portfolio = CollectionsBookTests.portfolio
    let h = portfolio.history
    let c = h.customerIndex[0]
    let rows = (0..<h.count).filter { h.customerIndex[$0] == c }
    let other = h.customerIndex.first { $0 != c } ?? c
    let otherRows = (0..<h.count).filter { h.customerIndex[$0] == other }
    let offered = Array(rows.prefix(3)) + Array(otherRows.prefix(2))
    portfolio.collections.discounts = DiscountTable(
      invoiceIDs: offered.map { h.invoiceIDs[$0] }, taken: [true, true, true, true, true])
    portfolio.collections.discountTerms.costOfCapital = 100
    portfolio.collections.discountTerms.takeUp = 0.25
    let model = try Trainer().train(portfolio)
    let offers = Scorer(model: model).score(portfolio).collections.discountOffers
    let own = try #require(offers.first { $0.customerID == h.customerIDs[Int(c)] })
    #expect(own.takeUpBasis == "own")
    #expect(own.takeUp == 1)
    for o in offers where o.customerID != own.customerID {
      #expect(o.takeUpBasis == "default")
      #expect(o.takeUp == 0.25)
    }
  }
}
