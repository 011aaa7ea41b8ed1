/// Invoices and their payments, one array per column (row `i` of every array is invoice `i`).
///
/// Columnar storage keeps a 10M-invoice history compact and lets the engine scan one
/// attribute at a time. Rows are in file order. Optional columns that the file did not have
/// are nil (`currency`, `region`, `industry`, `creditLimit`) or all false (the flags).
public struct InvoiceHistory: Sendable {
  /// Invoice ids as written (leading zeros kept); empty after `releaseIdentifiers()`.
  public var invoiceIDs: InvoiceIDs
  /// For each invoice, the index of its customer in `customerIDs`; empty after
  /// `releaseCustomerIndex()`.
  public var customerIndex: [Int32]
  /// Distinct customer ids, in order of first appearance.
  public var customerIDs: [String]
  /// Issue (invoice) date.
  public var issueDate: [Day]
  /// Due date (from `due_date`, or issue date plus `terms_days`).
  public var dueDate: [Day]
  /// Invoice amount; negative for credit notes.
  public var amount: [Double]
  /// Payment date; nil while the invoice is open.
  public var paidDate: OptionalDays
  /// Currency code; nil when the column is absent.
  public var currency: Categorical?
  /// True when the invoice is or was disputed.
  public var disputed: [Bool]
  /// True when the invoice was sent electronically.
  public var paperless: [Bool]
  /// True when the invoice was written off as bad debt.
  public var writtenOff: [Bool]
  /// Region or country code; nil when absent.
  ///
  /// `NA` is a level (North America), not a missing value.
  public var region: Categorical?
  /// Industry; nil when absent.
  public var industry: Categorical?
  /// Customer credit limit at the time; NaN = missing; nil when the column is absent.
  public var creditLimit: [Double]?
  /// What was still owed on each invoice when the file was exported (`open_amount`).
  ///
  /// Between 0 and the amount (a credit note: between the amount and 0); NaN = not given;
  /// nil when the column is absent. Partly paid invoices owe less than their amount.
  public var openAmount: [Double]?
  /// Physical line of each invoice in the source file, for messages; empty after
  /// `releaseIdentifiers()` or `releaseSourceLines()`.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport

  /// Number of invoices.
  public var count: Int { issueDate.count }

  /// Empties the invoice ids and source lines (20 bytes an invoice).
  ///
  /// For a caller that will not name an invoice or a line of the file again (training reads
  /// neither). The other columns and `count` are unchanged.
  public mutating func releaseIdentifiers() {
    invoiceIDs = InvoiceIDs()
    releaseSourceLines()
  }

  /// Empties the customer index (4 bytes an invoice).
  ///
  /// For a caller that has grouped the invoices by customer and will not look up an invoice's
  /// customer again (training, once its feature sweep has its grouping). The other columns and
  /// `count` are unchanged.
  public mutating func releaseCustomerIndex() {
    customerIndex = []
  }

  /// Empties the source lines (4 bytes an invoice), for a caller that will not name a line
  /// of the file again: the load's checks and the currency conversion are the only readers.
  public mutating func releaseSourceLines() {
    sourceLines = []
  }

  /// A history from its columns (all arrays must have the same length).
  public init(
    invoiceIDs: InvoiceIDs, customerIndex: [Int32], customerIDs: [String], issueDate: [Day],
    dueDate: [Day], amount: [Double], paidDate: OptionalDays, currency: Categorical? = nil,
    disputed: [Bool]? = nil, paperless: [Bool]? = nil, writtenOff: [Bool]? = nil,
    region: Categorical? = nil, industry: Categorical? = nil, creditLimit: [Double]? = nil,
    openAmount: [Double]? = nil,
    sourceLines: [Int32]? = nil, report: LoadReport = LoadReport(fileName: "")
  ) {
    let n = invoiceIDs.count
    precondition(
      customerIndex.count == n && issueDate.count == n && dueDate.count == n
        && amount.count == n && paidDate.count == n, "history columns differ in length")
    self.invoiceIDs = invoiceIDs
    self.customerIndex = customerIndex
    self.customerIDs = customerIDs
    self.issueDate = issueDate
    self.dueDate = dueDate
    self.amount = amount
    self.paidDate = paidDate
    self.currency = currency
    self.disputed = disputed ?? [Bool](repeating: false, count: n)
    self.paperless = paperless ?? [Bool](repeating: false, count: n)
    self.writtenOff = writtenOff ?? [Bool](repeating: false, count: n)
    self.region = region
    self.industry = industry
    self.creditLimit = creditLimit
    self.openAmount = openAmount
    self.sourceLines = sourceLines ?? (0..<n).map { Int32($0 + 2) }
    self.report = report
  }
}
