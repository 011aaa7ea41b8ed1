import CreditData
import TestSupport
import Testing

@testable import CreditEngine

/// DSO, best possible DSO, ADD and CEI on a seven-invoice portfolio computed by hand.
@Suite struct PortfolioKPIsTests {
  /// A hand-checked portfolio, as of 2025-03-31.
  ///
  /// | inv | issued     | due        | amount | paid       | note                         |
  /// |-----|------------|------------|-------:|------------|------------------------------|
  /// | A   | 2025-01-10 | 2025-02-09 |   1000 | 2025-03-15 | open at the CEI start        |
  /// | B   | 2025-02-01 | 2025-03-03 |   2000 |            | 28 days past due             |
  /// | C   | 2025-03-10 | 2025-04-09 |   3000 |            | current                      |
  /// | D   | 2025-03-20 | 2025-04-19 |    500 | 2025-03-25 |                              |
  /// | E   | 2024-12-01 | 2024-12-31 |    400 |            | 90 days past due, old sale   |
  /// | F   | 2025-03-05 | 2025-04-04 |    700 |            | written off: left out        |
  /// | G   | 2025-04-05 | 2025-05-05 |   9999 |            | issued after the as-of       |
  ///
  /// Sales of the last 90 days (issued after 2024-12-31) = A + B + C + D = 6500.
  /// Open = B + C + E = 5400, current = C = 3000.
  /// DSO = 5400 / 6500 × 90; best DSO = 3000 / 6500 × 90; ADD = 2400 / 6500 × 90.
  /// CEI: beginning (open at 2025-03-01) = A + B + E = 3400, sales of the last 30 days
  /// (issued after 2025-03-01) = C + D = 3500 (F is written off):
  /// (3400 + 3500 − 5400) / (3400 + 3500 − 3000) × 100 = 1500 / 3900 × 100.
  static let portfolio: Portfolio = {
    let rows: [(String, String, Double, String?, Bool)] = [
      ("2025-01-10", "2025-02-09", 1000, "2025-03-15", false),
      ("2025-02-01", "2025-03-03", 2000, nil, false),
      ("2025-03-10", "2025-04-09", 3000, nil, false),
      ("2025-03-20", "2025-04-19", 500, "2025-03-25", false),
      ("2024-12-01", "2024-12-31", 400, nil, false),
      ("2025-03-05", "2025-04-04", 700, nil, true),
      ("2025-04-05", "2025-05-05", 9999, nil, false),
    ]
    let history = InvoiceHistory(
      invoiceIDs: ["A", "B", "C", "D", "E", "F", "G"],
      customerIndex: [0, 0, 1, 1, 0, 1, 0], customerIDs: ["X", "Y"],
      issueDate: rows.map { day($0.0) }, dueDate: rows.map { day($0.1) },
      amount: rows.map(\.2), paidDate: OptionalDays(rows.map { $0.3.map(day) }),
      writtenOff: rows.map(\.4))
    return Portfolio(history: history, asOf: day("2025-03-31"))
  }()

  @Test func balancesAndSales() {
    let k = PortfolioKPIs(Self.portfolio)
    #expect(k.openReceivables == 5400)
    #expect(k.currentReceivables == 3000)
    #expect(k.overdueReceivables == 2400)
    #expect(k.salesForDSO == 6500)
    #expect(k.beginningReceivables == 3400)
    #expect(k.salesForCEI == 3500)
    #expect(k.openInvoices == 3)
    // The ageing of the same book, summed over the customers' tallies (the report's).
    let tallies = CustomerTally.all(Self.portfolio, volumeLookbackDays: 365)
    let ageing = tallies.reduce(into: AgeingBucket.zeros) { totals, t in
      for b in totals.indices { totals[b] += t.ageing[b] }
    }
    #expect(ageing == [3000, 2000, 0, 400, 0, 0])
  }

  @Test func dsoBestDSOAndDaysDelinquent() throws {
    let k = PortfolioKPIs(Self.portfolio)
    #expect(isClose(try #require(k.dso), 5400.0 / 6500 * 90, rtol: 1e-12))
    #expect(isClose(try #require(k.bestPossibleDSO), 3000.0 / 6500 * 90, rtol: 1e-12))
    #expect(isClose(try #require(k.averageDaysDelinquent), 2400.0 / 6500 * 90, rtol: 1e-12))
    #expect(isClose(try #require(k.dso), 74.769230769230769, rtol: 1e-12))
  }

  @Test func collectionEffectivenessIndex() throws {
    let k = PortfolioKPIs(Self.portfolio)
    #expect(isClose(try #require(k.cei), 1500.0 / 3900 * 100, rtol: 1e-12))
  }

  /// An invoice the export says owes nothing (no payment date, open amount 0) was settled on
  /// a date the file does not give: it is not an open item, as it is not an open invoice of
  /// the scored book; a partly paid one is, for what it still owes.
  @Test func invoiceSettledWithoutDateIsNotAnOpenItem() {
    let history = InvoiceHistory(
      invoiceIDs: ["A", "B", "C"], customerIndex: [0, 0, 0], customerIDs: ["X"],
      issueDate: ["2025-03-01", "2025-03-10", "2025-03-20"].map(day),
      dueDate: ["2025-03-31", "2025-04-09", "2025-04-19"].map(day),
      amount: [1000, 2000, 500], paidDate: OptionalDays([nil, nil, day("2025-03-25")]),
      openAmount: [0, 1500, .nan])
    let p = Portfolio(history: history)
    #expect(p.usesOpenAmounts && p.isSettledWithoutDate(0) && p.isOpen(1))
    let k = PortfolioKPIs(p)
    #expect(k.openInvoices == 1)
    #expect(k.openReceivables == 1500)
  }

  @Test func noSalesGivesNoDSO() {
    var p = Self.portfolio
    p.asOf = day("2026-06-30")  // nothing issued in the last 90 days
    let k = PortfolioKPIs(p)
    #expect(k.dso == nil)
    #expect(k.bestPossibleDSO == nil)
    #expect(k.averageDaysDelinquent == nil)
    #expect(k.openReceivables == 5400 + 9999)
  }
}
