/// What an export's document type column (`Document Type` in a Microsoft Dynamics 365
/// Business Central customer ledger, `Belegart`) says about a row, where that changes how it
/// is read.
///
/// A customer ledger lists payments and refunds beside the invoices and credit memos they
/// settle, as rows of their own: a payment's amount is negative, so read as an invoice it
/// would be a credit note, lowering the customer's balance a second time (its invoice is
/// already closed, with the date the payment closed it). Such rows are excluded, counted and
/// listed, as a status column's void rows are (`InvoiceStatus`). Every other type
/// (`Invoice`, `Credit Memo`, `Finance Charge Memo`, an SAP code such as `RV`) leaves the row
/// to its dates and amounts.
enum DocumentType {
  /// A payment received or a refund made: `Payment`, `Refund`, `Zahlung`, `Erstattung`. The
  /// row is not an invoice; it is excluded, counted and listed.
  case payment

  /// The type of a cell, by its letters only (`Customer payment` = `customerpayment`); nil for
  /// the types that change nothing.
  init?(_ text: String) {
    let key = String(text.lowercased().filter { $0.isLetter })
    guard DocumentType.paymentWords.contains(key) else { return nil }
    self = .payment
  }

  static let paymentWords: Set<String> = [
    "payment", "payments", "customerpayment", "refund", "zahlung", "zahlungseingang",
    "erstattung",
  ]
}
