// `@testable` for the memberwise initialiser of `CashForecastWeek`.
import CreditData
import TestSupport
import Testing

@testable import CreditEngine

/// Backtest metrics on a four-invoice case worked by hand, and on the bundled sample.
@Suite struct BacktestTests {
  /// Cutoff c = 2025-01-01, horizon 14 days (end c+14, two weeks), late = more than 30 days.
  ///
  /// | inv | amount | due  | paid | model PD | base PD | model date | base date |
  /// |-----|-------:|------|------|---------:|--------:|------------|-----------|
  /// | 1   |    100 | c+5  | c+3  |      0.1 |     0.5 | c+3        | c+6       |
  /// | 2   |    200 | c-40 | c+10 |      1.0 |     0.2 | c+8        | c+1       |
  /// | 3   |    300 | c-20 | —    |      0.9 |     0.3 | c+20       | c+1       |
  /// | 4   |    400 | c+2  | c+20 |      0.2 |     0.4 | c+9        | c+4       |
  ///
  /// PD rows: 1 (paid 2 days early: 0) and 3 (34 days past due at the end: 1); 2 was already
  /// 40 days late at the cutoff, 4's outcome is unknown at the end (12 days past due).
  /// Model AUC 1, Brier (0.1² + 0.1²)/2 = 0.01; baseline AUC 0, Brier (0.5² + 0.7²)/2 = 0.37.
  /// Times from the cutoff: 3 (event), 10 (event), 14 and 14 (censored). Five admissible
  /// pairs (1-2, 1-3, 1-4, 2-3, 2-4): the model orders all five; the baseline (6, 1, 1, 4)
  /// gets 2-4 right and ties 2-3: (1 + ½)/5 = 0.3.
  /// Date errors (invoices 1, 2): model 0 and 2 (median 1), baseline 3 and 9 (median 6).
  /// Weeks: actual [100, 200]; model [150, 250] → MAE 50, total +100; baseline puts all four
  /// in week 1: [1000, 0] → MAE 550, total +700. Both actual weeks lie in the band.
  static let result: BacktestResult = {
    let c = day("2025-01-01")
    let invoices = [
      BacktestInvoice(
        amount: 100, dueDate: c.adding(days: 5), paidDate: c.adding(days: 3), modelPD: 0.1,
        baselinePD: 0.5, modelPaymentDate: c.adding(days: 3),
        baselinePaymentDate: c.adding(days: 6)),
      BacktestInvoice(
        amount: 200, dueDate: c.adding(days: -40), paidDate: c.adding(days: 10), modelPD: 1.0,
        baselinePD: 0.2, modelPaymentDate: c.adding(days: 8),
        baselinePaymentDate: c.adding(days: 1)),
      BacktestInvoice(
        amount: 300, dueDate: c.adding(days: -20), paidDate: nil, modelPD: 0.9, baselinePD: 0.3,
        modelPaymentDate: c.adding(days: 20), baselinePaymentDate: c.adding(days: 1)),
      BacktestInvoice(
        amount: 400, dueDate: c.adding(days: 2), paidDate: c.adding(days: 20), modelPD: 0.2,
        baselinePD: 0.4, modelPaymentDate: c.adding(days: 9),
        baselinePaymentDate: c.adding(days: 4)),
    ]
    let forecast = [
      CashForecastWeek(weekStart: c.adding(days: 1), expected: 150, p10: 50, p90: 250),
      CashForecastWeek(weekStart: c.adding(days: 8), expected: 250, p10: 100, p90: 300),
    ]
    return BacktestResult(
      cutoff: c, horizonDays: 14, lateDays: 30, invoices: invoices, forecast: forecast)
  }()

  @Test func probabilityOfDefaultMetrics() {
    let r = Self.result
    #expect(r.pdRows == 2)
    #expect(r.pdLateRate == 0.5)
    #expect(r.model.auc == 1)
    #expect(r.baseline.auc == 0)
    #expect(isClose(r.model.brier ?? .nan, 0.01, rtol: 1e-12))
    #expect(isClose(r.baseline.brier ?? .nan, 0.37, rtol: 1e-12))
  }

  /// The out-of-sample diagnostics say which of the open invoices they judge.
  ///
  /// The report's ROC and calibration with --backtest-cutoff judge the 2 of the 4 invoices
  /// open at the cutoff that were not yet more than 30 days past due and whose outcome was
  /// known by the horizon's end; they said '2 invoices open at 2025-01-01', beside a backtest
  /// that had 4 open then.
  @Test func theDiagnosticsSayWhichOpenInvoicesTheyJudge() throws {
    let source = try #require(Self.result.diagnostics?.source)
    #expect(
      source
        == "backtest: 2 of the 4 invoices open at 2025-01-01, those not yet more than 30 days "
        + "past due whose outcome was known by 2025-01-15")
  }

  @Test func paymentTimingMetrics() {
    let r = Self.result
    #expect(r.paidWithinHorizon == 2)
    #expect(r.model.concordance == 1)
    #expect(isClose(r.baseline.concordance, 0.3, rtol: 1e-12))
    #expect(r.model.medianAbsoluteErrorDays == 1)
    #expect(r.model.meanAbsoluteErrorDays == 1)
    #expect(r.baseline.medianAbsoluteErrorDays == 6)
    #expect(r.baseline.meanAbsoluteErrorDays == 6)
  }

  @Test func weeklyCashMetrics() {
    let r = Self.result
    #expect(r.weeks.map(\.actual) == [100, 200])
    #expect(r.weeks.map(\.baseline) == [1000, 0])
    #expect(r.model.cashWeeklyMAE == 50)
    #expect(r.model.cashTotalError == 100)
    #expect(r.baseline.cashWeeklyMAE == 550)
    #expect(r.baseline.cashTotalError == 700)
    #expect(r.bandCoverage == 1)
  }

  @Test func metricTableHasEveryMetricOnce() {
    let names = Self.result.table.map(\.metric)
    #expect(Set(names).count == names.count)
    let expected = [
      "pd_auc", "pd_ks", "pd_brier", "payment_c_index", "payment_date_median_abs_error_days",
      "cash_weekly_mae", "cash_total_error",
    ]
    for m in expected { #expect(names.contains(m), "\(m)") }
  }

  @Test func naiveBaselineAveragesPastDelays() {
    // Customer X: a and d paid 5 and 15 days after due (average 10); b open and on time.
    // Customer Y: c open, 38 days past due at the as-of (late), nothing paid.
    let history = InvoiceHistory(
      invoiceIDs: ["a", "b", "c", "d"], customerIndex: [0, 0, 1, 0], customerIDs: ["X", "Y"],
      issueDate: [day("2025-01-01"), day("2025-03-20"), day("2025-02-01"), day("2025-02-01")],
      dueDate: [day("2025-01-31"), day("2025-04-19"), day("2025-03-03"), day("2025-03-03")],
      amount: [10, 10, 10, 10],
      paidDate: [day("2025-02-05"), nil, nil, day("2025-03-18")])
    let p = Portfolio(history: history, asOf: day("2025-04-10"))
    let naive = NaiveBaseline(p, rule: DelinquencyRule())
    #expect(naive.averageDelay[0] == 10)
    #expect(naive.averageDelay[1] == nil)
    #expect(naive.populationDelay == 10)
    #expect(naive.lateRate[0] == 0)
    #expect(naive.lateRate[1] == 1)
    #expect(naive.pd(customer: 1) == 1)
    #expect(naive.paymentDate(customer: 0, dueDate: day("2025-04-30")) == day("2025-05-10"))
    // Customer Y has no paid invoice: the population's average delay.
    #expect(naive.paymentDate(customer: 1, dueDate: day("2025-04-30")) == day("2025-05-10"))
    // A date already passed moves to the day after the as-of.
    #expect(naive.paymentDate(customer: 0, dueDate: day("2025-03-01")) == day("2025-04-11"))
  }

  @Test func writtenOffFlagOnlyCountsWhenOldEnoughAtTheCutoff() {
    let history = InvoiceHistory(
      invoiceIDs: ["old", "young"], customerIndex: [0, 0], customerIDs: ["X"],
      issueDate: [day("2024-01-01"), day("2025-05-01")],
      dueDate: [day("2024-01-31"), day("2025-05-31")], amount: [1, 1], paidDate: [nil, nil],
      writtenOff: [true, true])
    let past = Backtest(cutoff: day("2025-06-30")).pointInTime(Portfolio(history: history))
    #expect(past.history.writtenOff == [true, false])
    #expect(past.asOf == day("2025-06-30"))
  }

  @Test func horizonBeyondTheHistoryIsRefused() {
    #expect(throws: BacktestError.self) {
      try Backtest(cutoff: day("2025-12-01")).run(SampleData.portfolio)
    }
  }

  /// On the bundled sample at the cutoff 2025-09-30 (90-day horizon), the model beats the
  /// naive baseline on the median payment-date error, the c-index, the weekly cash error, AUC
  /// and Brier. (Its *mean* payment-date error is worse: a handful of disputed or overdue
  /// invoices get Weibull-tail dates more than a year out.)
  @Test func modelBeatsNaiveBaselineOnTheSample() throws {
    let r = try Backtest(cutoff: day("2025-09-30")).run(SampleData.portfolio)
    let model = try #require(r.model.medianAbsoluteErrorDays)
    let baseline = try #require(r.baseline.medianAbsoluteErrorDays)
    #expect(model < baseline, "median |error| model \(model) vs baseline \(baseline) days")
    #expect(r.model.concordance > r.baseline.concordance)
    #expect(r.model.cashWeeklyMAE < r.baseline.cashWeeklyMAE)
    #expect(abs(r.model.cashTotalError) < abs(r.baseline.cashTotalError))
    #expect(try #require(r.model.auc) > #require(r.baseline.auc))
    #expect(try #require(r.model.brier) < #require(r.baseline.brier))
    #expect(r.paidWithinHorizon > 400)
  }
}
