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
  init(_ portfolio: Portfolio, dates: [Day]) {
    self.init(portfolio, issued: IssuedInvoices(portfolio), dates: dates)
  }

  /// The state from the portfolio's issued invoices, already grouped by customer (an invoice
  /// issued after a date counts nothing on it, and the dates are at most the as-of date).
  /// - Complexity: O(n d) for n invoices and d dates, customers in chunks on both cores, each
  ///   customer's invoices side by side.
  init(_ portfolio: Portfolio, issued: IssuedInvoices, dates: [Day]) {
    precondition(dates.allSatisfy { $0 <= portfolio.asOf }, "a state date after the as-of date")
    let customers = portfolio.history.customerIDs.count
    let width = dates.count * customers
    let raw = dates.map(\.rawValue)
    var overdue = [Int32](repeating: 0, count: width)
    var lastPaid = [Int32](repeating: .min, count: width)
    overdue.withUnsafeMutableBufferPointer { overdueBuffer in
      lastPaid.withUnsafeMutableBufferPointer { lastPaidBuffer in
        let (overdue, lastPaid) = (
          SendablePointer(overdueBuffer.start), SendablePointer(lastPaidBuffer.start)
        )
        // Each chunk writes only its own customers' slots.
        Parallel.forEachChunk(customers, minimumChunk: 256) { chunk in
          for c in chunk {
            for invoice in issued[customer: c] where invoice.amount > 0 && !invoice.writtenOff {
              let paid = invoice.paidByAsOf
              for d in raw.indices where invoice.issue <= raw[d] {
                let slot = d * customers + c
                if let paid, paid <= raw[d] {
                  lastPaid.pointer[slot] = max(lastPaid.pointer[slot], paid)
                } else if invoice.due < raw[d] {
                  overdue.pointer[slot] += 1
                }
              }
            }
          }
        }
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
