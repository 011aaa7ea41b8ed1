import CreditData
import LinearAlgebra

extension Scorer {
  /// Days ahead the worklist looks: an invoice is on it when its next action is due within
  /// a week of the as-of date (or already due).
  public static let worklistLookaheadDays = 7

  /// One task per open invoice whose next action is due within `worklistLookaheadDays`: a
  /// disputed invoice goes to dispute resolution, every other follows the ladder, paused
  /// or escalated by the promises in force (`CollectionsBook.plan`).
  ///
  /// Customers are ranked by their amount at risk, `Σ amount × (1 − p_paid_30d)` over all
  /// their open invoices (the money not expected within 30 days), most first, ties by
  /// customer id; a customer's invoices follow one another, the most overdue first (ties by
  /// invoice id).
  func worklist(_ book: OpenBook, _ invoices: [InvoiceScore], _ events: CollectionsBook)
    -> [WorklistItem]
  {
    let h = book.portfolio.history
    let asOf = book.asOf
    let horizon = asOf.adding(days: Self.worklistLookaheadDays)
    var customerAtRisk = [Double](repeating: 0, count: h.customerIDs.count)
    for (i, k) in book.openRows.enumerated() {
      customerAtRisk[Int(h.customerIndex[k])] += invoices[i].amount * (1 - invoices[i].pPaid30d)
    }
    // The open invoices with a task, in file order, in chunks on both cores.
    let due = Parallel.map(book.openRows.count, minimumChunk: 4096) { chunk in
      chunk.filter { i in
        let k = book.openRows[i]
        let disputed = events.isDisputed(k, flagged: h.disputed[k])
        return events.actionDate(k, ladder: ladder, dueDate: h.dueDate[k], disputed: disputed)
          <= horizon
      }
    }.flatMap { $0 }
    let customerOf = due.map { Int(h.customerIndex[book.openRows[$0]]) }
    // Positions sorted rather than the tasks themselves (each a dozen fields, four of them
    // text), and each task made once, at its rank; ties in amount at risk by customer id,
    // within a customer by invoice id.
    var order = Array(due.indices)
    order.sort { a, b in
      let (ca, cb) = (customerOf[a], customerOf[b])
      let (sa, sb) = (due[a], due[b])
      if ca != cb {
        if customerAtRisk[ca] != customerAtRisk[cb] {
          return customerAtRisk[ca] > customerAtRisk[cb]
        }
        return invoices[sb].customerID > invoices[sa].customerID
      }
      if invoices[sa].daysPastDue != invoices[sb].daysPastDue {
        return invoices[sa].daysPastDue > invoices[sb].daysPastDue
      }
      return invoices[sb].invoiceID > invoices[sa].invoiceID
    }
    return Parallel.array(order.count, minimumChunk: 1024) { n -> WorklistItem in
      let i = due[order[n]]
      let k = book.openRows[i]
      let disputed = events.isDisputed(k, flagged: h.disputed[k])
      let plan = events.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: disputed)
      let amount = invoices[i].amount
      return WorklistItem(
        rank: n + 1, customerID: invoices[i].customerID, invoiceID: invoices[i].invoiceID,
        amountAtRisk: amount * (1 - invoices[i].pPaid30d), action: plan.action,
        actionDate: plan.date, reason: plan.reason, amount: amount,
        daysPastDue: invoices[i].daysPastDue,
        disputed: disputed,
        customerAmountAtRisk: customerAtRisk[customerOf[order[n]]],
        expectedLoss: policy.lossGivenDefault.map {
          amount * (1 - invoices[i].pPaidEver) * $0
        })
    }
  }

  /// The open balance of each customer with anything open, by ageing bucket (the tallies').
  func ageing(_ book: OpenBook) -> [AgeingRow] {
    let h = book.portfolio.history
    return book.tallies.indices.filter { book.tallies[$0].hasOpen }.map {
      AgeingRow(customerID: h.customerIDs[$0], buckets: book.tallies[$0].ageing)
    }
  }

  /// The 13-week cash forecast of the scored invoices, with the accepted plans' instalments
  /// in place of the invoices they cover (`AcceptedPlanCash`), when given.
  ///
  /// - Parameter runRate: the history's `NewInvoiceRunRate.weekly` (read before the history's
  ///   payment dates are given up).
  func forecast(
    _ book: OpenBook, _ invoicePredictions: Predictions, runRate: [Double],
    plans: AcceptedPlanCash? = nil
  ) -> [CashForecastWeek] {
    let open =
      plans.map { withAcceptedPlans(book, invoicePredictions, $0) }
      ?? openBookForecast(book, invoicePredictions)
    return zip(open, runRate).map { week, new in
      var week = week
      week.expectedNew = new
      return week
    }
  }

  /// The 13-week forecast of the invoices open at the as-of date (`rows`: only these
  /// positions in `book.openRows`).
  func openBookForecast(_ book: OpenBook, _ invoicePredictions: Predictions, rows: [Int]? = nil)
    -> [CashForecastWeek]
  {
    let h = book.portfolio.history
    let asOf = book.asOf
    let rows = rows ?? Array(book.openRows.indices)
    if let timing = invoicePredictions.timing {
      let within =
        rows.count == book.openRows.count
        ? timing.withinWeeks : timing.withinWeeks.map { w in rows.map { w[$0] } }
      return CashForecast.weekly(
        asOf: asOf, amounts: rows.map { book.portfolio.owed(book.openRows[$0]) },
        customers: rows.map { Int(h.customerIndex[book.openRows[$0]]) },
        withinWeeks: within,
        correlations: timing.customerCorrelation
          ?? CustomerCorrelations(
            pooled: CashForecast.customerCorrelation, customers: h.customerIDs.count))
    }
    return CashForecast.weekly(
      asOf: asOf,
      invoices: rows.map { i in
        let k = book.openRows[i]
        return CashForecast.OpenInvoice(
          amount: book.portfolio.owed(k), age: Double(asOf.days(since: h.issueDate[k])),
          curve: invoicePredictions.curves[i])
      })
  }
}
