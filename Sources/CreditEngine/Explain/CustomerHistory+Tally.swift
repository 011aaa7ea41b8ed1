import CreditData

extension CustomerHistory {
  /// The brief history of the invoices at history rows `rows` (one customer's), as known at
  /// the portfolio's as-of date: invoices issued by then with a positive amount, payments
  /// received by then.
  public init(_ portfolio: Portfolio, rows: [Int], lateDays: Int) {
    self.init(lateDays: lateDays)
    let h = portfolio.history
    let rule = DelinquencyRule(lateDays: lateDays)
    var daysLate = 0
    for k in rows where portfolio.isIssued(k) && h.amount[k] > 0 {
      invoices += 1
      let issued = h.issueDate[k]
      firstIssued = min(firstIssued ?? issued, issued)
      lastIssued = max(lastIssued ?? issued, issued)
      if h.disputed[k] { disputed += 1 }
      guard let paidOn = portfolio.paidByAsOf(k) else {
        if portfolio.isOpen(k) {
          open += 1
        } else if h.writtenOff[k] {
          writtenOff += 1
        }
        continue
      }
      paid += 1
      let late = paidOn.days(since: h.dueDate[k])
      if late > 0 {
        paidAfterDue += 1
        daysLate += late
      }
      if rule.isPastLate(paidOn, due: h.dueDate[k]) { paidLate += 1 }
    }
    meanDaysLate = paid > 0 ? Double(daysLate) / Double(paid) : 0
  }
}
