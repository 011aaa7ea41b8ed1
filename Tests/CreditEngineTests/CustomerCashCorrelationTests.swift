import CreditData
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

// Golden value: Tests/Fixtures/golden/cash_correlation_numpy.json, written by
// scripts/golden/cash_correlation.py (the estimate by explicit loops over each group's pairs).
// The pooled estimate is `CustomerCorrelations.pooled`, from each group's sums.

@Suite struct CustomerCashCorrelationTests {
  /// Rows of `groups` groups of `size` invoices paying in week 0...12 with probability 1/13
  /// each: all of a group's invoices in one shared week (`shared`) or each in its own.
  private func rows(groups: Int, size: Int, shared: Bool, seed: UInt64) -> (
    groups: [Int], amounts: [Double], within: [[Double]], paid: [Int?]
  ) {
    var g = SeededGenerator(seed: seed)
    var (group, amounts, paid) = ([Int](), [Double](), [Int?]())
    for c in 0..<groups {
      let week = Int.random(in: 0..<CashForecast.weeks, using: &g)
      for _ in 0..<size {
        group.append(c)
        amounts.append(Double.random(in: 100...10_000, using: &g))
        paid.append(shared ? week : Int.random(in: 0..<CashForecast.weeks, using: &g))
      }
    }
    let within = (0...CashForecast.weeks).map { k in
      [Double](repeating: Double(k) / Double(CashForecast.weeks), count: group.count)
    }
    return (group, amounts, within, paid)
  }

  /// The pooled `r̄` of rows whose groups are customers at one landmark.
  private func pooled(
    groups: [Int], groupCount: Int, amounts: [Double], withinWeeks: [[Double]], paidWeek: [Int?]
  ) -> Double? {
    CustomerCorrelations(
      CustomerCorrelations.sums(
        customers: groups, customerCount: groupCount,
        landmarks: [Int](repeating: 0, count: groups.count), landmarkCount: 1, amounts: amounts,
        withinWeeks: withinWeeks, paidWeek: paidWeek))?.pooled
  }

  @Test func matchesTheExplicitPairsOfNumpy() throws {
    let url = URL(fileURLWithPath: "\(fixturesDirectory())/golden/cash_correlation_numpy.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let groups = try #require(json["groups"] as? [Int])
    let paid = try #require(json["paid_week"] as? [Int]).map { $0 < 0 ? nil : $0 }
    let amounts = try #require(json["amounts"] as? [Double])
    let within = try #require(json["within_weeks"] as? [[Double]])
    let r = try #require(
      pooled(
        groups: groups, groupCount: (groups.max() ?? 0) + 1, amounts: amounts,
        withinWeeks: within, paidWeek: paid))
    let expected = try #require(json["estimate"] as? Double)
    #expect(expected > 0.1 && expected < 0.9)
    #expect(abs(r - expected) <= 1e-12 * expected)
  }

  @Test func invoicesPayingTogetherGiveOneAndIndependentOnesNearZero() throws {
    let together = rows(groups: 200, size: 5, shared: true, seed: 3)
    let apart = rows(groups: 200, size: 5, shared: false, seed: 3)
    let one = try #require(
      pooled(
        groups: together.groups, groupCount: 200, amounts: together.amounts,
        withinWeeks: together.within, paidWeek: together.paid))
    let none = try #require(
      pooled(
        groups: apart.groups, groupCount: 200, amounts: apart.amounts,
        withinWeeks: apart.within, paidWeek: apart.paid))
    #expect(one > 0.95)
    #expect(none < 0.05)
  }

  @Test func noPairsNoEstimate() {
    let single = rows(groups: 50, size: 1, shared: false, seed: 5)
    #expect(
      pooled(
        groups: single.groups, groupCount: 50, amounts: single.amounts,
        withinWeeks: single.within, paidWeek: single.paid) == nil)
  }

  /// Scored on IBM, the estimate is small and positive, and the forecast's band uses it:
  /// each week's variance at least that with the customers' invoices independent, the same
  /// expected amounts.
  @Test func theForecastBandUsesTheEstimate() throws {
    let portfolio = Backtest(cutoff: Day(iso: "2013-06-30")!).pointInTime(
      Portfolio(history: try EngineFixtures.ibm()))
    let scorer = Scorer(model: try Trainer().train(portfolio))
    let book = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    let timing = try #require(scorer.predict(book).invoices.timing)
    let r = try #require(timing.customerCorrelation)
    #expect(r.pooled > 0 && r.pooled < 0.5)
    let band = { (r: CustomerCorrelations) in
      CashForecast.weekly(
        asOf: book.asOf, amounts: book.openRows.map { portfolio.owed($0) },
        customers: book.openRows.map { Int(portfolio.history.customerIndex[$0]) },
        withinWeeks: timing.withinWeeks, correlations: r)
    }
    let scored = scorer.score(portfolio).cashForecast
    let (correlated, independent) = (
      band(r), band(CustomerCorrelations(pooled: 0, customers: r.byCustomer.count))
    )
    #expect(scored.map(\.p90) == correlated.map(\.p90))
    #expect(scored.map(\.expected) == independent.map(\.expected))
    let variances = { (r: CustomerCorrelations) in
      (0..<CashForecast.weeks).map { k in
        CashForecast.band(
          week: k, amounts: book.openRows.map { portfolio.owed($0) },
          customers: book.openRows.map { Int(portfolio.history.customerIndex[$0]) },
          withinWeeks: timing.withinWeeks, correlations: r
        ).variance
      }
    }
    let independentVariance = variances(
      CustomerCorrelations(pooled: 0, customers: r.byCustomer.count))
    #expect(zip(variances(r), independentVariance).allSatisfy { $0 >= $1 })
    #expect(zip(variances(r), independentVariance).contains { $0 > $1 })
    #expect(correlated.map(\.expected) == independent.map(\.expected))
  }

  /// The landmark rows are open at their landmark, each landmark's 13 weeks end by the
  /// as-of date, and a large history is subsampled to at most `maximumRows`.
  @Test func landmarkRowsWereOpenThen() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm())
    let rows = CustomerCashCorrelation.openRows(portfolio)
    let marks = CustomerCashCorrelation.landmarks(asOf: portfolio.asOf)
    let h = portfolio.history
    #expect(rows.count > 100 && rows.count <= CustomerCashCorrelation.maximumRows)
    #expect(marks.allSatisfy { portfolio.asOf.days(since: $0) >= 7 * CashForecast.weeks })
    for r in rows {
      let mark = marks[r.landmark]
      #expect(h.issueDate[r.row] <= mark)
      #expect(h.paidDate[r.row].map { $0 > mark } ?? true)
    }
    // Every invoice open at a landmark, landmark by landmark in history order.
    var expected: [(Int, Int)] = []
    for (j, mark) in marks.enumerated() {
      for k in 0..<h.count where h.issueDate[k] <= mark && h.amount[k] > 0 && !h.writtenOff[k] {
        if let paid = portfolio.paidByAsOf(k), paid <= mark { continue }
        expected.append((j, k))
      }
    }
    #expect(rows.map(\.landmark) == expected.map(\.0))
    #expect(rows.map(\.row) == expected.map(\.1))
    // Subsampled: every k-th of them, counted across the landmarks.
    for most in [1, 7, 37, expected.count / 3] {
      let step = (expected.count + most - 1) / most
      let kept = expected.indices.filter { $0 % step == 0 }.map { expected[$0] }
      let sub = CustomerCashCorrelation.openRows(portfolio, maximumRows: most)
      #expect(sub.count <= most)
      #expect(sub.map(\.landmark) == kept.map(\.0), "at most \(most)")
      #expect(sub.map(\.row) == kept.map(\.1), "at most \(most)")
    }
  }
}
