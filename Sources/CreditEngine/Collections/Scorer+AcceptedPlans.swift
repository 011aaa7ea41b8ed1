import CreditData

extension Scorer {
  /// The accepted plans (`--accepted-plans`) matched to the open book; nil without a file.
  func acceptedPlans(_ book: OpenBook) -> AcceptedPlanCash? {
    book.portfolio.collections.acceptedPlans.map { AcceptedPlanCash($0, book: book) }
  }

  /// The open book's forecast with the covered invoices left out and the instalments in.
  ///
  /// The invoices left out are forecast on their own for `replacedByPlans`. The instalments
  /// are certain amounts in this forecast, so they move the kept invoices' band without
  /// widening or reshaping it: with `c` the week's instalments, the expected value, P10 and
  /// P90 are the kept invoices' plus `c`. (The band is skewed, a shifted gamma: a band rebuilt
  /// around the mean from its upper half had dropped P10 to 0 in weeks without an
  /// instalment.)
  func withAcceptedPlans(
    _ book: OpenBook, _ invoicePredictions: Predictions, _ plans: AcceptedPlanCash
  ) -> [CashForecastWeek] {
    let all = Array(book.openRows.indices)
    let kept = openBookForecast(
      book, invoicePredictions, rows: all.filter { !plans.covered[$0] })
    let replaced = openBookForecast(
      book, invoicePredictions, rows: all.filter { plans.covered[$0] })
    return kept.indices.map { k in
      var week = kept[k]
      week.expected += plans.weekly[k]
      week.p10 += plans.weekly[k]
      week.p90 += plans.weekly[k]
      week.acceptedPlans = plans.weekly[k]
      week.replacedByPlans = replaced[k].expected
      return week
    }
  }
}
