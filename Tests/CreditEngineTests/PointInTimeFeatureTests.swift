import CreditData
import CreditEngine
import Testing

@Suite("Point-in-time features")
struct PointInTimeFeatureTests {
  /// Changing anything about later invoices (amounts, payment dates, disputes) must leave every
  /// earlier invoice's features exactly as they were.
  @Test func laterInvoicesNeverChangeEarlierFeatures() throws {
    let history = try EngineFixtures.ibm()
    let asOf = Day(iso: "2013-12-31")!
    let cut = Day(iso: "2013-03-01")!
    var altered = history
    for k in 0..<altered.count where altered.issueDate[k] >= cut {
      altered.amount[k] *= 7.5
      altered.disputed[k].toggle()
      altered.paidDate[k] = altered.paidDate[k].map { $0.adding(days: 45) }
    }
    let builder = FeatureBuilder(rule: DelinquencyRule(lateDays: 30))
    let early = (0..<history.count).filter { history.issueDate[$0] < cut }
    #expect(early.count > 500)
    let a = Portfolio(history: history, asOf: asOf)
    let b = Portfolio(history: altered, asOf: asOf)
    let fa = builder.features(a, queries: builder.invoiceQueries(a, rows: early))
    let fb = builder.features(b, queries: builder.invoiceQueries(b, rows: early))
    #expect(fa.storage == fb.storage)
    // And the change is visible for later invoices (the test would be vacuous otherwise).
    let late = (0..<history.count).filter { history.issueDate[$0] >= cut.adding(days: 60) }
    let la = builder.features(a, queries: builder.invoiceQueries(a, rows: late))
    let lb = builder.features(b, queries: builder.invoiceQueries(b, rows: late))
    #expect(la.storage != lb.storage)
  }

  /// A credit note settled after its due date leaves the overdue balance, like an invoice.
  @Test func lateCreditNotesLeaveTheOverdueBalance() throws {
    let csv = """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date
      N,C1,2024-01-01,2024-01-31,-40,2024-02-20
      B,C1,2024-03-01,2024-03-31,100,
      C,C1,2024-04-15,2024-05-15,10,
      """
    let h = try HistoryLoader.parse(bytes: Array(csv.utf8), fileName: "t.csv")
    let p = Portfolio(history: h, asOf: Day(iso: "2024-04-30"))
    let builder = FeatureBuilder(rule: DelinquencyRule(lateDays: 30), shrinkage: 0)
    let f = builder.features(p, queries: builder.invoiceQueries(p, rows: [2]))
    // At C's issue the credit note is settled and B (100) is open and overdue since Apr 1.
    #expect(f[.logOpenBalance, 0] == log1p(100.0))
    #expect(f[.logOverdueBalance, 0] == log1p(100.0))
  }

  /// Hand-checked sweep on a two-invoice customer.
  @Test func runningTotalsFollowEventDates() throws {
    let csv = """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date
      A,C1,2024-01-01,2024-01-31,100,2024-03-15
      B,C1,2024-02-10,2024-03-11,50,
      C,C1,2024-03-20,2024-04-19,80,
      """
    let h = try HistoryLoader.parse(bytes: Array(csv.utf8), fileName: "t.csv")
    let p = Portfolio(history: h, asOf: Day(iso: "2024-04-30"))
    let builder = FeatureBuilder(rule: DelinquencyRule(lateDays: 30), shrinkage: 0)
    let f = builder.features(p, queries: builder.invoiceQueries(p, rows: [0, 1, 2]))
    // At B's issue (Feb 10): A is open (100), overdue since Feb 1 (100), outcome unknown.
    #expect(f[.logOpenBalance, 1] == log1p(100.0))
    #expect(f[.logOverdueBalance, 1] == log1p(100.0))
    #expect(f[.logPriorInvoices, 1] == log1p(1.0))
    // At C's issue (Mar 20): A was paid Mar 15, 44 days late (> 30: late, known Mar 2);
    // B is open (50) and overdue since Mar 12.
    #expect(f[.logOpenBalance, 2] == log1p(50.0))
    #expect(f[.logOverdueBalance, 2] == log1p(50.0))
    #expect(f[.priorLateRate, 2] == 1)
    #expect(f[.priorMeanDaysLate, 2] == 44)
    // Last late event: A became seriously late on Mar 2 (due + 30 + 1), 18 days before Mar 20.
    #expect(f[.logDaysSinceLate, 2] == log1p(18.0))
  }
}

#if canImport(Glibc)
  import Glibc
#endif
