/// What an export's status column (`Status`, `Invoice Status`) says about a row, where that
/// changes how it is read.
///
/// Accounting systems keep voided, cancelled and draft invoices in their exports, with a
/// status and no payment date: read as invoices, they would be open and overdue forever.
/// Every other status (`Paid`, `Open`, `Overdue`, `Sent`, `Authorised`, ...) leaves the row
/// to its dates and amounts.
enum InvoiceStatus {
  /// Never issued or cancelled: `Void`, `Voided`, `Cancelled`, `Deleted`, `Draft`, `Storniert`.
  /// The row is not an invoice; it is excluded, counted and listed.
  case void
  /// Given up as uncollectible: `Written off`, `Write-off`, `Bad debt`, `Uncollectible`,
  /// `Abgeschrieben`. The row is read as with `written_off` true.
  case writtenOff
  /// Paid in full: `Paid`, `Fully paid`, `Bezahlt`. Without a payment date or an open
  /// amount, the row would be read as open: that is an error.
  case paid

  /// The status of a cell, by its letters only (`Written-off` = `written off`); nil for the
  /// statuses that change nothing.
  init?(_ text: String) {
    let key = String(text.lowercased().filter { $0.isLetter })
    if InvoiceStatus.voidWords.contains(key) {
      self = .void
    } else if InvoiceStatus.writtenOffWords.contains(key) {
      self = .writtenOff
    } else if InvoiceStatus.paidWords.contains(key) {
      self = .paid
    } else {
      return nil
    }
  }

  static let voidWords: Set<String> = [
    "void", "voided", "cancelled", "canceled", "cancel", "deleted", "draft", "storniert",
    "storno",
  ]

  static let writtenOffWords: Set<String> = [
    "writtenoff", "writeoff", "baddebt", "uncollectible", "abgeschrieben",
  ]

  static let paidWords: Set<String> = ["paid", "fullypaid", "bezahlt"]
}
