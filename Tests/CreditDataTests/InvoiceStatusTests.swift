import CreditData
import Foundation
import TestSupport
import Testing

/// Status columns and part payments as accounting systems export them (Xero, Zoho Books,
/// FreshBooks), read through `HistoryLoader`.
@Suite struct InvoiceStatusTests {
  func load(_ text: String) throws -> InvoiceHistory {
    try HistoryLoader.parse(bytes: Array(text.utf8), fileName: "export.csv")
  }

  /// A Xero invoice export: voided and draft invoices have no payment date, and were read
  /// as open invoices, overdue forever.
  static let xero = """
    ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountDue,FullyPaidOnDate,Status
    C1,INV-1,2024-01-02,2024-02-01,100.00,0.00,2024-01-20,PAID
    C1,INV-2,2024-01-03,2024-02-02,200.00,0.00,,VOIDED
    C2,INV-3,2024-01-04,2024-02-03,300.00,300.00,,AUTHORISED
    C2,INV-4,2024-01-05,2024-02-04,400.00,400.00,,Draft
    C2,INV-5,2024-01-06,2024-02-05,500.00,500.00,,Written Off
    C1,INV-6,2024-01-07,2024-02-06,600.00,0.00,,Cancelled

    """

  @Test func voidAndDraftInvoicesAreExcludedAndListed() throws {
    let h = try load(Self.xero)
    #expect(h.invoiceIDs == ["INV-1", "INV-3", "INV-5"])
    #expect(h.sourceLines == [2, 4, 6])
    let d = try #require(h.report.dialect)
    #expect(d.excluded("void") == [3, 5, 7])
    #expect(
      h.report.lines.contains(
        "void/cancelled/draft invoices (status) excluded: 3 (lines 3, 5, 7)"))
    #expect(h.report.columnMapping["status"] == "Status")
    #expect(h.report.columnMapping["open_amount"] == "InvoiceAmountDue")
  }

  /// A Business Central customer ledger: its payment rows (a negative amount, Document Type
  /// Payment) were read as credit notes, lowering the customer's balance a second time.
  static let businessCentral = """
    Posting Date,Document Type,Document No.,Customer No.,Due Date,Original Amount,Closed at Date
    2024-01-02,Invoice,103001,10000,2024-02-01,1000.00,2024-01-25
    2024-01-25,Payment,2591,10000,2024-01-25,-1000.00,2024-01-25
    2024-01-05,Invoice,103002,20000,2024-02-04,500.00,
    2024-01-10,Credit Memo,104001,20000,2024-01-10,-100.00,
    2024-01-12,Refund,2592,20000,2024-01-12,50.00,2024-01-12

    """

  @Test func ledgerPaymentsAreExcludedAndCountedNotReadAsCreditNotes() throws {
    let h = try load(Self.businessCentral)
    #expect(h.invoiceIDs == ["103001", "103002", "104001"])
    #expect(h.amount == [1000, 500, -100])
    #expect(h.sourceLines == [2, 4, 5])
    let d = try #require(h.report.dialect)
    #expect(d.excluded("payment") == [3, 6])
    #expect(
      h.report.lines.contains("payment/refund rows (document type) excluded: 2 (lines 3, 6)"))
    #expect(h.report.columnMapping["document_type"] == "Document Type")
    // Every other type keeps its row.
    let kept = try load(Self.businessCentral.replacingOccurrences(of: "Payment", with: "Invoice"))
    #expect(kept.count == 4)
  }

  @Test func writtenOffStatusMarksTheInvoiceWrittenOff() throws {
    let h = try load(Self.xero)
    #expect(h.writtenOff == [false, false, true])
    #expect(h.report.dialect?.writtenOffFromStatus == 1)
  }

  @Test func statusesThatChangeNothingKeepEveryRow() throws {
    let text = Self.xero.replacingOccurrences(of: "VOIDED", with: "Overdue")
      .replacingOccurrences(of: "Draft", with: "Sent")
      .replacingOccurrences(of: "Written Off", with: "Open")
      .replacingOccurrences(of: "Cancelled", with: "Paid")
    let h = try load(text)
    #expect(h.count == 6)
    #expect(h.writtenOff == [Bool](repeating: false, count: 6))
    #expect(h.report.dialect?.excludedRows.isEmpty ?? true)
  }

  /// A paid invoice without a payment date was read as open, and overdue forever.
  @Test func paidStatusWithoutADateIsAnError() throws {
    let text = """
      Customer,Invoice No,Date,Due Date,Total,Date Paid,Status
      C1,INV-1,2024-01-02,2024-02-01,100.00,2024-01-20,Paid
      C1,INV-2,2024-01-03,2024-02-02,200.00,,Paid

      """
    var caught: DataError?
    do { _ = try load(text) } catch let error as DataError { caught = error }
    let e = try #require(caught)
    #expect(e.line == 3 && e.column == 6)
    #expect(e.description.contains("(paid_date): empty, but the status on this line is 'Paid'"))
    #expect(e.description.contains("--map paid_date=COLUMN"))
    // With an open amount of 0, it is paid on a date the file does not give.
    let withOpen = text.replacingOccurrences(of: ",Status", with: ",Status,Amount Due")
      .replacingOccurrences(of: ",Paid\n", with: ",Paid,0\n")
    let h = try load(withOpen)
    #expect(h.paidDate[1] == nil && h.openAmount?[1] == 0)
  }

  /// Zoho Books exports the date of the last payment: a partly paid invoice has one, beside
  /// the balance it still owes, and was read as paid in full on that date.
  @Test func paymentDateBesideAnOpenBalanceIsAPartPayment() throws {
    let text = """
      Invoice Date,Invoice Number,Customer ID,Due Date,Total,Balance,Last Payment Date
      2024-01-02,INV-1,C1,2024-02-01,1000.00,0.00,2024-01-20
      2024-01-03,INV-2,C1,2024-02-02,1000.00,400.00,2024-01-25
      2024-01-04,INV-3,C2,2024-02-03,1000.00,1000.00,
      2024-01-05,INV-4,C2,2024-02-04,-50.00,-50.00,2024-01-26

      """
    let h = try load(text)
    #expect(h.paidDate[0] == Day(iso: "2024-01-20"))
    #expect(h.paidDate[1] == nil && h.paidDate[2] == nil && h.paidDate[3] == nil)
    #expect(h.openAmount == [0, 400, 1000, -50])
    #expect(h.report.partPaymentLines == [3, 5])
    #expect(
      h.report.lines.contains(
        "paid_date: 2 part payments read as open, their open amount not 0 (lines 3, 5)"))
  }

  /// FreshBooks and Sage write the amount paid in `Paid`, beside the date in `Date Paid`.
  @Test func datePaidWinsOverAnAmountPaidColumn() throws {
    let text = """
      Customer,Invoice #,Date,Due Date,Amount,Paid,Outstanding,Date Paid
      C1,INV-1,2024-01-02,2024-02-01,"$1,259.75","$1,259.75",$0.00,2024-01-20
      C2,INV-2,2024-01-03,2024-02-02,$99.00,$0.00,$99.00,

      """
    let h = try load(text)
    #expect(h.report.columnMapping["paid_date"] == "Date Paid")
    #expect(h.paidDate[0] == Day(iso: "2024-01-20") && h.paidDate[1] == nil)
    #expect(h.report.ignoredColumns == ["Paid"])
  }
}
