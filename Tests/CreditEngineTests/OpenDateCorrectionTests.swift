import CreditData
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

// Golden values: Tests/Fixtures/golden/date_correction_lifelines.json, written by
// scripts/golden/date_correction.py (lifelines' weighted Kaplan-Meier medians per cell).

@Suite struct OpenDateCorrectionTests {
  @Test func factorsAreLifelinesWeightedMediansWithTheirFallbacks() throws {
    let url = URL(fileURLWithPath: "\(fixturesDirectory())/golden/date_correction_lifelines.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let expected = try #require(json["factors"] as? [Double])
    let correction = OpenDateCorrection(
      cells: try #require(json["cells"] as? [Int]),
      ratios: try #require(json["ratios"] as? [Double]),
      paid: try #require(json["paid"] as? [Bool]),
      weights: try #require(json["weights"] as? [Double]))
    #expect(expected.count == OpenDateCorrection.cells)
    // The fixture has cells of their own, cells that take their band's and a band at 1.
    #expect(Set(expected).count > 15 && expected[4...7].allSatisfy { $0 == 1 })
    for (g, e) in zip(correction.factors, expected) { #expect(abs(g - e) <= 1e-12 * e) }
  }

  @Test func cellsFollowTheBandsAndFlags() {
    func cell(_ dpd: Int, _ other: Bool, _ paid: Bool) -> Int {
      OpenDateCorrection.cell(
        PointInTimeFacts(daysPastDue: dpd, otherOverdue: other, paidSinceIssue: paid))
    }
    #expect(cell(-20, false, false) == 0 && cell(0, false, true) == 1)
    #expect(cell(1, true, false) == 6 && cell(15, true, true) == 7)
    #expect(cell(16, false, false) == 8 && cell(60, false, false) == 12)
    #expect(cell(61, false, false) == 16 && cell(120, false, false) == 16)
    #expect(cell(121, true, true) == 23 && cell(4000, false, false) == 20)
  }

  /// Hand-checked facts of a customer's invoices on two dates.
  @Test func factsOnADateAreWhatWasKnownThen() throws {
    let csv = """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date
      A,C1,2024-01-01,2024-01-31,100,2024-03-15
      B,C1,2024-02-10,2024-03-11,50,
      C,C1,2024-03-20,2024-04-19,80,2024-04-25
      D,C2,2024-01-05,2024-02-04,70,2024-05-10
      """
    let h = try HistoryLoader.parse(bytes: Array(csv.utf8), fileName: "t.csv")
    let p = Portfolio(history: h, asOf: Day(iso: "2024-04-30"))
    let state = PointInTimeState(p, dates: [Day(iso: "2024-03-12")!, Day(iso: "2024-04-30")!])
    // 2024-03-12: A (due Jan 31, paid Mar 15) and B (due Mar 11) past due; nothing paid yet.
    #expect(
      state.facts(p, row: 1, date: 0)
        == PointInTimeFacts(daysPastDue: 1, otherOverdue: true, paidSinceIssue: false))
    #expect(
      state.facts(p, row: 0, date: 0)
        == PointInTimeFacts(daysPastDue: 41, otherOverdue: true, paidSinceIssue: false))
    // 2024-04-30: A paid Mar 15 and C Apr 25, B alone past due; D's payment (May 10) is after
    // the as-of date and unknown.
    #expect(
      state.facts(p, row: 1, date: 1)
        == PointInTimeFacts(daysPastDue: 50, otherOverdue: false, paidSinceIssue: true))
    #expect(
      state.facts(p, row: 3, date: 1)
        == PointInTimeFacts(daysPastDue: 86, otherOverdue: false, paidSinceIssue: false))
  }

  /// The corrections change the dates of the IBM book at 2013-04-30 and only as they say: each
  /// P10 and P90 is the model's times the invoice's cell factor, and each median is the model's
  /// times that factor moved toward the customer's typical days by its band's weight, within
  /// them (the remaining times counted from the end of the as-of day, `a + ½`; at 2013-06-30,
  /// with the customers' pace among the features, the first band's weight is below 0.1).
  @Test func scoredDatesCarryTheFactors() throws {
    let history = try EngineFixtures.ibm()
    let portfolio = Backtest(cutoff: Day(iso: "2013-04-30")!).pointInTime(
      Portfolio(history: history))
    let model = try Trainer().train(portfolio)
    let scorer = Scorer(model: model)
    let book = OpenBook(portfolio, policy: scorer.policy, rule: model.rule)
    let (predictions, _) = scorer.predict(book)
    let corrected = try #require(predictions.timing)
    let cure = try #require(model.timeToPaymentCure)
    let builder = FeatureBuilder(rule: model.rule, shrinkage: model.shrinkage)
    let raw = builder.features(
      portfolio, queries: builder.invoiceQueries(portfolio, rows: book.openRows))
    let (x, _) = model.features.design(
      raw: raw, regions: portfolio.regions(rows: book.openRows),
      industries: portfolio.industries(rows: book.openRows), intercept: true)
    let h = portfolio.history
    let ages = book.openRows.map { Double(portfolio.asOf.days(since: h.issueDate[$0])) }
    let plain = PaymentTiming(cure, x: x, ages: ages)
    let rows = CustomerCashCorrelation.openRows(portfolio)
    let lraw = builder.features(
      portfolio, queries: builder.invoiceQueries(portfolio, rows: rows.map(\.row)))
    let marks = CustomerCashCorrelation.landmarks(asOf: portfolio.asOf)
    let state = PointInTimeState(portfolio, dates: marks + [portfolio.asOf])
    let payments = CustomerPaymentDays(portfolio)
    let landmarks = try #require(scorer.landmarkDesign(portfolio, rows, lraw))
    let (correction, blend) = scorer.dateCorrection(cure, portfolio, state, payments, landmarks)
    #expect(blend.weights[0] > 0.1 && blend.weights[0] < 0.9)
    #expect(correction.factors.filter { $0 != 1 }.count >= 6)
    var changed = 0
    for (i, k) in book.openRows.enumerated() {
      let g = correction.factor(state.facts(portfolio, row: k, date: marks.count))
      let facts = state.facts(portfolio, row: k, date: marks.count)
      var median = g * plain.median[i]
      if let typical = payments.typicalDays(
        customer: Int(h.customerIndex[k]), on: portfolio.asOf, longerThan: ages[i])
      {
        let w = blend.weights[OpenDateCorrection.cell(facts) / 4]
        median += w * (typical - (ages[i] + 0.5) - median)
      }
      median = min(max(median, g * plain.p10[i]), g * plain.p90[i])
      #expect(abs(corrected.median[i] - median) <= 1e-9 * max(1, median))
      #expect(abs(corrected.p10[i] - g * plain.p10[i]) <= 1e-12 * max(1, plain.p10[i]))
      #expect(abs(corrected.p90[i] - g * plain.p90[i]) <= 1e-12 * max(1, plain.p90[i]))
      if g != 1 { changed += 1 }
    }
    #expect(changed > book.openRows.count / 2)
    // The weeks and the chance within 30 days follow the corrected dates: each payer's
    // remaining time scaled by the square root of its median's ratio, P(ever paid) kept.
    var moved = 0
    for i in stride(from: 0, to: book.openRows.count, by: 5) {
      let r = (corrected.median[i] / plain.median[i]).squareRoot()
      if abs(r - 1) > 0.01 { moved += 1 }
      let open = cure.predictOpen(
        x.selecting(rows: [i]), age: [ages[i] + PaymentTiming.dayMidpoint], quantiles: [],
        days: (1...CashForecast.weeks).map { Double(7 * $0) / r } + [30 / r])
      for k in 1...CashForecast.weeks {
        #expect(abs(corrected.withinWeeks[k][i] - open.paidWithin[k - 1][0]) <= 1e-12)
      }
      #expect(abs(corrected.paid30[i] - open.paidWithin[CashForecast.weeks][0]) <= 1e-12)
    }
    #expect(moved > book.openRows.count / 20)
  }

  @Test func blendWeightsAreScipyLeastAbsoluteDeviations() throws {
    let url = URL(fileURLWithPath: "\(fixturesDirectory())/golden/customer_days_blend_scipy.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let expected = try #require(json["weights"] as? [Double])
    let bands = try #require(json["bands"] as? [Int])
    let elapsed = try #require(json["elapsed"] as? [Double])
    let censoring = try #require(json["follow_ups"] as? [[Double]]).map {
      FollowUpCensoring(followUps: $0)
    }
    let caseWeights = zip(bands, elapsed).map { censoring[$0].weight(paidAfter: $1) }
    let expectedCaseWeights = try #require(json["case_weights"] as? [Double])
    #expect(caseWeights.count == expectedCaseWeights.count)
    for (v, e) in zip(caseWeights, expectedCaseWeights) { #expect(abs(v - e) <= 1e-12 * e) }
    // Payments seen more than 91 days after their landmark stand for more than themselves.
    #expect(caseWeights.contains { $0 > 1.5 })
    func blend(_ v: [Double]) throws -> CustomerDaysBlend {
      CustomerDaysBlend(
        bands: bands, model: try #require(json["model"] as? [Double]),
        customer: try #require(json["customer"] as? [Double]),
        actual: try #require(json["actual"] as? [Double]), caseWeights: v,
        bandCount: expected.count)
    }
    // Weights inside (0, 1) and a band with too few rows at 0.
    #expect(expected.filter { $0 > 0.05 && $0 < 1 }.count == 5 && expected[3] == 0)
    for (w, e) in zip(try blend(caseWeights).weights, expected) { #expect(abs(w - e) <= 1e-9) }
    // Without the case weights some band's fit is another.
    let unweighted = try blend([Double](repeating: 1, count: bands.count))
    #expect(zip(unweighted.weights, expected).contains { abs($0 - $1) > 1e-3 })
  }

  /// The share followed at least t days, counted by hand.
  @Test func followUpCensoringIsTheShareFollowedLongEnough() {
    let censoring = FollowUpCensoring(followUps: [119, 91, 231, 91, 175])
    #expect(censoring.seen(after: 0) == 1)
    #expect(censoring.seen(after: 91) == 1)
    #expect(censoring.seen(after: 92) == 0.6)
    #expect(censoring.seen(after: 119) == 0.6)
    #expect(censoring.weight(paidAfter: 150) == 2.5)
    #expect(censoring.weight(paidAfter: 231) == 5)
    #expect(censoring.weight(paidAfter: 232) == 1)
    #expect(FollowUpCensoring(followUps: []).weight(paidAfter: 10) == 1)
  }

  /// Hand-checked typical days: the median of the last ten payments made by each date.
  @Test func typicalDaysAreTheMedianOfTheLatestPayments() throws {
    var lines = ["invoice_id,customer_id,issue_date,due_date,amount,paid_date"]
    // C1: twelve invoices issued on the 1st of months 2024-01..12, paid after 10, 11, ... 21 days.
    for m in 1...12 {
      let month = m < 10 ? "0\(m)" : "\(m)"
      lines.append("A\(m),C1,2024-\(month)-01,2024-\(month)-28,100,2024-\(month)-\(10 + m)")
    }
    lines.append("B1,C2,2024-03-01,2024-03-31,50,")
    let h = try HistoryLoader.parse(
      bytes: Array(lines.joined(separator: "\n").utf8), fileName: "t.csv")
    let p = Portfolio(history: h, asOf: Day(iso: "2024-12-31"))
    let days = CustomerPaymentDays(p)
    let c1 = Int(h.customerIndex[0])
    let c2 = Int(h.customerIndex[12])
    // By 2024-03-12: payments of 10 and 11 days (the third, 12 days, is on 2024-03-13).
    #expect(days.typicalDays(customer: c1, on: Day(iso: "2024-03-12")!) == 10.5)
    #expect(days.typicalDays(customer: c1, on: Day(iso: "2024-03-13")!) == 11)
    // By the end of the year the last ten: 12 ... 21 days, median 16.5.
    #expect(days.typicalDays(customer: c1, on: Day(iso: "2024-12-31")!) == 16.5)
    #expect(days.typicalDays(customer: c1, on: Day(iso: "2024-01-10")!) == nil)
    #expect(days.typicalDays(customer: c2, on: Day(iso: "2024-12-31")!) == nil)
    // Given still open at an age: the median of those that took longer, else the day after.
    let end = Day(iso: "2024-12-31")!
    #expect(days.typicalDays(customer: c1, on: end, longerThan: 11) == 16.5)
    #expect(days.typicalDays(customer: c1, on: end, longerThan: 15) == 18.5)
    #expect(days.typicalDays(customer: c1, on: end, longerThan: 20) == 21)
    #expect(days.typicalDays(customer: c1, on: end, longerThan: 21) == 22)
    #expect(days.typicalDays(customer: c1, on: end, longerThan: 40) == 41)
    #expect(days.typicalDays(customer: c1, on: Day(iso: "2024-03-12")!, longerThan: 10) == 11)
    #expect(days.typicalDays(customer: c2, on: end, longerThan: 5) == nil)
  }
}
