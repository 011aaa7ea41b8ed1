import CreditData
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

// Golden values: Tests/Fixtures/golden/customer_correlations_numpy.json, written by
// scripts/golden/customer_correlations.py (each customer's sums by explicit loops over its
// pairs of invoices open at the same landmark, then the shrinkage).

@Suite struct CustomerCorrelationsTests {
  private typealias Rows = (
    customers: [Int], landmarks: [Int], amounts: [Double], within: [[Double]], paid: [Int?]
  )

  /// `size` invoices per customer at each of 6 landmarks, paying in week 0...12 with
  /// probability 1/13 each: all of a customer's invoices at a landmark in one shared week
  /// when the customer is in `together`, else each in its own.
  private func rows(customers: Int, size: Int, together: Set<Int>, seed: UInt64) -> Rows {
    var g = SeededGenerator(seed: seed)
    var rows: Rows = ([], [], [], [], [])
    for landmark in 0..<6 {
      for c in 0..<customers {
        let week = Int.random(in: 0..<CashForecast.weeks, using: &g)
        for _ in 0..<size {
          rows.customers.append(c)
          rows.landmarks.append(landmark)
          rows.amounts.append(Double.random(in: 100...10_000, using: &g))
          let own = Int.random(in: 0..<CashForecast.weeks, using: &g)
          rows.paid.append(together.contains(c) ? week : own)
        }
      }
    }
    rows.within = (0...CashForecast.weeks).map { k in
      [Double](
        repeating: Double(k) / Double(CashForecast.weeks), count: rows.customers.count)
    }
    return rows
  }

  private func estimate(_ r: Rows, customers: Int) -> CustomerCorrelations? {
    CustomerCorrelations(
      CustomerCorrelations.sums(
        customers: r.customers, customerCount: customers, landmarks: r.landmarks,
        landmarkCount: 6, amounts: r.amounts, withinWeeks: r.within, paidWeek: r.paid))
  }

  @Test func matchesTheExplicitPairsOfNumpy() throws {
    let url = URL(
      fileURLWithPath: "\(fixturesDirectory())/golden/customer_correlations_numpy.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let customers = try #require(json["customers"] as? [Int])
    let count = try #require(json["customer_count"] as? Int)
    let sums = CustomerCorrelations.sums(
      customers: customers, customerCount: count,
      landmarks: try #require(json["landmarks"] as? [Int]),
      landmarkCount: try #require(json["landmark_count"] as? Int),
      amounts: try #require(json["amounts"] as? [Double]),
      withinWeeks: try #require(json["within_weeks"] as? [[Double]]),
      paidWeek: try #require(json["paid_week"] as? [Int]).map { $0 < 0 ? nil : $0 })
    let close = { (a: Double, b: Double) in abs(a - b) <= 1e-9 * max(abs(b), 1) }
    let scale = try #require(json["spread"] as? [Double]).max() ?? 1
    for (name, got) in [
      ("cross", sums.map(\.cross)), ("spread", sums.map(\.spread)), ("noise", sums.map(\.noise)),
    ] {
      let want = try #require(json[name] as? [Double])
      // Sums of products of amounts near e^7: compared relative to the largest spread.
      let tolerance = name == "noise" ? 1e-12 * (want.max() ?? 1) : 1e-12 * scale
      #expect(zip(got, want).allSatisfy { abs($0 - $1) <= tolerance }, "\(name)")
    }
    let r = try #require(CustomerCorrelations(sums))
    let between = try #require(json["between"] as? Double)
    #expect(close(r.pooled, try #require(json["pooled"] as? Double)))
    #expect(between > 0.01 && close(r.between, between))
    let shrunk = try #require(json["by_customer"] as? [Double])
    #expect(shrunk.contains { $0 > 0.05 && $0 < 0.95 })
    #expect(zip(r.byCustomer, shrunk).allSatisfy { close($0, $1) })
  }

  /// A customer whose invoices move together widens the band; independent ones do not.
  ///
  /// A customer whose invoices pay in one shared week gets a correlation near 1 and a band
  /// several times the independent one; customers whose invoices pay each in its own week
  /// get near 0 and keep nearly the independent band. The pooled correlation, one for all,
  /// would have given the first too narrow a band and the others too wide a one.
  @Test func aCustomerWhoseInvoicesMoveTogetherWidensTheBandOthersDoNot() throws {
    let r = try #require(
      estimate(rows(customers: 21, size: 40, together: [0], seed: 7), customers: 21))
    #expect(r.between > 0)
    #expect(r[0] > 0.8)
    #expect((1..<21).allSatisfy { r[$0] < 0.02 })
    #expect(r.pooled > 0.02 && r.pooled < 0.2)
    // An open book of 30 invoices of customer 0 and 30 of customer 1.
    let amounts = (0..<60).map { 1_000 + Double($0) * 10 }
    let customers = (0..<60).map { $0 < 30 ? 0 : 1 }
    // Every invoice pays in the fourth week with probability 1/2: the week's sum is symmetric
    // (no third cumulant), so its band is mean ∓ z90 sd.
    let within = (0...CashForecast.weeks).map { k in
      [Double](repeating: k > 3 ? 0.5 : 0, count: 60)
    }
    let asOf = Day(iso: "2025-06-30")!
    // The half-width above the mean, z90 sd.
    let width = { (rows: Range<Int>, r: CustomerCorrelations) in
      let week = CashForecast.weekly(
        asOf: asOf, amounts: Array(amounts[rows]), customers: Array(customers[rows]),
        withinWeeks: within.map { Array($0[rows]) }, correlations: r)[3]
      return week.p90 - week.expected
    }
    let independent = CustomerCorrelations(pooled: 0, customers: 2)
    let pooled = CustomerCorrelations(pooled: r.pooled, customers: 2)
    #expect(width(0..<30, r) > 4 * width(0..<30, independent))
    #expect(width(0..<30, r) > 2 * width(0..<30, pooled))
    #expect(width(30..<60, r) < 1.2 * width(30..<60, independent))
    #expect(width(30..<60, r) < width(30..<60, pooled))
    // The whole book's variance is the sum of the two customers'.
    let all = width(0..<60, r)
    let parts = (width(0..<30, r), width(30..<60, r))
    #expect(abs(all * all - parts.0 * parts.0 - parts.1 * parts.1) <= 1e-9 * all * all)
  }

  /// When every customer's invoices are independent the customers' estimates differ only by
  /// sampling noise: τ² = 0 and every customer has the pooled value.
  @Test func independentCustomersShareThePooledValue() throws {
    let r = try #require(
      estimate(rows(customers: 40, size: 8, together: [], seed: 11), customers: 40))
    #expect(r.pooled < 0.02)
    #expect(r.between < 1e-3)
    #expect(r.byCustomer.allSatisfy { abs($0 - r.pooled) < 0.01 })
  }

  /// Nothing after the as-of date reaches the estimate: payments after it moved or removed,
  /// later invoices' amounts changed, the same model gives the same correlations, customer by
  /// customer, and the same band.
  @Test func nothingAfterTheAsOfDateReachesTheEstimate() throws {
    let history = try EngineFixtures.ibm()
    let cutoff = Day(iso: "2013-06-30")!
    var altered = history
    var changed = 0
    for k in 0..<history.count where history.paidDate[k].map({ $0 > cutoff }) ?? true {
      altered.paidDate[k] = k % 2 == 0 ? nil : cutoff.adding(days: 1 + k % 20)
      if history.issueDate[k] > cutoff { altered.amount[k] *= 3 }
      changed += 1
    }
    #expect(changed > 500)
    let backtest = Backtest(cutoff: cutoff)
    let (a, b) = (
      backtest.pointInTime(Portfolio(history: history)),
      backtest.pointInTime(Portfolio(history: altered))
    )
    let scorer = Scorer(model: try Trainer().train(a))
    let estimates = [a, b].map { p in
      scorer.predict(OpenBook(p, policy: scorer.policy, rule: scorer.model.rule)).invoices
        .timing?.customerCorrelation
    }
    let r = try #require(estimates[0])
    #expect(r.between > 0 && r.byCustomer.contains { $0 != r.pooled })
    #expect(estimates[0] == estimates[1])
    #expect(scorer.score(a).cashForecast.map(\.p90) == scorer.score(b).cashForecast.map(\.p90))
  }
}
