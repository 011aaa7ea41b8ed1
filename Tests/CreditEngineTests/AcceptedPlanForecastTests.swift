import CreditData
import CreditEngine
import Testing

/// Accepted payment plans in the cash forecast: the instalments replace the modelled cash of
/// the invoices the plan covers (the customer's past-due ones), nothing counted twice.
@Suite("Accepted plans in the cash forecast")
struct AcceptedPlanForecastTests {
  /// The sample scored as trained, and the plan proposed to its first customer with one.
  static func proposed() throws -> (Portfolio, TrainedModel, ScoreResult, [PaymentPlanInstalment]) {
    let (portfolio, model) = PopulationDriftTests.trained
    let base = Scorer(model: model).score(portfolio)
    let first = try #require(base.collections.paymentPlans.first?.customerID)
    return (portfolio, model, base, base.collections.paymentPlans.filter { $0.customerID == first })
  }

  /// The forecast week of a day after the as-of date.
  ///
  /// Week k covers as-of + 1 + 7k to as-of + 7 + 7k.
  static func week(_ d: Day, asOf: Day) -> Int { (d.days(since: asOf) - 1) / 7 }

  @Test func forecastChangesByThePlanLessTheCoveredInvoicesExpectation() throws {
    let (portfolio, model, base, plan) = try Self.proposed()
    let customer = plan[0].customerID
    var accepted = portfolio
    accepted.collections.acceptedPlans = AcceptedPlanTable(
      customerIDs: plan.map(\.customerID), dueDate: plan.map(\.dueDate), amount: plan.map(\.amount))
    let result = Scorer(model: model).score(accepted)
    let cash = try #require(result.collections.acceptedPlans)
    // The plan covers exactly the customer's past-due invoices (invoices.csv).
    #expect(
      cash.coveredInvoiceIDs
        == base.invoices.filter { $0.customerID == customer && $0.daysPastDue > 0 }.map(\.invoiceID)
    )
    #expect(cash.skipped.count == 0)
    // The instalments, week by week, from their own dates.
    var instalments = [Double](repeating: 0, count: 13)
    for p in plan where Self.week(p.dueDate, asOf: base.asOf) < 13 {
      instalments[Self.week(p.dueDate, asOf: base.asOf)] += p.amount
    }
    #expect(instalments.reduce(0, +) > 0)
    for (k, (before, after)) in zip(base.cashForecast, result.cashForecast).enumerated() {
      #expect(abs(after.acceptedPlans - instalments[k]) < 1e-9)
      #expect(after.replacedByPlans >= 0 && after.replacedByPlans <= before.expected)
      #expect(
        abs(after.expected - (before.expected - after.replacedByPlans + instalments[k])) < 1e-6)
      #expect(after.expectedNew == before.expectedNew)
      #expect(after.p10 <= after.expected && after.expected <= after.p90)
      // Certain instalments and fewer modelled invoices never widen the band (rebuilt
      // symmetric from its upper half, it had: P10 fell where nothing was paid by plan).
      #expect(after.p90 - after.p10 <= before.p90 - before.p10 + 1e-6, "week \(k)")
    }
    let total = { (weeks: [CashForecastWeek]) in weeks.reduce(0) { $0 + $1.expected } }
    let replaced = result.cashForecast.reduce(0) { $0 + $1.replacedByPlans }
    let owed = base.invoices.filter { cash.coveredInvoiceIDs.contains($0.invoiceID) }
      .reduce(0) { $0 + $1.amount }
    #expect(replaced > 0 && replaced < owed)
    #expect(
      abs(
        total(result.cashForecast) - total(base.cashForecast)
          - (instalments.reduce(0, +) - replaced)) < 1e-6)
    // The other scores do not move.
    #expect(result.invoices == base.invoices)
    #expect(result.worklist == base.worklist)
  }

  /// Unknown customers, instalments already due, customers with nothing past due and
  /// instalments beyond the balance are skipped and counted with their lines.
  @Test func rowsThatCannotCountAreSkipped() throws {
    let (portfolio, model, base, plan) = try Self.proposed()
    let customer = plan[0].customerID
    let owed = base.invoices.filter { $0.customerID == customer && $0.daysPastDue > 0 }
      .reduce(0) { $0 + $1.amount }
    let current = try #require(
      base.customers.first { $0.overdueBalance == 0 && $0.openBalance > 0 }?.customerID)
    let later = base.asOf.adding(days: 10)
    var accepted = portfolio
    accepted.collections.acceptedPlans = AcceptedPlanTable(
      customerIDs: ["NOBODY", customer, current, customer, customer],
      dueDate: [later, base.asOf, later, later, later.adding(days: 30)],
      amount: [100, 100, 100, owed + 50, 75])
    let result = Scorer(model: model).score(accepted)
    let cash = try #require(result.collections.acceptedPlans)
    #expect(
      cash.skipped.lines == [
        "customer not in the history": [2],
        "instalment due on or before the as-of date \(base.asOf)": [3],
        "customer has nothing past due at the as-of date": [4],
        "beyond the balance past due": [6],
      ])
    // Only what the covered invoices owe is counted.
    #expect(abs(result.cashForecast[1].acceptedPlans - owed) < 1e-6)
  }
}
