import CreditData
import Testing

@testable import CreditEngine

@Suite("Population counts")
struct PopulationCountsTests {
  /// The counts per day that the features shrink toward, against their definition counted
  /// invoice by invoice.
  ///
  /// An outcome is known on the day the invoice becomes late (unpaid, or
  /// paid that late) or on its payment day when paid before; a payment counts with its days
  /// after due (capped at a year). The first day is the earliest event's (an issue date).
  @Test func countsFollowTheirDefinition() throws {
    let h = SampleData.portfolio.history
    let rule = DelinquencyRule()
    for portfolio in SampleData.atTwoDates {
      let asOf = portfolio.asOf
      let counts = FeatureBuilder(rule: rule).populationCounts(portfolio)
      let issued = (0..<h.count).filter { portfolio.isIssued($0) }
      let first = try #require(issued.map { h.issueDate[$0].rawValue }.min())
      #expect(counts.firstDay == first)
      let days = Int(asOf.rawValue - first) + 3
      var known = [Double](repeating: 0, count: days)
      var late = known
      var paid = known
      var daysLate = known
      func entry(_ day: Day) -> Int { Int(day.rawValue - first) + 1 }
      for k in issued where h.amount[k] > 0 {
        let firstLate = rule.firstLateDay(due: h.dueDate[k])
        let payment = portfolio.paidByAsOf(k)
        if firstLate <= asOf, payment.map({ $0 >= firstLate }) ?? true {
          known[entry(firstLate)] += 1
          late[entry(firstLate)] += 1
        } else if let payment {
          known[entry(payment)] += 1
        }
        if let payment {
          paid[entry(payment)] += 1
          daysLate[entry(payment)] += Double(min(max(0, payment.days(since: h.dueDate[k])), 365))
        }
      }
      #expect(counts.known == known, "as of \(asOf)")
      #expect(counts.late == late, "as of \(asOf)")
      #expect(counts.paid == paid, "as of \(asOf)")
      #expect(counts.daysLate == daysLate, "as of \(asOf)")
      #expect(late.reduce(0, +) > 0 && paid.reduce(0, +) > 0)
    }
  }
}
