import CreditData
import TestSupport
import Testing

@testable import CreditEngine

/// The rolling backtest's cutoffs, pooling and bootstrap, on cases worked by hand and on the
/// bundled sample.
@Suite struct RollingBacktestTests {
  @Test func monthEndsCoverEveryMonthIncludingLeapFebruary() {
    let days = RollingBacktest.monthEnds(from: day("2023-11-15"), through: day("2024-03-01"))
    #expect(
      days.map(\.isoString) == [
        "2023-11-30", "2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31",
      ])
    #expect(RollingBacktest.monthEnds(from: day("2024-03-01"), through: day("2024-02-01")).isEmpty)
  }

  /// Two cutoffs c1 = 2025-01-31 and c2 = 2025-02-28, one week of cash each.
  ///
  /// | cutoff | age | paid   | model   | naive   | ceiling | signed model / naive / ceiling |
  /// |--------|----:|--------|---------|---------|---------|--------------------------------|
  /// | c1     |  10 | c1+4   | c1+6    | c1+1    | c1+5    | +2 / −3 / +1                   |
  /// | c1     |  45 | c1+20  | c1+10   | c1+30   | c1+18   | −10 / +10 / −2                 |
  /// | c2     | 400 | —      | c2+3    | c2+1    | c2+3    | (never paid: not compared)     |
  /// | c2     |  20 | c2+2   | c2+2    | c2+8    | c2+2    | 0 / +6 / 0                     |
  ///
  /// 0–30: model |2|, |0| → mean 1, signed +1; naive 3, 6 → 4.5, +1.5. 31–60: model 10
  /// (signed −10), naive 10 (+10). All: model mean |e| 4, signed −8/3; ceiling 1, −1/3.
  /// Paid after the date (a tie counts half): 0–30 model 0.5/2, naive 1/2; 31–60 model 1,
  /// naive 0; all model (0 + 1 + 0.5)/3, ceiling the same.
  /// Cash: c1 actual 100 (paid c1+4), expected 110 → +10%, inside [90, 120]; c2 actual 50,
  /// expected 40 → −20%, above [30, 45]. Mean error −5%, worst −20%, coverage 1/2.
  static let result: RollingBacktestResult = {
    let c1 = day("2025-01-31")
    let c2 = day("2025-02-28")
    func inv(
      _ c: Day, age: Int, paid: Int?, model: Int, naive: Int, ceiling: Int, amount: Double,
      customer: Int
    ) -> BacktestInvoice {
      BacktestInvoice(
        amount: amount, dueDate: c.adding(days: 30 - age),
        paidDate: paid.map { c.adding(days: $0) },
        modelPD: 0.2, baselinePD: 0.3, modelPaymentDate: c.adding(days: model),
        baselinePaymentDate: c.adding(days: naive), ageAtCutoff: age, customer: customer,
        ceilingPaymentDate: c.adding(days: ceiling))
    }
    let first = RollingBacktestResult.Cutoff(
      cutoff: c1,
      invoices: [
        inv(c1, age: 10, paid: 4, model: 6, naive: 1, ceiling: 5, amount: 100, customer: 0),
        inv(c1, age: 45, paid: 20, model: 10, naive: 30, ceiling: 18, amount: 70, customer: 1),
      ],
      weeks: [
        BacktestWeek(
          weekStart: c1.adding(days: 1), actual: 100, model: 110, p10: 90, p90: 120, baseline: 0)
      ])
    let second = RollingBacktestResult.Cutoff(
      cutoff: c2,
      invoices: [
        inv(c2, age: 400, paid: nil, model: 3, naive: 1, ceiling: 3, amount: 30, customer: 2),
        inv(c2, age: 20, paid: 2, model: 2, naive: 8, ceiling: 2, amount: 50, customer: 0),
      ],
      weeks: [
        BacktestWeek(
          weekStart: c2.adding(days: 1), actual: 50, model: 40, p10: 30, p90: 45, baseline: 0)
      ])
    return RollingBacktestResult(
      cutoffs: [first, second], lateDays: 30, horizonDays: 7, replicates: 50, seed: 3)
  }()

  static func error(_ bucket: String, _ p: RollingBacktestResult.Predictor)
    -> RollingBacktestResult.DateError?
  {
    result.dateErrors.first { $0.bucket == bucket && $0.predictor == p }
  }

  @Test func dateErrorsByAgeBucket() throws {
    let young = try #require(Self.error("0-30", .model))
    #expect(young.count == 2)
    #expect(young.meanAbsolute.estimate == 1)
    #expect(young.meanSigned.estimate == 1)
    let youngNaive = try #require(Self.error("0-30", .naive))
    #expect(youngNaive.meanAbsolute.estimate == 4.5)
    #expect(youngNaive.meanSigned.estimate == 1.5)
    #expect(try #require(Self.error("31-60", .model)).meanSigned.estimate == -10)
    #expect(try #require(Self.error("31-60", .naive)).meanSigned.estimate == 10)
    #expect(young.paidAfter == 0.25)
    #expect(youngNaive.paidAfter == 0.5)
    #expect(try #require(Self.error("31-60", .model)).paidAfter == 1)
    #expect(try #require(Self.error("31-60", .naive)).paidAfter == 0)
    #expect(try #require(Self.error("all", .model)).paidAfter == 0.5)
    #expect(try #require(Self.error("all", .ceiling)).paidAfter == 0.5)
    let all = try #require(Self.error("all", .model))
    #expect(all.count == 3)
    #expect(all.meanAbsolute.estimate == 4)
    #expect(isClose(all.meanSigned.estimate, -8.0 / 3, rtol: 1e-15))
    #expect(
      isClose(try #require(Self.error("all", .ceiling)).meanSigned.estimate, -1.0 / 3, rtol: 1e-15))
    // No invoice in 61–120 or 121–365 was paid; the 400-day-old one never was.
    #expect(
      Self.result.dateErrors.allSatisfy { !["61-120", "121-365", "365+"].contains($0.bucket) })
    #expect(Self.result.hasCeiling)
  }

  /// By amount, the three paid invoices (50, 70, 100) are the quartiles themselves (ranks
  /// ⌈3j/4⌉ = 1, 2, 3), so one a quarter and no row above 100: model signed 0, −10, +2.
  @Test func dateErrorsByAmountQuarter() throws {
    let model = Self.result.dateErrorsByAmount.filter { $0.predictor == .model }
    #expect(model.map(\.bucket) == ["up to 50.00", "50.00-70.00", "70.00-100"])
    #expect(model.map(\.count) == [1, 1, 1])
    #expect(model.map(\.meanSigned.estimate) == [0, -10, 2])
    let naive = Self.result.dateErrorsByAmount.filter { $0.predictor == .naive }
    #expect(naive.map(\.meanSigned.estimate) == [6, 10, -3])
    #expect(Self.result.dateErrorsByAmount.count == 9)
  }

  /// The ceiling's PD metrics on the PD rows, by hand.
  ///
  /// Four invoices due on the cutoff (not yet late), outcome known 91 days later: paid on day 10 (on time), day 40 (late), never
  /// (late), day 5 (on time). True PDs 0.1, 0.8, 0.6, 0.3: AUC 1, mean 0.45, Brier
  /// (0.01 + 0.04 + 0.16 + 0.09) / 4 = 0.075. Without a true PD for every row, no ceiling.
  @Test func ceilingPDMetricsOnThePDRows() throws {
    let c = day("2025-01-31")
    func inv(paid: Int?, model: Double, truth: Double?, customer: Int) -> BacktestInvoice {
      BacktestInvoice(
        amount: 10, dueDate: c, paidDate: paid.map { c.adding(days: $0) }, modelPD: model,
        baselinePD: 0.5, modelPaymentDate: c, baselinePaymentDate: c, ageAtCutoff: 30,
        customer: customer, ceilingPD: truth)
    }
    let invoices = [
      inv(paid: 10, model: 0.2, truth: 0.1, customer: 0),
      inv(paid: 40, model: 0.4, truth: 0.8, customer: 1),
      inv(paid: nil, model: 0.3, truth: 0.6, customer: 2),
      inv(paid: 5, model: 0.5, truth: 0.3, customer: 3),
    ]
    func pooled(_ invoices: [BacktestInvoice]) throws -> RollingBacktestResult.PooledPD {
      try #require(
        RollingBacktestResult(
          cutoffs: [.init(cutoff: c, invoices: invoices, weeks: [])], lateDays: 30,
          horizonDays: 91, replicates: 0, seed: 1
        ).pd)
    }
    let pd = try pooled(invoices)
    #expect(pd.rows == 4)
    #expect(pd.observed.estimate == 0.5)
    let ceiling = try #require(pd.ceiling)
    #expect(ceiling.auc.estimate == 1)
    #expect(isClose(ceiling.meanPD.estimate, 0.45, rtol: 1e-15))
    #expect(isClose(ceiling.brier.estimate, 0.075, rtol: 1e-14))
    // The model's own metrics are unchanged by the ceiling: late 0.4, 0.3 against 0.2, 0.5.
    #expect(pd.auc.estimate == 0.5)
    var partial = invoices
    partial[3].ceilingPD = nil
    #expect(try pooled(partial).ceiling == nil)
  }

  @Test func cashErrorPerCutoffAndCoverage() {
    let r = Self.result
    #expect(isClose(r.cutoffs[0].cashError, 0.1, rtol: 1e-12))
    #expect(isClose(r.cutoffs[1].cashError, -0.2, rtol: 1e-12))
    #expect(isClose(r.cash.meanError, -0.05, rtol: 1e-12))
    #expect(isClose(r.cash.worstError, -0.2, rtol: 1e-12))
    #expect(r.cash.coverage == 0.5)
  }

  /// The ceiling's cash error and coverage per cutoff and pooled.
  ///
  /// The ceiling's forecast on the same weeks: c1 expects 105 in [95, 115] against 100 (+5%,
  /// covered), c2 expects 60 in [52, 70] against 50 (+20%, not covered). Mean +12.5%, worst
  /// +20%, coverage 1/2; the model's own figures are unchanged. Without the ceiling at one
  /// cutoff there is none.
  @Test func ceilingCashErrorPerCutoffAndCoverage() throws {
    var cutoffs = Self.result.cutoffs
    func week(_ c: Day, _ expected: Double, _ p10: Double, _ p90: Double) -> CashForecastWeek {
      CashForecastWeek(weekStart: c.adding(days: 1), expected: expected, p10: p10, p90: p90)
    }
    cutoffs[0].ceilingWeeks = [week(cutoffs[0].cutoff, 105, 95, 115)]
    cutoffs[1].ceilingWeeks = [week(cutoffs[1].cutoff, 60, 52, 70)]
    func result(_ cutoffs: [RollingBacktestResult.Cutoff]) -> RollingBacktestResult {
      RollingBacktestResult(
        cutoffs: cutoffs, lateDays: 30, horizonDays: 7, replicates: 0, seed: 3)
    }
    let r = result(cutoffs)
    #expect(isClose(try #require(r.cutoffs[0].ceilingCashError), 0.05, rtol: 1e-12))
    #expect(isClose(try #require(r.cutoffs[1].ceilingCashError), 0.2, rtol: 1e-12))
    #expect(r.cutoffs.map(\.ceilingCoveredWeeks) == [1, 0])
    let ceiling = try #require(r.ceilingCash)
    #expect(isClose(ceiling.meanError, 0.125, rtol: 1e-12))
    #expect(isClose(ceiling.worstError, 0.2, rtol: 1e-12))
    #expect(ceiling.coverage == 0.5)
    #expect(r.cash == Self.result.cash)
    #expect(Self.result.ceilingCash == nil)
    // Week 1 summed over the two cutoffs: actual 150, expected 110 + 40 = 150, inside the
    // model's band once (c1); the ceiling 105 + 60 = 165 (+10%), inside once (c1).
    let ahead = try #require(r.weeksAhead.first)
    #expect(r.weeksAhead.count == 1)
    #expect(ahead.week == 1 && ahead.cutoffs == 2)
    #expect(ahead.actual == 150 && ahead.expected == 150 && ahead.error == 0)
    #expect(ahead.covered == 1)
    #expect(isClose(try #require(ahead.ceilingError), 0.1, rtol: 1e-12))
    #expect(ahead.ceilingCovered == 1)
    #expect(Self.result.weeksAhead.first?.ceilingExpected == nil)
    cutoffs[1].ceilingWeeks = nil
    #expect(result(cutoffs).ceilingCash == nil)
    #expect(result(cutoffs).weeksAhead.first?.ceilingCovered == nil)
  }

  /// The cash comparison by age at the cutoff, on the two cutoffs above (one week compared
  /// each), with each invoice's expected collection in each week given.
  ///
  /// | cutoff | age | paid      | amount | expected weeks 1, 2 | ceiling weeks 1, 2 |
  /// |--------|----:|-----------|-------:|---------------------|--------------------|
  /// | c1     |  10 | week 1    |    100 | 60, 30              | 90, 5              |
  /// | c1     |  45 | week 3    |     70 | 50, 10              | 20, 20             |
  /// | c2     | 400 | never     |     30 | 0, 0                | 0, 0               |
  /// | c2     |  20 | week 1    |     50 | 40, 5               | 45, 5              |
  ///
  /// Only week 1 is compared, so 0–30 collects 100 + 50 = 150 in weeks 1–4 against 60 + 40 =
  /// 100 expected (−1/3; the ceiling 135, −10%); 31–60 collects nothing in its compared week
  /// (its payment is in week 3) against 50; 365+ nothing against nothing; the other buckets
  /// have no invoices. Weeks 5–8 and 9–13 compare nothing.
  @Test func cashByAgeAtTheCutoff() throws {
    var cutoffs = Self.result.cutoffs
    let expected: [[Double]] = [[60, 30], [50, 10], [0, 0], [40, 5]]
    let ceiling: [[Double]] = [[90, 5], [20, 20], [0, 0], [45, 5]]
    func weeks(_ first: [Double]) -> [Double] {
      first + [Double](repeating: 0, count: CashForecast.weeks - first.count)
    }
    for (n, (c, i)) in [(0, 0), (0, 1), (1, 0), (1, 1)].enumerated() {
      cutoffs[c].invoices[i].expectedByWeek = weeks(expected[n])
      cutoffs[c].invoices[i].ceilingExpectedByWeek = weeks(ceiling[n])
    }
    func result(_ cutoffs: [RollingBacktestResult.Cutoff]) -> RollingBacktestResult {
      RollingBacktestResult(cutoffs: cutoffs, lateDays: 30, horizonDays: 7, replicates: 0, seed: 3)
    }
    let ages = result(cutoffs).cashByAge
    #expect(ages.map(\.bucket) == RollingBacktestResult.ageBuckets.map(\.label))
    #expect(ages.map(\.invoices) == [2, 1, 0, 0, 1])
    let young = ages[0]
    #expect(young.actual == [150, 0, 0] && young.expected == [100, 0, 0])
    #expect(isClose(young.error(), -1.0 / 3, rtol: 1e-12))
    #expect(isClose(young.error(0), -1.0 / 3, rtol: 1e-12))
    #expect(young.error(1).isNaN && young.error(2).isNaN)
    #expect(young.ceilingExpected == [135, 0, 0])
    #expect(isClose(try #require(young.ceilingError()), -0.1, rtol: 1e-12))
    #expect(ages[1].actual == [0, 0, 0] && ages[1].expected == [50, 0, 0])
    #expect(ages[4].actual == [0, 0, 0] && ages[4].expected == [0, 0, 0])
    // Without the truth at one invoice there is no ceiling; without the model's weeks at one,
    // no comparison.
    cutoffs[1].invoices[0].ceilingExpectedByWeek = nil
    #expect(result(cutoffs).cashByAge.allSatisfy { $0.ceilingExpected == nil })
    cutoffs[0].invoices[1].expectedByWeek = nil
    #expect(result(cutoffs).cashByAge.isEmpty)
    #expect(Self.result.cashByAge.isEmpty)
  }

  /// The ceiling's weekly band adds no customer correlation.
  ///
  /// Two invoices of one customer, 100 and 200, paid within the first week with true
  /// probability 0.5 and 0.25, within two weeks 0.5 and 1. Week 1: mean 50 + 50 = 100,
  /// variance 100² · 0.25 + 200² · 0.1875 = 10,000 (independent: no customer term, which with
  /// full correlation would make it (50 + 86.6)²), third cumulant 0 + 200³ · 0.25 · 0.75 · 0.5 =
  /// 750,000, skewness 0.75, P10 floored at 0. Week 2: mean 150, variance 200² · 0.75 · 0.25 =
  /// 7,500, third cumulant −750,000. Later weeks: nothing.
  @Test func ceilingForecastTreatsInvoicesAsIndependent() {
    let asOf = day("2025-01-31")
    func ceiling(_ within: [Double]) -> BacktestCeiling {
      BacktestCeiling(
        paymentDate: asOf, pd: 0,
        paidWithinWeeks: within + Array(repeating: within.last ?? 0, count: 14 - within.count))
    }
    let weeks = BacktestCeiling.cashForecast(
      asOf: asOf, amounts: [100, 200], customers: [0, 0],
      ceilings: [ceiling([0, 0.5, 0.5]), ceiling([0, 0.25, 1])])
    let z = CashBand.z90
    #expect(weeks.count == 13)
    #expect(weeks[0].weekStart == day("2025-02-01"))
    #expect(isClose(weeks[0].expected, 100, rtol: 1e-15))
    #expect(weeks[0].p10 == 0)
    #expect(isClose(weeks[0].p90, 100 + 100 * CashBand.factor(z, 0.75), rtol: 1e-14))
    let sd = 7_500.0.squareRoot()
    #expect(isClose(weeks[1].expected, 150, rtol: 1e-15))
    let skew = -750_000 / (7_500 * sd)
    #expect(isClose(weeks[1].p90, 150 + sd * CashBand.factor(z, skew), rtol: 1e-14))
    #expect(isClose(weeks[1].p10, 150 + sd * CashBand.factor(-z, skew), rtol: 1e-14))
    #expect(weeks[2...].allSatisfy { $0.expected == 0 && $0.p90 == 0 })
  }

  @Test func bootstrapIsSeededAndBracketsTheEstimate() throws {
    let again = RollingBacktestResult(
      cutoffs: Self.result.cutoffs, lateDays: 30, horizonDays: 7, replicates: 50, seed: 3)
    let a = try #require(Self.error("all", .naive))
    let b = try #require(again.dateErrors.first { $0.bucket == "all" && $0.predictor == .naive })
    #expect(a.meanAbsolute == b.meanAbsolute)
    #expect(a.meanAbsolute.lower <= a.meanAbsolute.estimate)
    #expect(a.meanAbsolute.upper >= a.meanAbsolute.estimate)
    // Three customers: some replicate leaves out customer 0, whose invoices have the
    // smallest naive errors, so the interval is not a point.
    #expect(a.meanAbsolute.lower < a.meanAbsolute.upper)
  }

  /// The pooled rows are the union of the cutoffs' rows, and the sample's model beats the
  /// naive baseline on PD at every cutoff pooled.
  @Test func poolsBacktestsOnTheSample() throws {
    let rolling = RollingBacktest(
      cutoffs: RollingBacktest.monthEnds(from: day("2025-07-01"), through: day("2025-09-01")),
      replicates: 20, backtest: Backtest(cutoff: day("2025-07-31")))
    let r = try rolling.run(SampleData.portfolio)
    #expect(r.cutoffs.map(\.cutoff.isoString) == ["2025-07-31", "2025-08-31", "2025-09-30"])
    #expect(r.cutoffs.allSatisfy { $0.weeks.count == 13 })
    let paid = r.cutoffs.reduce(0) { $0 + $1.invoices.filter { $0.paidDate != nil }.count }
    #expect(try #require(r.dateErrors.first { $0.bucket == "all" }).count == paid)
    let pd = try #require(r.pd)
    #expect(pd.auc.estimate > pd.baselineAUC)
    #expect(!r.hasCeiling)
    // By age, the invoices' weekly expectations add up to the forecast and their payments to
    // the collections, over every compared week.
    let ages = r.cashByAge
    #expect(!ages.isEmpty)
    let forecast = r.cutoffs.reduce(0) { $0 + $1.expected }
    let collected = r.cutoffs.reduce(0) { $0 + $1.actual }
    #expect(isClose(ages.reduce(0) { $0 + $1.expected.reduce(0, +) }, forecast, rtol: 1e-9))
    #expect(isClose(ages.reduce(0) { $0 + $1.actual.reduce(0, +) }, collected, rtol: 1e-12))
    #expect(ages.reduce(0) { $0 + $1.invoices } == r.cutoffs.reduce(0) { $0 + $1.invoices.count })
  }
}
