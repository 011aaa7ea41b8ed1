import CreditData
import CreditReport
import Testing

@testable import CreditEngine

/// `backtest --cutoffs --out`: each invoice open at each cutoff, as the pooled tables saw it.
@Suite struct RollingBacktestFilesTests {
  static func day(_ iso: String) throws -> Day { try #require(Day(iso: iso)) }

  /// An invoice of `customer` for the summary's tests.
  static func invoice(customer: Int) throws -> BacktestInvoice {
    BacktestInvoice(
      amount: 100, dueDate: try day("2024-01-31"), paidDate: try day("2024-02-20"),
      modelPD: 0.25, baselinePD: 0.5, modelPaymentDate: try day("2024-02-10"),
      baselinePaymentDate: try day("2024-02-05"), ageAtCutoff: 30, customer: customer,
      invoiceID: "A\(customer)", customerID: "C\(customer)")
  }

  @Test func aBacktestOfOneCustomerSaysItsIntervalsAreTheEstimates() throws {
    func summary(_ customers: [Int]) throws -> String {
      let result = RollingBacktestResult(
        cutoffs: [
          .init(
            cutoff: try Self.day("2024-01-31"), invoices: try customers.map(Self.invoice),
            weeks: [])
        ], lateDays: 30, horizonDays: 91, replicates: 10, seed: 1)
      return RollingBacktestSummary.render(result)
    }
    #expect(try summary([0, 0]).contains("(one customer: every replicate is the sample"))
    #expect(try !summary([0, 1]).contains("one customer"))
  }

  /// A backtest of one cutoff says so in the singular.
  ///
  /// It said 'rolling backtest: 1 cutoffs 2024-01-31..2024-01-31, trained at each on what was
  /// known then'.
  @Test func oneCutoffIsSaidInTheSingular() throws {
    func firstLine(_ days: [String]) throws -> Substring? {
      let cutoffs = try days.map { d in
        RollingBacktestResult.Cutoff(
          cutoff: try Self.day(d), invoices: try [0, 1].map(Self.invoice), weeks: [])
      }
      return RollingBacktestSummary.render(
        RollingBacktestResult(
          cutoffs: cutoffs, lateDays: 30, horizonDays: 91, replicates: 0, seed: 1)
      ).split(separator: "\n").first
    }
    #expect(
      try firstLine(["2024-01-31"])
        == "rolling backtest: 1 cutoff 2024-01-31, trained on what was known then")
    #expect(
      try firstLine(["2024-01-31", "2024-02-29"])
        == "rolling backtest: 2 cutoffs 2024-01-31..2024-02-29, trained at each on what was "
        + "known then")
  }

  /// With fewer than 2 replicates there is no interval, and the summary says so instead of
  /// announcing 95% bootstrap intervals.
  @Test func withoutReplicatesTheSummarySaysThereAreNoIntervals() throws {
    func summary(replicates: Int) throws -> String {
      RollingBacktestSummary.render(
        RollingBacktestResult(
          cutoffs: [
            .init(
              cutoff: try Self.day("2024-01-31"), invoices: try [0, 1].map(Self.invoice),
              weeks: [])
          ], lateDays: 30, horizonDays: 91, replicates: replicates, seed: 1))
    }
    for n in [0, 1] {
      let text = try summary(replicates: n)
      #expect(
        text.contains(
          "\n  intervals: none (--replicates \(n); 2 or more give 95% bootstrap intervals over "
            + "customers)\n"))
      #expect(!text.contains("95% bootstrap over customers"))
    }
    #expect(try summary(replicates: 2).contains("\n  intervals: 95% bootstrap over customers, 2 "))
  }

  /// Without a late invoice (or without an on-time one) there is no PD table, and the summary
  /// says why instead of leaving it out.
  @Test func aBacktestWithoutALateInvoiceSaysWhyThePDIsNotEvaluated() throws {
    let result = RollingBacktestResult(
      cutoffs: [
        .init(
          cutoff: try Self.day("2024-01-31"), invoices: try [0, 1].map(Self.invoice), weeks: [])
      ], lateDays: 30, horizonDays: 91, replicates: 10, seed: 1)
    #expect(result.pd == nil)
    #expect(
      RollingBacktestSummary.render(result).contains(
        "PD: not evaluated: of the 2 invoices not yet more than 30 days past due at their "
          + "cutoff whose outcome was known 91 days later, none went late (more than 30 days "
          + "past due); AUC and Brier need both late and on-time invoices"))
  }

  /// A horizon shorter than 13 weeks compares fewer weeks, and the cash tables say how many.
  @Test func theCashTablesNameTheWeeksCompared() throws {
    let cutoff = try Self.day("2024-01-31")
    var invoice = try Self.invoice(customer: 0)
    invoice.expectedByWeek = [Double](repeating: 10, count: CashForecast.weeks)
    let weeks = (0..<6).map { k in
      BacktestWeek(
        weekStart: cutoff.adding(days: 1 + 7 * k), actual: k == 2 ? 100 : 0, model: 10, p10: 0,
        p90: 20, baseline: 0)
    }
    let result = RollingBacktestResult(
      cutoffs: [.init(cutoff: cutoff, invoices: [invoice], weeks: weeks)], lateDays: 30,
      horizonDays: 42, replicates: 0, seed: 1)
    let text = RollingBacktestSummary.render(result)
    #expect(text.contains("\n6-week cash (collections from the invoices open at the cutoff)"))
    #expect(text.contains("\n6-week cash by week after the cutoff"))
    #expect(text.contains("\n6-week cash by age at the cutoff"))
    #expect(text.contains("weeks_1-4  weeks_5-6\n"))
    #expect(!text.contains("13-week") && !text.contains("weeks_9-13"))
  }

  @Test func invoicesAreListedCutoffByCutoffWithUnknownDatesEmpty() throws {
    var paid = BacktestInvoice(
      amount: 100, dueDate: try Self.day("2024-01-31"), paidDate: try Self.day("2024-02-20"),
      modelPD: 0.25, baselinePD: 0.5, modelPaymentDate: try Self.day("2024-02-10"),
      baselinePaymentDate: try Self.day("2024-02-05"), ageAtCutoff: 30, customer: 0,
      ceilingPaymentDate: try Self.day("2024-02-12"), ceilingPD: 0.125, invoiceID: "A1",
      customerID: "C1")
    paid.modelPaid30 = 0.6
    let open = BacktestInvoice(
      amount: 50, dueDate: try Self.day("2023-12-15"), paidDate: nil, modelPD: 1,
      baselinePD: 1, modelPaymentDate: try Self.day("2024-03-01"),
      baselinePaymentDate: try Self.day("2024-02-01"), ageAtCutoff: 61, customer: 1,
      invoiceID: "=B2", customerID: "C2")
    let result = RollingBacktestResult(
      cutoffs: [
        .init(cutoff: try Self.day("2024-01-31"), invoices: [paid, open], weeks: []),
        .init(cutoff: try Self.day("2024-02-29"), invoices: [open], weeks: []),
      ], lateDays: 30, horizonDays: 91, replicates: 0, seed: 1)
    let text = String(decoding: RollingBacktestFiles.invoices(result).bytes, as: UTF8.self)
    #expect(
      text == """
        cutoff,invoice_id,customer_id,age_days,due_date,paid_date,model_pd,model_payment_date,\
        naive_payment_date,ceiling_payment_date,ceiling_pd,model_p_paid_30d
        2024-01-31,A1,C1,30,2024-01-31,2024-02-20,0.250000,2024-02-10,2024-02-05,2024-02-12,0.125000,0.600000
        2024-01-31,'=B2,C2,61,2023-12-15,,1.000000,2024-03-01,2024-02-01,,,
        2024-02-29,'=B2,C2,61,2023-12-15,,1.000000,2024-03-01,2024-02-01,,,

        """)
  }

  /// A row per week of each cutoff, the cutoff first; the ceiling's cells empty where its
  /// truth is not known.
  @Test func weeksAreListedCutoffByCutoffWithTheCeilingWhereKnown() throws {
    let first = try Self.day("2024-01-31")
    let second = try Self.day("2024-02-29")
    func week(_ c: Day, _ k: Int, actual: Double) -> BacktestWeek {
      BacktestWeek(
        weekStart: c.adding(days: 1 + 7 * k), actual: actual, model: 90, p10: 70, p90: 110.5,
        baseline: 80)
    }
    var withTruth = RollingBacktestResult.Cutoff(
      cutoff: first, invoices: [],
      weeks: [week(first, 0, actual: 100), week(first, 1, actual: 0)])
    withTruth.ceilingWeeks = [
      CashForecastWeek(weekStart: first.adding(days: 1), expected: 95, p10: 75.25, p90: 115),
      CashForecastWeek(weekStart: first.adding(days: 8), expected: 5, p10: 0, p90: 12),
    ]
    let result = RollingBacktestResult(
      cutoffs: [
        withTruth, .init(cutoff: second, invoices: [], weeks: [week(second, 0, actual: 120)]),
      ], lateDays: 30, horizonDays: 14, replicates: 0, seed: 1)
    let text = String(decoding: RollingBacktestFiles.weeks(result).bytes, as: UTF8.self)
    #expect(
      text == """
        cutoff,week_start,actual,model_expected,model_p10,model_p90,baseline,ceiling_expected,\
        ceiling_p10,ceiling_p90
        2024-01-31,2024-02-01,100.00,90.00,70.00,110.50,80.00,95.00,75.25,115.00
        2024-01-31,2024-02-08,0.00,90.00,70.00,110.50,80.00,5.00,0.00,12.00
        2024-02-29,2024-03-01,120.00,90.00,70.00,110.50,80.00,,,

        """)
  }
}
