import CreditData
import CreditReport
import Testing

@testable import CreditEngine

/// The console summary of `score` says what the expected payment dates rest on.
@Suite struct ScoreSummaryTests {
  static func invoice(_ id: String, basis: String) -> InvoiceScore {
    InvoiceScore(
      invoiceID: id, customerID: "C1", amount: 100, dueDate: Day(rawValue: 10), daysPastDue: 5,
      pd: 0.5, expectedPaymentDate: Day(rawValue: 20), expectedDateExtrapolated: false,
      pPaid30d: 0.4, riskGrade: "C", pPaidEver: basis == "unlikely_to_pay" ? 0.2 : 0.9,
      paymentDateP10: Day(rawValue: 16), paymentDateP90: Day(rawValue: 40),
      expectedPaymentBasis: basis)
  }

  static func result(_ invoices: [InvoiceScore]) -> ScoreResult {
    ScoreResult(
      asOf: Day(rawValue: 15), invoices: invoices, customers: [], creditLimits: [], worklist: [],
      ageing: [], cashForecast: [], unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0)
  }

  @Test func countsTheInvoicesByBasis() {
    let r = Self.result([
      Self.invoice("I1", basis: "paid_median"), Self.invoice("I2", basis: "unlikely_to_pay"),
      Self.invoice("I3", basis: "paid_median"),
    ])
    #expect(
      ScoreSummary.basisLine(r)
        == "expected payment dates: 2 paid_median, 1 unlikely_to_pay (expected_payment_basis in invoices.csv)"
    )
    #expect(!ScoreSummary.render(r, folder: "out").contains("Cox model's support"))
  }

  @Test func saysSoWhenNothingIsOpen() {
    #expect(ScoreSummary.basisLine(Self.result([])) == "expected payment dates: no open invoice")
  }
}
