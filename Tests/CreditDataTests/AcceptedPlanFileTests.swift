import CreditData
import Foundation
import Testing

/// The accepted plans loader reads payment_plans.csv as `score` writes it, and stops on a bad
/// row with file, line and column.
@Suite struct AcceptedPlanFileTests {
  let files = try? CollectionsFileTests()

  @Test func readsPaymentPlansAsScoreWritesThem() throws {
    let files = try #require(files)
    let path = try files.file(
      "payment_plans.csv",
      "customer_id,instalment,due_date,amount,instalments,plan_total,expected_30d,"
        + "remaining_after,currency,as_of\n"
        + "C000007,1,2026-01-30,2345.67,2,3000.00,2345.68,654.33,USD,2025-12-31\n"
        + "C000007,2,2026-03-01,654.33,2,3000.00,2345.68,0.00,USD,2025-12-31\n")
    let table = try AcceptedPlanTable.load(path: path)
    #expect(table.count == 2)
    #expect(table.customerIDs == ["C000007", "C000007"])
    #expect(table.dueDate == [Day(iso: "2026-01-30"), Day(iso: "2026-03-01")].compactMap { $0 })
    #expect(table.amount == [2345.67, 654.33])
    #expect(table.sourceLines == [2, 3])
  }

  @Test func badRowsNameFileLineAndColumn() throws {
    let files = try #require(files)
    let negative = try files.file(
      "plans.csv", "customer_id,due_date,amount\nC1,2026-01-30,100\nC1,2026-03-01,-5\n")
    #expect(
      files.failure { _ = try AcceptedPlanTable.load(path: negative) }
        == "plans.csv:3:3 (amount): '-5' is not positive; expected an amount above 0")
    let noDate = try files.file("plans.csv", "customer_id,due_date,amount\nC1,,100\n")
    #expect(
      files.failure { _ = try AcceptedPlanTable.load(path: noDate) }
        == "plans.csv:2:2 (due_date): empty; expected a date")
    let missing = try files.file("plans.csv", "customer_id,amount\nC1,100\n")
    #expect(files.failure { _ = try AcceptedPlanTable.load(path: missing) }.contains("due_date"))
  }
}
