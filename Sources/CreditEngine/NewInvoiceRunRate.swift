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
  ///
  /// An invoice issued on day `I` and paid on day `P` counts for origin j when `I > t_j`
  /// (j ≥ ⌈(t_0 − I + 1) / 7⌉) and `0 ≤ P − t_j − 1 < 91`
  /// (⌈(t_0 + 1 − P) / 7⌉ ≤ j ≤ ⌊(t_0 + 91 − P) / 7⌋): a run of consecutive origins, whose
  /// weeks are consecutive too, so each invoice visits only the origins it counts for (in
  /// increasing j, the order of the sums).
  /// - Complexity: O(n) (at most 13 origins per invoice).
  static func weekly(_ portfolio: Portfolio) -> [Double] {
    let h = portfolio.history
    let weeks = CashForecast.weeks
    let first = portfolio.asOf.adding(days: -7 * weeks)
    var total = [Double](repeating: 0, count: weeks)
    for k in 0..<h.count where h.amount[k] > 0 && portfolio.isIssued(k) {
      guard let paid = portfolio.paidByAsOf(k) else { continue }
      let issue = h.issueDate[k]
      let low = max(
        0, ceilingDiv(first.days(since: issue) + 1, 7), ceilingDiv(1 - paid.days(since: first), 7))
      let high = min(origins - 1, floorDiv(7 * weeks - paid.days(since: first), 7))
      guard low <= high else { continue }
      for j in low...high {
        let origin = first.adding(days: -7 * j)
        let offset = paid.days(since: origin) - 1
        total[offset / 7] += h.amount[k]
      }
    }
    return total.map { $0 / Double(origins) }
  }

  /// ⌈a / b⌉ and ⌊a / b⌋ for b > 0 (Swift's `/` rounds toward zero).
  private static func ceilingDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
  private static func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return a % b < 0 ? q - 1 : q
  }
}
