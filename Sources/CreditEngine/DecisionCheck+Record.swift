import CreditData

#if canImport(Glibc)
  import Glibc
#endif

extension DecisionCheck {
  /// Every customer's record at the as-of date, straight from the history.
  ///
  /// Balances, invoices issued, outcomes known and late (paid more than `lateDays` after due, or unpaid that
  /// long), paid invoices and their mean days after due (capped at a year), days since the
  /// latest invoice became late, tenure, and the paid invoices' geometric mean of
  /// `(days to pay + 1) / (days of terms + 1)`. Other fields are left empty.
  static func records(_ portfolio: Portfolio, rule: DelinquencyRule) -> [CustomerFacts] {
    let h = portfolio.history
    let asOf = portfolio.asOf
    let empty = CustomerFacts(
      openBalance: 0, overdueBalance: 0, typicalAmount: 0, termsDays: 0, paperless: false,
      creditLimit: nil, invoices: 0, knownOutcomes: 0, lateInvoices: 0, lateDays: rule.lateDays,
      paidInvoices: 0, meanDaysLate: nil, daysSinceLate: nil, tenureDays: nil, region: "",
      industry: "")
    var record = [CustomerFacts](repeating: empty, count: h.customerIDs.count)
    var daysLate = [Double](repeating: 0, count: h.customerIDs.count)
    var logPace = [Double](repeating: 0, count: h.customerIDs.count)
    var firstIssue = [Day?](repeating: nil, count: h.customerIDs.count)
    var lastLate = [Day?](repeating: nil, count: h.customerIDs.count)
    for k in 0..<h.count where h.issueDate[k] <= asOf {
      let c = Int(h.customerIndex[k])
      let amount = h.amount[k]
      let due = h.dueDate[k]
      record[c].invoices += 1
      firstIssue[c] = min(firstIssue[c] ?? h.issueDate[k], h.issueDate[k])
      let paid = h.paidDate[k].flatMap { $0 <= asOf ? $0 : nil }
      if paid == nil && !h.writtenOff[k] {
        let owed = portfolio.owed(k)
        record[c].openBalance += owed
        if asOf > due { record[c].overdueBalance += owed }
      }
      guard amount > 0 else { continue }
      let late: Bool?
      if let paid {
        record[c].paidInvoices += 1
        daysLate[c] += Double(min(max(0, paid.days(since: due)), 365))
        let days = Double(max(0, paid.days(since: h.issueDate[k])))
        logPace[c] += log(days + 1) - log(Double(max(0, due.days(since: h.issueDate[k]))) + 1)
        late = paid.days(since: due) > rule.lateDays
      } else {
        late = asOf.days(since: due) > rule.lateDays ? true : nil
      }
      guard let late else { continue }
      record[c].knownOutcomes += 1
      if late {
        record[c].lateInvoices += 1
        let became = due.adding(days: rule.lateDays + 1)
        lastLate[c] = max(lastLate[c] ?? became, became)
      }
    }
    for c in record.indices {
      let paid = record[c].paidInvoices
      record[c].meanDaysLate = paid > 0 ? daysLate[c] / Double(paid) : nil
      record[c].paceRatio = paid > 0 ? exp(logPace[c] / Double(paid)) : nil
      record[c].daysSinceLate = lastLate[c].map { asOf.days(since: $0) }
      let since = portfolio.customers[c]?.customerSince ?? firstIssue[c]
      record[c].tenureDays = since.map { max(0, asOf.days(since: $0)) }
    }
    return record
  }

  /// Every undisputed open invoice 90 or more days past due has a worklist row that is not
  /// dispute resolution; counts the customers with one that has not.
  mutating func checkWorklist(
    _ portfolio: Portfolio, _ result: ScoreResult, ladder: CollectionsLadder
  ) {
    let h = portfolio.history
    var laddered = Set<String>()
    for row in result.worklist where row.action != ladder.disputeAction {
      laddered.insert(row.invoiceID)
    }
    var flagged = Set<Int>()
    var failing = Set<Int>()
    // In dispute as the worklist counts it: the history's flag, unless the disputes file
    // says the dispute was resolved.
    let events = CollectionsBook(portfolio)
    for k in 0..<h.count
    where portfolio.isOpen(k) && h.amount[k] > 0 && !events.isDisputed(k, flagged: h.disputed[k]) {
      guard portfolio.asOf.days(since: h.dueDate[k]) >= 90 else { continue }
      let c = Int(h.customerIndex[k])
      flagged.insert(c)
      if !laddered.contains(h.invoiceIDs[k]) {
        if !failing.contains(c) {
          fail(
            "\(h.customerIDs[c]): invoice \(h.invoiceIDs[k]) 90+ days past due not on the ladder")
        }
        failing.insert(c)
      }
    }
    seriouslyOverdueCustomers = flagged.count
    overdueHandledOnlyAsDispute = failing.count
  }
}
