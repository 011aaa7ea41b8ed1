/// Disputes, one row per dispute, columns as arrays (from `DisputeTable.load`).
public typealias DisputeTable = EventTable<DisputeFields>

/// The columns of a disputes file (`InputSchema.disputes`).
///
/// Reading one throws a `DataError` naming file, line and column for an empty invoice id or
/// opening date, a date that is not a day, a dispute resolved before it was opened.
public struct DisputeFields: Sendable {
  /// The disputed invoice.
  public var invoiceIDs: [String]
  /// The day the dispute was opened.
  public var opened: [Day]
  /// The day it was resolved; nil while open.
  public var resolved: [Day?]
  /// Why, as written ("" when the file has no reason).
  public var reason: [String]
}

extension DisputeFields: EventFields {
  public static let layout = EventLayout(
    schema: .disputes,
    values: [
      .requiredText("invoice_id", expected: "an invoice id"), .date("opened", required: true),
      .date("resolved", required: false), .text("reason"),
    ],
    dateOrders: [.init(later: "resolved", earlier: "opened", event: "the dispute was opened")])

  public init(_ rows: EventRows) {
    self.init(
      invoiceIDs: rows.text("invoice_id"), opened: rows.requiredDays("opened"),
      resolved: rows.days("resolved"), reason: rows.text("reason"))
  }

  public var lengths: [Int] { [invoiceIDs.count, opened.count, resolved.count, reason.count] }
}

extension DisputeTable {
  /// A table from its columns (all of the same length).
  public init(
    invoiceIDs: [String], opened: [Day], resolved: [Day?], reason: [String],
    sourceLines: [Int32]? = nil, report: LoadReport = LoadReport(fileName: "")
  ) {
    self.init(
      DisputeFields(invoiceIDs: invoiceIDs, opened: opened, resolved: resolved, reason: reason),
      sourceLines: sourceLines, report: report)
  }
}
