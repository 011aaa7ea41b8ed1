import CreditData
import Parallelism

/// How many days each customer took to pay its latest invoices, as of any date up to the
/// scoring date: the median of the days from issue to payment of its last
/// `recentInvoices` invoices paid on or before that date.
///
/// Only payments made by the portfolio's as-of date enter (`Portfolio.paidByAsOf`), and on a
/// date `t` only those made by `t`.
struct CustomerPaymentDays: Sendable {
  /// Latest invoices whose days to pay make a customer's typical days.
  static let recentInvoices = 10

  /// Customer c's payments are `paidDay[start[c] ..< start[c + 1]]` (ascending) with their
  /// days from issue to payment in `days`.
  private let start: [Int]
  private let paidDay: [Int32]
  private let days: [Double]

  /// The payments of every customer of `portfolio` (positive amounts, paid by its as-of date).
  /// - Complexity: O(n + Σ n_c log n_c) for n invoices, n_c the customer's paid ones.
  init(_ portfolio: Portfolio) {
    let h = portfolio.history
    let grouped = ChunkedGrouping.grouping(
      h.count, groups: h.customerIDs.count,
      group: { k in
        h.amount[k] > 0 && portfolio.paidByAsOf(k) != nil ? Int(h.customerIndex[k]) : nil
      },
      value: { k -> (Int32, Double) in
        let paid = portfolio.paidByAsOf(k) ?? h.issueDate[k]
        return (paid.rawValue, Double(max(paid.days(since: h.issueDate[k]), 0)))
      })
    var values = grouped.values
    for c in 0..<h.customerIDs.count {
      // Stable: payments on one day keep their history order.
      let slice = grouped.start[c]..<grouped.start[c + 1]
      let sorted = values[slice].enumerated().sorted {
        ($0.element.0, $0.offset) < ($1.element.0, $1.offset)
      }
      values.replaceSubrange(slice, with: sorted.map(\.element))
    }
    start = grouped.start
    paidDay = values.map(\.0)
    days = values.map(\.1)
  }

  /// Customer c's typical days to pay on date `t`: the median over its last
  /// `recentInvoices` payments made by `t`, nil when it had paid none by then.
  func typicalDays(customer c: Int, on t: Day) -> Double? {
    var lo = start[c]
    var hi = start[c + 1]
    // First payment after t.
    while lo < hi {
      let mid = (lo + hi) / 2
      if paidDay[mid] <= t.rawValue { lo = mid + 1 } else { hi = mid }
    }
    let first = max(start[c], lo - Self.recentInvoices)
    guard first < lo else { return nil }
    var recent = Array(days[first..<lo])
    return SampleStatistics.median(sorting: &recent)
  }
}
