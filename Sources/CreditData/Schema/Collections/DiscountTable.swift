/// Early-payment discounts offered, one row per offered invoice (from `DiscountTable.load`).
public typealias DiscountTable = EventTable<DiscountFields>

/// The columns of a discounts file (`InputSchema.discounts`: `invoice_id, taken`; the offer's
/// `customer_id, discount_percent, discount_days` are recognised and not needed).
///
/// Reading one throws a `DataError` naming file, line and column for an empty invoice id, a
/// `taken` that is not a yes/no value (empty = the window still runs).
public struct DiscountFields: Sendable {
  /// The invoice offered the discount.
  public var invoiceIDs: [String]
  /// True when the discount was taken, false once its window lapsed; nil while it runs.
  public var taken: [Bool?]
}

extension DiscountFields: EventFields {
  public static let layout = EventLayout(
    schema: .discounts,
    values: [.requiredText("invoice_id", expected: "an invoice id"), .flag("taken")])

  public init(_ rows: EventRows) {
    self.init(invoiceIDs: rows.text("invoice_id"), taken: rows.flag("taken"))
  }

  public var lengths: [Int] { [invoiceIDs.count, taken.count] }
}

extension DiscountTable {
  /// A table from its columns (of the same length).
  public init(
    invoiceIDs: [String], taken: [Bool?], sourceLines: [Int32]? = nil,
    report: LoadReport = LoadReport(fileName: "")
  ) {
    self.init(
      DiscountFields(invoiceIDs: invoiceIDs, taken: taken), sourceLines: sourceLines,
      report: report)
  }
}
