import CreditData
import CreditModels
import Parallelism

extension Scorer {
  /// The open invoices' timing with their dates corrected by what is known at the scoring date,
  /// estimated on the invoices open at the landmarks of the cash forecast's customer correlation
  /// (`landmarks`): the remaining median, P10 and P90
  /// scaled by the invoice's cell factor (`OpenDateCorrection`), then the median moved toward
  /// the customer's own typical days to pay given still open at its age (`CustomerDaysBlend`),
  /// within the P10 and P90;
  /// the weekly chances of payment and the chance within 30 days with each payer's remaining
  /// time scaled toward the dates (`PaymentTiming.weekScale`, `makeWeeks`, `paidWithin`), so
  /// that the cash forecast's timing and `p_paid_30d` move with the dates.
  ///
  /// Times are on the model's scale (`PaymentTiming.dayMidpoint`): an invoice open at the end
  /// of a day of age `a` is open at `a + ½`, a payment on day `d` is at `d`.
  ///
  /// - Parameters:
  ///   - timing: the cure model's predictions for the open invoices (`book.openRows`).
  ///   - inputs: what the correction reads of the issued invoices (`dateCorrectionState`).
  ///   - ages: the open invoices' whole ages in days at the scoring date, as the predictions'.
  /// - Returns: `timing` corrected, with the scale its weeks are made with
  ///   (`PaymentTiming.remainingScale`); as it was when the model has no cure part or no
  ///   invoice was open at the landmarks.
  func correctingDates(
    _ timing: PaymentTiming, _ book: OpenBook, _ landmarks: LandmarkDesign?,
    _ inputs: DateCorrectionState?, ages: [Double]
  ) -> PaymentTiming {
    guard let dates = correctedDates(timing, book, landmarks, inputs) else { return timing }
    var corrected = timing
    (corrected.median, corrected.p10, corrected.p90) = dates
    // The weeks and the chance of payment within 30 days follow the dates half way on the log
    // scale (`PaymentTiming.weekScale`).
    let ratio = dates.median.indices.map {
      PaymentTiming.weekScale(corrected: dates.median[$0], model: timing.median[$0])
    }
    corrected.remainingScale = ratio
    corrected.paid30 = timing.paidWithin(30, ages: ages, scaledBy: ratio)
    return corrected
  }

  /// The corrected remaining median, P10 and P90 of `correctingDates`; nil when there is
  /// nothing to correct.
  private func correctedDates(
    _ timing: PaymentTiming, _ book: OpenBook, _ landmarks: LandmarkDesign?,
    _ inputs: DateCorrectionState?
  ) -> (median: [Double], p10: [Double], p90: [Double])? {
    let portfolio = book.portfolio
    guard let cure = model.timeToPaymentCure, let landmarks, let inputs else { return nil }
    let h = portfolio.history
    let asOf = portfolio.asOf
    let marks = landmarks.dates
    let (state, payments) = (inputs.state, inputs.payments)
    precondition(
      state.dates.elementsEqual(marks + [asOf]), "the state was read at other landmark dates")
    let (correction, blend) = dateCorrection(cure, portfolio, state, payments, landmarks)
    guard !book.openRows.isEmpty else { return nil }
    // Each open invoice's corrected median, P10 and P90, invoices in chunks on both cores.
    return Parallel.arrays(book.openRows.count) {
      i in
      let k = book.openRows[i]
      let facts = state.facts(portfolio, row: k, date: marks.count)
      let g = correction.factor(facts)
      let (p10, p90) = (timing.p10[i] * g, timing.p90[i] * g)
      var remaining = g * timing.median[i]
      let age = Double(asOf.days(since: h.issueDate[k]))
      let open = age + PaymentTiming.dayMidpoint
      if let typical = payments.typicalDays(
        customer: Int(h.customerIndex[k]), on: asOf, longerThan: age)
      {
        remaining =
          blend.blended(
            band: OpenDateCorrection.cell(facts) / 4, model: open + remaining, customer: typical)
          - open
      }
      return (min(max(remaining, p10), p90), p10, p90)
    }
  }

  /// What the date correction reads of the issued invoices: each customer's state at the
  /// landmarks and at the scoring date, and its payments' days (those that can be read on
  /// and after the earliest landmark).
  struct DateCorrectionState: Sendable {
    let state: PointInTimeState
    let payments: CustomerPaymentDays
  }

  /// The date correction's reading of `issued`, the book's issued invoices, at the landmark
  /// dates `marks` (`LandmarkDesign.dates`), made apart so that scoring can give the invoices
  /// up before the correction runs; nil when there is nothing to correct (no cure part or no
  /// landmark rows).
  func dateCorrectionState(
    _ book: OpenBook, _ issued: IssuedInvoices, marks: [Day]?
  ) -> DateCorrectionState? {
    guard model.timeToPaymentCure != nil, let marks else { return nil }
    let portfolio = book.portfolio
    return DateCorrectionState(
      state: PointInTimeState(portfolio, issued: issued, dates: marks + [book.asOf]),
      payments: CustomerPaymentDays(portfolio, issued: issued, from: marks.min()))
  }

  /// The corrections estimated on the landmark rows (`OpenDateCorrection`, then
  /// `CustomerDaysBlend` on the corrected days).
  func dateCorrection(
    _ cure: MixtureCureFit, _ portfolio: Portfolio, _ state: PointInTimeState,
    _ payments: CustomerPaymentDays, _ landmarks: LandmarkDesign
  ) -> (OpenDateCorrection, CustomerDaysBlend) {
    let h = portfolio.history
    let (rows, x, ages) = (landmarks.rows, landmarks.x, landmarks.ages)
    let marks = state.dates
    let asOf = portfolio.asOf
    let follow = rows.map { Double(asOf.days(since: marks[$0.landmark])) }
    // Each row's customer's typical days at its landmark given still open at its age there,
    // on both cores.
    let typicalAtLandmark = Parallel.array(rows.count, minimumChunk: 1024) { i in
      payments.typicalDays(
        customer: Int(h.customerIndex[rows[i].row]), on: marks[rows[i].landmark],
        longerThan: ages[i])
    }
    let half = PaymentTiming.dayMidpoint
    let medians = cure.predictPaymentQuantile(x, q: 0.5, age: ages.map { $0 + half })
    let payers = cure.predictPaidEver(x, age: zip(ages, follow).map { $0 + $1 + half })
    var used: [Int] = []
    var cells: [Int] = []
    var ratios: [Double] = []
    var paid: [Bool] = []
    var weights: [Double] = []
    for (i, r) in rows.enumerated() {
      let m = max(medians[i], OpenDateCorrection.shortestMedian)
      guard m.isFinite else { continue }
      let payment = portfolio.paidByAsOf(r.row)
      used.append(i)
      cells.append(OpenDateCorrection.cell(state.facts(portfolio, row: r.row, date: r.landmark)))
      ratios.append(
        payment.map { (Double($0.days(since: marks[r.landmark])) - half) / m } ?? follow[i] / m)
      paid.append(payment != nil)
      weights.append(payment != nil ? 1 : payers[i])
    }
    let correction = OpenDateCorrection(
      cells: cells, ratios: ratios, paid: paid, weights: weights)
    // The paid rows whose customer had paid something by the landmark, in days after issue,
    // each weighed by its chance of having been seen paid among all such rows of its band.
    var bands: [Int] = []
    var days: (model: [Double], customer: [Double], actual: [Double]) = ([], [], [])
    var elapsed: [Double] = []
    var followUps = [[Double]](repeating: [], count: OpenDateCorrection.bands)
    for (j, i) in used.enumerated() {
      let r = rows[i]
      guard let typical = typicalAtLandmark[i] else { continue }
      followUps[cells[j] / 4].append(follow[i])
      guard paid[j], let payment = portfolio.paidByAsOf(r.row) else { continue }
      let m = max(medians[i], OpenDateCorrection.shortestMedian)
      bands.append(cells[j] / 4)
      days.model.append(ages[i] + half + correction.factors[cells[j]] * m)
      days.customer.append(typical)
      days.actual.append(Double(payment.days(since: h.issueDate[r.row])))
      elapsed.append(Double(payment.days(since: marks[r.landmark])))
    }
    let censoring = followUps.map(FollowUpCensoring.init(followUps:))
    let blend = CustomerDaysBlend(
      bands: bands, model: days.model, customer: days.customer, actual: days.actual,
      caseWeights: zip(bands, elapsed).map { censoring[$0].weight(paidAfter: $1) },
      bandCount: OpenDateCorrection.bands)
    return (correction, blend)
  }
}
