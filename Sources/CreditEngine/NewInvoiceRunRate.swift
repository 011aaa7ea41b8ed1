import CreditData

/// Collections expected from invoices not yet issued at the as-of date, by week: the run-rate
/// of the history.
///
/// For each past origin `t_j = asOf − 91 − 7j` (j = 0 ..< `origins`, so every origin has its
/// 13 weeks of outcomes inside the history), the amount paid in week k after `t_j` (days
/// `t_j + 1 + 7k ... t_j + 7 + 7k`) by invoices issued after `t_j`; week k's run-rate is the
/// mean over the origins. It assumes invoicing and payment habits go on as in the last
/// `origins` weeks before the last complete quarter; it says nothing about a customer won or
/// lost since.
enum NewInvoiceRunRate {
  /// 26 origins: half a year of weekly origins, enough to average out a month-end cycle.
  static let origins = 26

  /// Week k's expected collections from invoices issued after the as-of date, k = 0 ..< 13.
  /// - Complexity: O(n · origins).
  static func weekly(_ portfolio: Portfolio) -> [Double] {
    let h = portfolio.history
    let weeks = CashForecast.weeks
    let first = portfolio.asOf.adding(days: -7 * weeks)
    var total = [Double](repeating: 0, count: weeks)
    for k in 0..<h.count where h.amount[k] > 0 && portfolio.isIssued(k) {
      guard let paid = portfolio.paidByAsOf(k) else { continue }
      let issue = h.issueDate[k]
      for j in 0..<origins {
        let origin = first.adding(days: -7 * j)
        guard issue > origin else { continue }
        let offset = paid.days(since: origin) - 1
        if offset >= 0 && offset < 7 * weeks { total[offset / 7] += h.amount[k] }
      }
    }
    return total.map { $0 / Double(origins) }
  }
}
