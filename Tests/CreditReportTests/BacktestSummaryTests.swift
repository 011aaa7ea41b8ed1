import CreditData
import CreditReport
import Testing

@testable import CreditEngine

/// `backtest --cutoff`'s printed table and Markdown document.
@Suite struct BacktestSummaryTests {
  static func day(_ iso: String) throws -> Day { try #require(Day(iso: iso)) }

  /// A backtest of one invoice paid in the first week, against a forecast of 90 a week.
  static func result() throws -> BacktestResult {
    let cutoff = try day("2024-01-31")
    let invoice = BacktestInvoice(
      amount: 100, dueDate: try day("2024-01-31"), paidDate: try day("2024-02-03"),
      modelPD: 0.25, baselinePD: 0.5, modelPaymentDate: try day("2024-02-10"),
      baselinePaymentDate: try day("2024-02-05"), ageAtCutoff: 30, customer: 0,
      invoiceID: "A1", customerID: "C1")
    let forecast = (0..<2).map { k in
      CashForecastWeek(weekStart: cutoff.adding(days: 1 + 7 * k), expected: 90, p10: 50, p90: 120)
    }
    return BacktestResult(
      cutoff: cutoff, horizonDays: 14, lateDays: 30, invoices: [invoice], forecast: forecast)
  }

  /// cash_total_error is signed: the table and the document say which way (here 180 expected
  /// against 100 collected gives +80, a forecast too high), and what the other cash rows are.
  @Test func theCashRowsSayWhatTheyMeasureAndWhichWayTheErrorPoints() throws {
    let r = try Self.result()
    #expect(r.model.cashTotalError == 80)
    let definition =
      "cash_total_error: expected - actual collections over the weeks compared (positive: more "
      + "was expected than was collected); cash_weekly_mae: the mean of |expected - actual| a "
      + "week; cash_p10_p90_coverage: the share of weeks whose collections fell inside the "
      + "model's P10-P90 band"
    #expect(BacktestSummary.render(r).hasSuffix("\n" + definition))
    #expect(BacktestSummary.markdown(r, command: "creditrisk backtest").contains(definition + "."))
  }
}

extension BacktestSummaryTests {
  /// A money cell's amount in whole cents (`-36131.35` is -3613135).
  static func cents(_ cell: Substring) throws -> Int {
    let parts = cell.split(separator: ".")
    try #require(parts.count == 2 && parts[1].count == 2, "\(cell) is not a money cell")
    let value: Int = try #require(Int(String(parts[0] + parts[1])))
    return value
  }

  /// The cells of `writer`'s rows below its header.
  static func rows(_ writer: CSVWriter) -> [[Substring]] {
    String(decoding: writer.bytes, as: UTF8.self).split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
  }

  /// backtest.csv's cash rows add up backtest_weeks.csv's cells.
  ///
  /// A forecast of 90.006 a week is written 90.01 in each of two weeks, so the total error
  /// against the 100 collected is 80.02, where the unrounded weeks gave 80.01 (the sample's
  /// document said -36,131.37 beside weeks that add up to -36,131.35).
  @Test func theCashRowsAddUpTheWeeksAsWritten() throws {
    let cutoff = try Self.day("2024-01-31")
    let invoice = BacktestInvoice(
      amount: 100, dueDate: cutoff, paidDate: try Self.day("2024-02-03"), modelPD: 0.25,
      baselinePD: 0.5, modelPaymentDate: try Self.day("2024-02-10"),
      baselinePaymentDate: try Self.day("2024-02-05"), ageAtCutoff: 30, customer: 0,
      invoiceID: "A1", customerID: "C1")
    let forecast = (0..<2).map { k in
      CashForecastWeek(
        weekStart: cutoff.adding(days: 1 + 7 * k), expected: 90.006, p10: 50.004, p90: 120.006)
    }
    let r = BacktestResult(
      cutoff: cutoff, horizonDays: 14, lateDays: 30, invoices: [invoice], forecast: forecast)
    let weeks = try Self.rows(BacktestFiles.weeks(r)).map { row in
      try (actual: Self.cents(row[2]), model: Self.cents(row[3]), baseline: Self.cents(row[6]))
    }
    #expect(weeks.map(\.model) == [9001, 9001])
    let metrics = Dictionary(
      uniqueKeysWithValues: Self.rows(BacktestFiles.metrics(r)).map { ($0[0], $0) })
    let actual = weeks.reduce(0) { $0 + $1.actual }
    #expect(try Self.cents(try #require(metrics["cash_actual_total"])[1]) == actual)
    let total = try #require(metrics["cash_total_error"])
    #expect(try Self.cents(total[1]) == weeks.reduce(0) { $0 + $1.model } - actual)
    #expect(try Self.cents(total[2]) == weeks.reduce(0) { $0 + $1.baseline } - actual)
    let mae = try #require(metrics["cash_weekly_mae"])
    #expect(
      try Self.cents(mae[1]) == weeks.reduce(0) { $0 + abs($1.model - $1.actual) } / weeks.count)
    // The printed table says the same.
    let printed = BacktestSummary.render(r).split(separator: "\n").first {
      $0.hasPrefix("cash_total_error ")
    }
    #expect(printed?.split(separator: " ").dropFirst().first == "80.02")
  }
}
