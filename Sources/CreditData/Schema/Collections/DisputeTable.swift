/// Disputes, one row per dispute, columns as arrays (from `DisputeTable.load`).
public struct DisputeTable: Sendable {
  /// The disputed invoice.
  public var invoiceIDs: [String]
  /// The day the dispute was opened.
  public var opened: [Day]
  /// The day it was resolved; nil while open.
  public var resolved: [Day?]
  /// Why, as written ("" when the file has no reason).
  public var reason: [String]
  /// Physical line of each dispute in the file.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport

  /// Number of disputes.
  public var count: Int { invoiceIDs.count }

  /// A table from its columns (all of the same length).
  public init(
    invoiceIDs: [String], opened: [Day], resolved: [Day?], reason: [String],
    sourceLines: [Int32]? = nil, report: LoadReport = LoadReport(fileName: "")
  ) {
    let n = invoiceIDs.count
    precondition(
      [opened.count, resolved.count, reason.count].allSatisfy { $0 == n },
      "dispute columns differ in length")
    self.invoiceIDs = invoiceIDs
    self.opened = opened
    self.resolved = resolved
    self.reason = reason
    self.sourceLines = sourceLines ?? (0..<n).map { Int32($0 + 2) }
    self.report = report
  }

  /// Reads a disputes CSV (`InputSchema.disputes`): header names as the history's are
  /// matched, dates detected per column (or `options.dateFormat`).
  ///
  /// - Throws: `DataError` naming file, line and column: an empty invoice id or opening
  ///   date, a date that is not a day, a dispute resolved before it was opened.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> DisputeTable
  {
    try EventFileReader.read(path: path, schema: .disputes, options: options) { r in
      var invoices: [String] = []
      var reasons: [String] = []
      var opened = RawDateColumn(capacity: 0, forced: options.dateFormat)
      var resolved = RawDateColumn(capacity: 0, forced: options.dateFormat)
      while try r.next() {
        invoices.append(try r.requiredText("invoice_id", expected: "an invoice id"))
        try r.date("opened", into: &opened, required: true)
        try r.date("resolved", into: &resolved, required: false)
        reasons.append(r.text("reason"))
      }
      let (days, formats) = try r.resolveDates([("opened", opened), ("resolved", resolved)])
      try r.requireOrder(
        "resolved", days[1], notBefore: "opened", days[0], event: "the dispute was opened")
      return DisputeTable(
        invoiceIDs: invoices, opened: r.required(days[0]), resolved: days[1], reason: reasons,
        sourceLines: r.lines, report: r.report(formats: formats))
    }
  }
}
