import CreditData
import CreditEngine
import Testing

/// Payment plans: who gets one, how the instalments are sized, and that each plan adds up
/// to the customer's overdue balance to the cent.
@Suite("Payment plans")
struct PaymentPlanTests {
  let asOf = Day(iso: "2025-12-31") ?? Day(rawValue: 0)

  /// Hand-computed: 10,000.00 overdue, 2,345.678 expected in 30 days -> instalments of
  /// 2,345.67 (whole cents, rounded down): 4 of them and 617.32, every 30 days.
  @Test func instalmentsOfTheMonthlyCapacity() {
    let plan = PaymentPlanner.schedule(
      customerID: "C1", overdue: 10_000, expected30d: 2345.678, asOf: asOf)
    #expect(plan.map(\.amount) == [2345.67, 2345.67, 2345.67, 2345.67, 617.32])
    #expect(plan.map(\.instalment) == [1, 2, 3, 4, 5])
    #expect(plan.allSatisfy { $0.instalments == 5 && $0.planTotal == 10_000 })
    #expect(
      plan.map(\.dueDate.isoString) == [
        "2026-01-30", "2026-03-01", "2026-03-31", "2026-04-30", "2026-05-30",
      ])
    #expect(plan.map(\.remainingAfter) == [7654.33, 5308.66, 2962.99, 617.32, 0])
  }

  /// A customer expected to pay almost nothing still gets at most 12 instalments:
  /// 1,000.01 over 12 is 83.34 (rounded up to the cent), the last 83.27.
  @Test func neverLongerThanAYear() {
    let plan = PaymentPlanner.schedule(
      customerID: "C1", overdue: 1000.01, expected30d: 0, asOf: asOf)
    #expect(plan.count == 12)
    #expect(plan.dropLast().allSatisfy { $0.amount == 83.34 })
    #expect(plan.last?.amount == 83.27)
  }

  @Test func noPlanWhenTheCustomerIsExpectedToPay() {
    #expect(
      PaymentPlanner.schedule(customerID: "C1", overdue: 500, expected30d: 500, asOf: asOf)
        .isEmpty)
    #expect(
      PaymentPlanner.schedule(customerID: "C1", overdue: 0, expected30d: 0, asOf: asOf).isEmpty)
  }

  /// On the bundled sample: exactly the customers whose overdue balance exceeds their
  /// expected 30-day payments get a plan, and every plan adds up to the overdue balance in
  /// cents.
  @Test func sampleEveryPlanSumsToTheOverdueBalance() throws {
    let portfolio = CollectionsBookTests.portfolio
    let result = Scorer(model: try Trainer().train(portfolio)).score(portfolio)
    var expected: [String: Double] = [:]
    for v in result.invoices { expected[v.customerID, default: 0] += v.amount * v.pPaid30d }
    let plans = Dictionary(grouping: result.collections.paymentPlans, by: \.customerID)
    let needing = result.customers.filter {
      $0.overdueBalance > (expected[$0.customerID] ?? 0) && $0.overdueBalance >= 0.005
    }
    #expect(Set(plans.keys) == Set(needing.map(\.customerID)))
    #expect(plans.count >= 20)
    for c in needing {
      let rows = try #require(plans[c.customerID])
      let cents = rows.reduce(0) { $0 + Int(($1.amount * 100).rounded()) }
      #expect(cents == Int((c.overdueBalance * 100).rounded()), "\(c.customerID)")
      #expect(rows.map(\.instalment) == Array(1...rows.count))
      #expect(rows.count <= PaymentPlanner.maxInstalments)
      #expect(rows.last?.remainingAfter == 0)
      // Instalments of the customer's capacity, except where a year would not be enough.
      let capacity = expected[c.customerID] ?? 0
      for r in rows.dropLast() {
        #expect(r.amount >= (capacity * 100).rounded(.down) / 100 - 1e-9)
      }
    }
  }
}
