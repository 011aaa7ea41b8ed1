import CreditData
import CreditModels
import LinearAlgebra

extension Scorer {
  /// Latest expected payment age, in days after issue (100 years).
  static let maximumPaymentAge = 36_500.0

  /// The open invoices' scores, and how many expected dates came from the Weibull tail.
  struct InvoiceScores {
    var scores: [InvoiceScore]
    var extrapolated: Int
  }

  /// PD given the invoice is still open, expected payment date, P(paid within 30 days) and
  /// grade of each open invoice.
  func scoreInvoices(_ book: OpenBook, _ invoicePredictions: Predictions) -> InvoiceScores {
    let h = book.portfolio.history
    let asOf = book.asOf
    let openRows = book.openRows
    let rule = model.rule
    let timing = invoicePredictions.timing
    // Open invoices in chunks on both cores, each score made where it ends up.
    let scores = Parallel.array(openRows.count, minimumChunk: 4096) { i -> InvoiceScore in
      let k = openRows[i]
      let age = Double(asOf.days(since: h.issueDate[k]))
      let dpd = asOf.days(since: h.dueDate[k])
      let curve = invoicePredictions.curves[i]
      // P(late | still open at age a) (`OpenInvoicePD`); once past due + lateDays, the
      // outcome is known.
      let lateAge = OpenInvoicePD.lateAge(
        dueAge: h.dueDate[k].days(since: h.issueDate[k]), lateDays: rule.lateDays)
      let pd =
        rule.isPastLate(asOf, due: h.dueDate[k])
        ? 1
        : openPD(
          atIssue: invoicePredictions.pd[i],
          hazardAtAge: timing?.payerHazard(i, at: age) ?? curve.weibullCumulativeHazard(age),
          hazardAtLate: timing?.payerHazard(i, at: lateAge)
            ?? curve.weibullCumulativeHazard(lateAge), daysPastDue: dpd)
      let cure = timing?.score(i, issue: h.issueDate[k], age: age)
      // The curve's answers only where the cure model gives none.
      let median =
        cure == nil ? curve.conditionalPercentile(after: age) : (age: 0, extrapolated: false)
      return InvoiceScore(
        invoiceID: book.openInvoiceID(i), customerID: h.customerIDs[Int(h.customerIndex[k])],
        amount: book.portfolio.owed(k), dueDate: h.dueDate[k], daysPastDue: dpd, pd: pd,
        expectedPaymentDate: cure?.median
          ?? PaymentTiming.day(issue: h.issueDate[k], age: age, remaining: median.age - age),
        expectedDateExtrapolated: median.extrapolated,
        pPaid30d: cure?.paid30 ?? curve.probabilityPaid(within: 30, after: age),
        riskGrade: policy.grade(pd: pd),
        pPaidEver: cure?.paidEver ?? 1 - curve.survival(Scorer.maximumPaymentAge)
          / curve.survival(age),
        paymentDateP10: cure?.p10
          ?? PaymentTiming.day(
            issue: h.issueDate[k], age: age,
            remaining: curve.conditionalPercentile(after: age, p: 0.1).age - age),
        paymentDateP90: cure?.p90
          ?? PaymentTiming.day(
            issue: h.issueDate[k], age: age,
            remaining: curve.conditionalPercentile(after: age, p: 0.9).age - age),
        expectedPaymentBasis: cure?.basis
          ?? (median.extrapolated ? "weibull_beyond_cox_support" : "cox"))
    }
    let extrapolated = scores.indices.reduce(0) {
      $0 + (scores[$1].expectedDateExtrapolated ? 1 : 0)
    }
    return InvoiceScores(scores: scores, extrapolated: extrapolated)
  }

  /// P(late | open) of an invoice not yet late with PD at issue `p` (`OpenInvoicePD`), its
  /// log-odds moved by the model's slope in how far past due it is when it has one
  /// (`DelinquencyCalibration.openSlope`).
  func openPD(
    atIssue p: Double, hazardAtAge ha: Double, hazardAtLate hd: Double, daysPastDue: Int
  ) -> Double {
    let q = OpenInvoicePD.probability(atIssue: p, hazardAtAge: ha, hazardAtLate: hd)
    guard let open = model.openInvoiceCalibration else { return q }
    return open.slopeShifted(
      q, at: DelinquencyCalibration.overdue(daysPastDue: daysPastDue, rule: model.rule))
  }
}
