import CreditData
import CreditModels

extension Scorer {
  /// The open invoices' timing with their dates corrected by what is known at the scoring date
  /// (`OpenDateCorrection`), estimated on the invoices open at the landmarks of the cash
  /// forecast's customer correlation (`rows`, their features at issue in `raw`, same order).
  ///
  /// - Parameters:
  ///   - timing: the cure model's predictions for the open invoices (`book.openRows`).
  /// - Returns: `timing` with its medians, P10 and P90 scaled by each invoice's factor; as it
  ///   was when the model has no cure part or no invoice was open at the landmarks.
  func correctingDates(
    _ timing: PaymentTiming, _ book: OpenBook, _ rows: [CustomerCashCorrelation.LandmarkRow],
    _ raw: RawFeatures
  ) -> PaymentTiming {
    let portfolio = book.portfolio
    guard let cure = model.timeToPaymentCure, !rows.isEmpty else { return timing }
    let marks = CustomerCashCorrelation.landmarks(asOf: portfolio.asOf)
    let state = PointInTimeState(portfolio, dates: marks + [portfolio.asOf])
    let correction = dateCorrection(cure, portfolio, state, rows, raw)
    var corrected = timing
    for (i, k) in book.openRows.enumerated() {
      let g = correction.factor(state.facts(portfolio, row: k, date: marks.count))
      corrected.median[i] *= g
      corrected.p10[i] *= g
      corrected.p90[i] *= g
    }
    return corrected
  }

  /// The correction estimated on the landmark rows (`OpenDateCorrection`).
  func dateCorrection(
    _ cure: MixtureCureFit, _ portfolio: Portfolio, _ state: PointInTimeState,
    _ rows: [CustomerCashCorrelation.LandmarkRow], _ raw: RawFeatures
  ) -> OpenDateCorrection {
    let h = portfolio.history
    let historyRows = rows.map(\.row)
    let (x, _) = model.features.design(
      raw: raw, regions: portfolio.regions(rows: historyRows),
      industries: portfolio.industries(rows: historyRows), intercept: true)
    let marks = state.dates
    let asOf = portfolio.asOf
    let ages = rows.map { Double(marks[$0.landmark].days(since: h.issueDate[$0.row])) }
    let follow = rows.map { Double(asOf.days(since: marks[$0.landmark])) }
    let medians = cure.predictPaymentQuantile(x, q: 0.5, age: ages)
    let payers = cure.predictPaidEver(x, age: zip(ages, follow).map { $0 + $1 })
    var cells: [Int] = []
    var ratios: [Double] = []
    var paid: [Bool] = []
    var weights: [Double] = []
    for (i, r) in rows.enumerated() {
      let m = max(medians[i], OpenDateCorrection.shortestMedian)
      guard m.isFinite else { continue }
      let payment = portfolio.paidByAsOf(r.row)
      cells.append(OpenDateCorrection.cell(state.facts(portfolio, row: r.row, date: r.landmark)))
      ratios.append(payment.map { Double($0.days(since: marks[r.landmark])) / m } ?? follow[i] / m)
      paid.append(payment != nil)
      weights.append(payment != nil ? 1 : payers[i])
    }
    return OpenDateCorrection(cells: cells, ratios: ratios, paid: paid, weights: weights)
  }
}
