import CreditData

/// The naive predictions a collector makes without a model.
///
/// From what was known at the as-of date of a portfolio:
///
/// - payment date = due date + the customer's average delay (days from due to payment, over
///   the customer's invoices paid by the as-of date; the population's average for customers
///   with none), or the day after the as-of date if that date has already passed;
/// - PD = the customer's past late rate (share of the customer's invoices with a known outcome
///   that went late by the `DelinquencyRule`; the population's rate for customers with none).
public struct NaiveBaseline: Sendable {
  /// Average days from due date to payment per customer (nil: no paid invoice by the as-of).
  public var averageDelay: [Double?]
  /// Past late rate per customer (nil: no known outcome by the as-of).
  public var lateRate: [Double?]
  public var populationDelay: Double
  public var populationLateRate: Double
  public var asOf: Day

  /// Learns the averages from the invoices of `portfolio` issued by its as-of date with a
  /// positive amount.
  /// - Complexity: O(n).
  public init(_ portfolio: Portfolio, rule: DelinquencyRule) {
    let h = portfolio.history
    let asOf = portfolio.asOf
    let n = h.customerIDs.count
    var delaySum = [Double](repeating: 0, count: n)
    var paidCount = [Int](repeating: 0, count: n)
    var lateSum = [Double](repeating: 0, count: n)
    var knownCount = [Int](repeating: 0, count: n)
    for k in 0..<h.count where portfolio.isIssued(k) && h.amount[k] > 0 {
      let c = Int(h.customerIndex[k])
      let due = h.dueDate[k]
      let paid = portfolio.paidByAsOf(k)
      if let paid {
        delaySum[c] += Double(paid.days(since: due))
        paidCount[c] += 1
      }
      if let late = rule.outcome(due: due, paid: paid, at: asOf) {
        lateSum[c] += late ? 1 : 0
        knownCount[c] += 1
      }
    }
    let totalPaid = paidCount.reduce(0, +)
    let totalKnown = knownCount.reduce(0, +)
    self.asOf = asOf
    self.populationDelay = totalPaid > 0 ? delaySum.reduce(0, +) / Double(totalPaid) : 0
    self.populationLateRate = totalKnown > 0 ? lateSum.reduce(0, +) / Double(totalKnown) : 0
    self.averageDelay = (0..<n).map {
      paidCount[$0] > 0 ? delaySum[$0] / Double(paidCount[$0]) : nil
    }
    self.lateRate = (0..<n).map { knownCount[$0] > 0 ? lateSum[$0] / Double(knownCount[$0]) : nil }
  }

  /// The naive expected payment date of an open invoice of `customer` due on `dueDate`.
  public func paymentDate(customer: Int, dueDate: Day) -> Day {
    let delay = averageDelay[customer] ?? populationDelay
    return max(dueDate.adding(days: Int(delay.rounded())), asOf.adding(days: 1))
  }

  /// The naive PD of an invoice of `customer`.
  public func pd(customer: Int) -> Double { lateRate[customer] ?? populationLateRate }
}
