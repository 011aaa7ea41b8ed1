import CreditData
import CreditSimulation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Distressed customers pay ever later from their change date; offered discounts are taken
/// as `CollectionsModel` says and pull payments into the window.
@Suite struct DistressDiscountTests {
  let portfolio = Fixtures.everything

  @Test func distressedCustomersAreDrawnInTheirWindow() {
    let c = portfolio.customers
    let model = portfolio.configuration.collections
    let asOf = portfolio.configuration.asOf
    let dates = c.distressFrom.compactMap { $0 }
    let n = Double(c.count)
    #expect(abs(Double(dates.count) - 0.1 * n) <= 4 * (0.1 * 0.9 * n).squareRoot())
    #expect(
      dates.allSatisfy {
        (model.distressLatestDays...model.distressEarliestDays).contains(asOf.days(since: $0))
      })
  }

  /// Log days to pay of distressed customers' invoices, against the customer-free part of the
  /// truth, rise by the trend: zero before the change date, the full shift after the cap.
  @Test func daysToPayTrendAndOverdueShareGrow() {
    let inv = portfolio.invoices
    let model = portfolio.configuration.collections
    var before: [Double] = []
    var after: [Double] = []
    var lateBefore = 0
    var lateAfter = 0
    for i in 0..<inv.count {
      guard let from = portfolio.customers.distressFrom[Int(inv.customerIndex[i])] else {
        #expect(inv.logTimeShift[i] == 0)
        continue
      }
      let elapsed = inv.issueDate[i].days(since: from)
      let residual =
        log(inv.latentDaysToPay[i]) - portfolio.aftLinearPredictor(ofInvoice: i)
        + inv.logTimeShift[i]
      let late = inv.paymentAge[i].map { $0 > inv.termsDays[i] } ?? true
      if elapsed < 0 {
        before.append(residual)
        if late { lateBefore += 1 }
      } else if elapsed >= model.distressTrendCapDays {
        after.append(residual)
        if late { lateAfter += 1 }
      }
    }
    #expect(before.count > 1_000 && after.count > 100)
    let shift = model.distressLogTimeShift(progress: 1)
    #expect(abs(shift - 0.9) < 1e-12)
    let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
    // The residual's standard deviation is σ π / √6 ≈ 0.51.
    let se = 0.52 * (1 / Double(before.count) + 1 / Double(after.count)).squareRoot()
    #expect(abs(mean(after) - mean(before) - shift) <= 4 * se)
    #expect(
      Double(lateAfter) / Double(after.count) > Double(lateBefore) / Double(before.count) + 0.2)
  }

  @Test func discountsAreTakenAsModelled() {
    let inv = portfolio.invoices
    let model = portfolio.configuration.collections
    let n = Double(inv.count)
    let offered = (0..<inv.count).filter { inv.discountOffered[$0] }
    #expect(abs(Double(offered.count) - 0.3 * n) <= 4 * (0.3 * 0.7 * n).squareRoot())
    var expected = 0.0
    var variance = 0.0
    var taken = 0
    for i in offered where !inv.neverPays[i] {
      let withoutOffer = min(36_500, max(1, Int(inv.latentDaysToPay[i].rounded())))
      let age = inv.paymentAge[i] ?? -1
      if inv.discountTaken[i] { #expect(age <= model.discountDays) }
      if withoutOffer <= model.discountDays {
        #expect(inv.discountTaken[i] && age == withoutOffer)
        continue
      }
      let tau = portfolio.invoiceTruth(ofInvoice: i).discountTakeUp
      expected += tau
      variance += tau * (1 - tau)
      if inv.discountTaken[i] {
        taken += 1
        #expect(age == model.discountDays)
      } else {
        #expect(age == withoutOffer)
      }
    }
    #expect(abs(Double(taken) - expected) <= 4 * variance.squareRoot())
    for i in 0..<inv.count where !inv.discountOffered[i] && !inv.neverPays[i] {
      #expect(inv.paymentAge[i] == min(36_500, max(1, Int(inv.latentDaysToPay[i].rounded()))))
    }
  }
}
