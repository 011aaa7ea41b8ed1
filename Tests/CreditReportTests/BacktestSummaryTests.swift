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
