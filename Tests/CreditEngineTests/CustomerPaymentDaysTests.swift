import CreditData
import Testing

@testable import CreditEngine

@Suite struct CustomerPaymentDaysTests {
  /// Payments out of issue order, many on one day (every fifth day only), credit notes, open
  /// invoices and payments after the as-of date, four customers over 2024.
  static func portfolio() throws -> Portfolio {
    var lines = ["invoice_id,customer_id,issue_date,due_date,amount,paid_date"]
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let start = try #require(Day(iso: "2024-01-01"))
    for i in 0..<600 {
      let issue = start.adding(days: next(300))
      let amount = next(10) == 0 ? "-40" : "\(10 + next(500))"
      // Payments fall on every fifth day only, so many share one.
      let paid = next(8) == 0 ? "" : issue.adding(days: 5 * next(20)).isoString
      lines.append(
        "I\(i),C\(next(4)),\(issue.isoString),\(issue.adding(days: 30).isoString),\(amount),\(paid)"
      )
    }
    let h = try HistoryLoader.parse(
      bytes: Array(lines.joined(separator: "\n").utf8), fileName: "t.csv")
    return Portfolio(history: h, asOf: Day(iso: "2024-10-15"))
  }

  /// Kept from a date on (only the last ten payments made by then), a customer's typical days
  /// on that date and after are those of all its payments.
  @Test func keptFromADateTheTypicalDaysFromThenOnAreTheSame() throws {
    let p = try Self.portfolio()
    let start = try #require(Day(iso: "2024-01-01"))
    let all = CustomerPaymentDays(p)
    let from = start.adding(days: 200)
    let kept = CustomerPaymentDays(p, issued: IssuedInvoices(p), from: from)
    #expect(kept.count < all.count / 2)
    var checked = 0
    for c in 0..<p.history.customerIDs.count {
      for offset in 200...330 {
        let t = start.adding(days: offset)
        #expect(kept.typicalDays(customer: c, on: t) == all.typicalDays(customer: c, on: t))
        if all.typicalDays(customer: c, on: t) != nil { checked += 1 }
      }
    }
    #expect(checked > 400)
  }

  /// Payments out of issue order, many on one day, credit notes, open invoices and payments
  /// after the as-of date: every customer's typical days on every third day of the year equal
  /// the median, by `SampleStatistics`, of its last ten payments by then in order of payment
  /// day, payments on one day in history order.
  @Test func typicalDaysEqualTheMedianOfTheLastTenPaymentsInPaymentOrder() throws {
    let p = try Self.portfolio()
    let h = p.history
    let start = try #require(Day(iso: "2024-01-01"))
    let days = CustomerPaymentDays(p)
    var checked = 0
    for c in 0..<h.customerIDs.count {
      let rows = (0..<h.count).filter {
        Int(h.customerIndex[$0]) == c && h.amount[$0] > 0 && p.paidByAsOf($0) != nil
      }
      for offset in stride(from: 0, through: 330, by: 3) {
        let t = start.adding(days: offset)
        let paid = rows.enumerated()
          .filter { p.paidByAsOf($0.element)! <= t }
          .sorted {
            (p.paidByAsOf($0.element)!, $0.offset) < (p.paidByAsOf($1.element)!, $1.offset)
          }
          .map(\.element)
        var recent = paid.suffix(CustomerPaymentDays.recentInvoices).map {
          Double(p.paidByAsOf($0)!.days(since: h.issueDate[$0]))
        }
        let expected = SampleStatistics.median(sorting: &recent)
        #expect(days.typicalDays(customer: c, on: t) == expected, "customer \(c) on \(t)")
        if expected != nil { checked += 1 }
      }
    }
    #expect(checked > 300)
  }
}
