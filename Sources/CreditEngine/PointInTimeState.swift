import CreditData
import Parallelism

/// What was known of each customer on given dates, from the history as it stood then: how many
/// of its invoices were past due and unpaid, and the last day it paid an invoice.
///
/// On date `t` an invoice counts as past due when it was issued by `t`, its due date is before
/// `t`, it has a positive amount, is not written off and was not paid by `t` (paid later, or
/// not by the portfolio's as-of date). A payment counts on `t` when it was made by `t` (and so
/// by the as-of date). Nothing after `t` enters the state on `t`; the dates are at most the
/// portfolio's as-of date.
struct PointInTimeState: Sendable {
  /// The dates, in the order given.
  let dates: [Day]
  /// Customers in the history.
  let customers: Int
  /// `overdue[d * customers + c]`: customer c's invoices past due and unpaid on `dates[d]`.
  let overdue: [Int32]
  /// `lastPaid[d * customers + c]`: the last payment day of customer c by `dates[d]`
  /// (`Int32.min`: none).
  let lastPaid: [Int32]

  /// The state of every customer of `portfolio` on each of `dates` (each ≤ its as-of date).
  /// - Complexity: O(n d) for n invoices and d dates, on both cores.
  init(_ portfolio: Portfolio, dates: [Day]) {
    precondition(dates.allSatisfy { $0 <= portfolio.asOf }, "a state date after the as-of date")
    let h = portfolio.history
    let customers = h.customerIDs.count
    let width = dates.count * customers
    let raw = dates.map(\.rawValue)
    let parts = Parallel.map(h.count) { rows in
      var overdue = [Int32](repeating: 0, count: width)
      var lastPaid = [Int32](repeating: .min, count: width)
      for k in rows where h.amount[k] > 0 && !h.writtenOff[k] {
        let c = Int(h.customerIndex[k])
        let paid = portfolio.paidByAsOf(k)?.rawValue
        let (issue, due) = (h.issueDate[k].rawValue, h.dueDate[k].rawValue)
        for d in raw.indices where issue <= raw[d] {
          let slot = d * customers + c
          if let paid, paid <= raw[d] {
            lastPaid[slot] = max(lastPaid[slot], paid)
          } else if due < raw[d] {
            overdue[slot] += 1
          }
        }
      }
      return (overdue, lastPaid)
    }
    var overdue = [Int32](repeating: 0, count: width)
    var lastPaid = [Int32](repeating: .min, count: width)
    for part in parts {
      for s in 0..<width {
        overdue[s] += part.0[s]
        lastPaid[s] = max(lastPaid[s], part.1[s])
      }
    }
    self.dates = dates
    self.customers = customers
    self.overdue = overdue
    self.lastPaid = lastPaid
  }

  /// What was known on `dates[d]` of invoice `k` (open then) and its customer.
  func facts(_ portfolio: Portfolio, row k: Int, date d: Int) -> PointInTimeFacts {
    let h = portfolio.history
    let t = dates[d]
    let slot = d * customers + Int(h.customerIndex[k])
    let daysPastDue = t.days(since: h.dueDate[k])
    // The invoice itself is among its customer's past-due ones when it is past due.
    let own: Int32 = daysPastDue > 0 && h.amount[k] > 0 && !h.writtenOff[k] ? 1 : 0
    return PointInTimeFacts(
      daysPastDue: daysPastDue, otherOverdue: overdue[slot] - own > 0,
      paidSinceIssue: lastPaid[slot] > h.issueDate[k].rawValue)
  }
}

/// An open invoice's situation on a date: its days past due, whether its customer had other
/// invoices past due, and whether its customer paid any invoice after this one was issued.
struct PointInTimeFacts: Sendable, Equatable {
  var daysPastDue: Int
  var otherOverdue: Bool
  var paidSinceIssue: Bool
}
