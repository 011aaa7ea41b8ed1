import CreditData
import CreditEngine
import Testing

/// The worklist and customers of the bundled sample scored with its promises and disputes.
@Suite("Worklist with promises and disputes")
struct CollectionsWorklistTests {
  @Test func worklistAndCustomersCarryPromisesAndDisputes() throws {
    let portfolio = CollectionsBookTests.portfolio
    let model = try Trainer().train(portfolio)
    let result = Scorer(model: model).score(portfolio)
    let plain = Scorer(model: model).score(SampleData.portfolio)
    let row = Dictionary(
      result.worklist.map { ($0.invoiceID, $0) }, uniquingKeysWith: { a, _ in a })
    let before = Dictionary(
      plain.worklist.map { ($0.invoiceID, $0) }, uniquingKeysWith: { a, _ in a })
    // Broken promise: one rung up, flagged in the reason.
    #expect(before["INV00006980"]?.action == "demand letter")
    #expect(row["INV00006980"]?.action == "agency referral")
    #expect(
      row["INV00006980"]?.reason.hasPrefix("broken promise to pay 3,305 by 2025-12-03") == true)
    // Active promise: the follow-up due now becomes a check on the day after the promise.
    #expect(before["INV00007461"]?.action == "follow-up")
    #expect(row["INV00007461"]?.action == CollectionsLadder.promiseCheckAction)
    #expect(row["INV00007461"]?.actionDate == Day(iso: "2026-01-01"))
    // Open dispute: dispute resolution, marked disputed.
    #expect(row["INV00007578"]?.action == "dispute resolution")
    #expect(row["INV00007578"]?.disputed == true)
    #expect(result.worklist.map(\.rank) == Array(1...result.worklist.count))
    // Every customer has a promise record; the adverse ones say so in a reason.
    #expect(result.customers.allSatisfy { $0.promiseRecord != nil })
    let adverse = result.customers.filter { $0.promiseRecord?.adverseReason != nil }
    #expect(adverse.count >= 10)
    for c in adverse {
      #expect(c.reasons.contains(c.promiseRecord?.adverseReason ?? "?"))
    }
    #expect(plain.customers.allSatisfy { $0.promiseRecord == nil })
    #expect(result.collections.disputeTimes?.resolved == 762)
    #expect(result.collections.disputeTimes?.open == 28)
    #expect(plain.collections.disputeTimes == nil)
  }
}
