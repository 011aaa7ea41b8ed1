import CreditData

extension Scorer {
  /// The accepted plans (`--accepted-plans`) matched to the open book; nil without a file.
  func acceptedPlans(_ book: OpenBook) -> AcceptedPlanCash? {
    book.portfolio.collections.acceptedPlans.map { AcceptedPlanCash($0, book: book) }
  }

  /// The open book's forecast with the covered invoices left out and the instalments in.
  ///
  /// The invoices left out are forecast on their own for `replacedByPlans`. The instalments
  /// are certain amounts in this forecast, so they move the band without widening it: with
  /// `m` and `s` the mean and standard deviation of the invoices kept and `c` the week's
  /// instalments, P10 = max(0, m + c − 1.2816 s) and P90 = m + c + 1.2816 s.
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
      let halfBand = week.p90 - week.expected  // 1.2816 s
      week.expected += plans.weekly[k]
      week.p10 = max(0, week.expected - halfBand)
      week.p90 = week.expected + halfBand
      week.acceptedPlans = plans.weekly[k]
      week.replacedByPlans = replaced[k].expected
      return week
    }
  }
}
