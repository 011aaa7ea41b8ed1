import CreditData

extension Scorer {
  /// The invoices open at the landmarks of `CustomerCashCorrelation`, when the model has a
  /// cure part to forecast cash with (else none).
  func correlationRows(_ portfolio: Portfolio) -> [CustomerCashCorrelation.LandmarkRow] {
    model.timeToPaymentCure == nil ? [] : CustomerCashCorrelation.openRows(portfolio)
  }

  /// Each customer's correlation of its invoices' weekly payments, estimated at the scoring
  /// date from the landmark rows and their features at issue (`raw`, in the same order).
  func customerCorrelation(
    _ portfolio: Portfolio, _ rows: [CustomerCashCorrelation.LandmarkRow], _ raw: RawFeatures
  ) -> CustomerCorrelations? {
    guard let cure = model.timeToPaymentCure, !rows.isEmpty else { return nil }
    let h = portfolio.history
    let historyRows = rows.map(\.row)
    let x = model.features.design(
      raw: raw, regions: portfolio.regions(rows: historyRows),
      industries: portfolio.industries(rows: historyRows), intercept: true
    ).design
    let marks = CustomerCashCorrelation.landmarks(asOf: portfolio.asOf)
    let open = cure.predictOpen(
      x, age: rows.map { Double(marks[$0.landmark].days(since: h.issueDate[$0.row])) },
      quantiles: [], days: (1...CashForecast.weeks).map { Double(7 * $0) })
    return CustomerCashCorrelation.estimate(
      portfolio, rows: rows,
      withinWeeks: [[Double](repeating: 0, count: rows.count)] + open.paidWithin)
  }
}
