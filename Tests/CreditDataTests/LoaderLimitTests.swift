import CreditData
import TestSupport
import Testing

/// Inputs that once loaded into values no output can show (infinity, an empty portfolio).
@Suite struct LoaderLimitTests {
  static let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date"

  func error(_ text: String) -> DataError? {
    do {
      _ = try HistoryLoader.parse(bytes: csvBytes(text), fileName: "h.csv")
      return nil
    } catch {
      return error as? DataError
    }
  }

  @Test(arguments: ["1e400", "-1e400", "1.5e307", "1e15", String(repeating: "9", count: 5_000)])
  func moneyOutOfRangeIsRefused(amount: String) throws {
    let e = try #require(error("\(Self.header)\nA1,C1,2024-01-01,2024-01-31,\(amount),\n"))
    #expect(e.kind == .value)
    #expect(e.line == 2 && e.column == 5)
    #expect(e.description.contains("is out of range; expected an amount below 1e15"))
  }

  @Test func largestMoneyStillLoads() throws {
    let h = try HistoryLoader.parse(
      bytes: csvBytes("\(Self.header)\nA1,C1,2024-01-01,2024-01-31,999999999999999.75,\n"),
      fileName: "h.csv")
    #expect(h.amount == [999_999_999_999_999.75])
  }

  @Test func headerWithoutRowsIsAnError() throws {
    let e = try #require(error("\(Self.header)\n\n,,,,,\n"))
    #expect(
      e.description == "h.csv: has a header but no invoice rows; expected at least one invoice")
  }

  @Test func overflowingNumberInATableIsRefused() throws {
    let table = try CSVTable(bytes: csvBytes("y,x\n1,2\n0,1e999\n"), fileName: "t.csv")
    #expect(throws: DataError.self) { try table.numbers(column: 1) }
    #expect(try table.numbers(column: 0) == [1, 0])
  }
}
