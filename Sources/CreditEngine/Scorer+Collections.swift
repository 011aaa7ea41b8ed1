import CreditData

extension Scorer {
  /// One task per customer with an open invoice with a positive amount, about its most
  /// overdue one (the driver): the ladder's next action, and a priority of the customer's
  /// expected loss (Σ amount × PD over its scored invoices) times the policy's urgency; most
  /// urgent first, ties by customer id.
  func worklist(_ book: OpenBook, _ invoices: [InvoiceScore]) -> [WorklistItem] {
    let h = book.portfolio.history
    let asOf = book.asOf
    var expectedLoss = [Double](repeating: 0, count: h.customerIDs.count)
    for (i, k) in book.openRows.enumerated() {
      expectedLoss[Int(h.customerIndex[k])] += h.amount[k] * invoices[i].pd
    }
    var work: [WorklistItem] = []
    for (c, tally) in book.tallies.enumerated() {
      guard let k = tally.driver else { continue }
      let dpd = asOf.days(since: h.dueDate[k])
      let next = ladder.nextAction(dueDate: h.dueDate[k], asOf: asOf, disputed: tally.disputedOpen)
      work.append(
        WorklistItem(
          rank: 0, customerID: h.customerIDs[c],
          priority: expectedLoss[c] * policy.urgency(daysPastDue: dpd),
          expectedLoss: expectedLoss[c], action: next.action, actionDate: next.date,
          openBalance: tally.openBalance, maxDaysPastDue: dpd, invoiceID: h.invoiceIDs[k]))
    }
    work.sort { ($0.priority, $1.customerID) > ($1.priority, $0.customerID) }
    for i in work.indices { work[i].rank = i + 1 }
    return work
  }

  /// The open balance of each customer with anything open, by ageing bucket (the tallies').
  func ageing(_ book: OpenBook) -> [AgeingRow] {
    let h = book.portfolio.history
    return book.tallies.indices.filter { book.tallies[$0].hasOpen }.map {
      AgeingRow(customerID: h.customerIDs[$0], buckets: book.tallies[$0].ageing)
    }
  }

  /// The 13-week cash forecast of the scored invoices.
  func forecast(_ book: OpenBook, _ invoicePredictions: Predictions) -> [CashForecastWeek] {
    let runRate = NewInvoiceRunRate.weekly(book.portfolio)
    return zip(openBookForecast(book, invoicePredictions), runRate).map { week, new in
      var week = week
      week.expectedNew = new
      return week
    }
  }

  /// The 13-week forecast of the invoices open at the as-of date.
  func openBookForecast(_ book: OpenBook, _ invoicePredictions: Predictions)
    -> [CashForecastWeek]
  {
    let h = book.portfolio.history
    let asOf = book.asOf
    if let timing = invoicePredictions.timing {
      return CashForecast.weekly(
        asOf: asOf, amounts: book.openRows.map { h.amount[$0] },
        customers: book.openRows.map { Int(h.customerIndex[$0]) },
        withinWeeks: timing.withinWeeks, correlation: CashForecast.customerCorrelation)
    }
    return CashForecast.weekly(
      asOf: asOf,
      invoices: book.openRows.enumerated().map { i, k in
        CashForecast.OpenInvoice(
          amount: h.amount[k], age: Double(asOf.days(since: h.issueDate[k])),
          curve: invoicePredictions.curves[i])
      })
  }
}
