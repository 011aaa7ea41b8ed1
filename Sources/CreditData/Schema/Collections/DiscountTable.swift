/// Early-payment discounts offered, one row per offered invoice (from `DiscountTable.load`).
public struct DiscountTable: Sendable {
  /// The invoice offered the discount.
  public var invoiceIDs: [String]
  /// True when the discount was taken, false once its window lapsed; nil while it runs.
  public var taken: [Bool?]
  /// Physical line of each row in the file.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport

  /// Number of offers.
  public var count: Int { invoiceIDs.count }

  /// A table from its columns (of the same length).
  public init(
    invoiceIDs: [String], taken: [Bool?], sourceLines: [Int32]? = nil,
    report: LoadReport = LoadReport(fileName: "")
  ) {
    precondition(invoiceIDs.count == taken.count, "discount columns differ in length")
    self.invoiceIDs = invoiceIDs
    self.taken = taken
    self.sourceLines = sourceLines ?? (0..<invoiceIDs.count).map { Int32($0 + 2) }
    self.report = report
  }

  /// Reads a discounts CSV (`InputSchema.discounts`: `invoice_id, taken`; the offer's
  /// `customer_id, discount_percent, discount_days` are recognised and not needed).
  ///
  /// - Throws: `DataError` naming file, line and column: an empty invoice id, a `taken` that
  ///   is not a yes/no value (empty = the window still runs).
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> DiscountTable
  {
    try EventFileReader.read(path: path, schema: .discounts, options: options) { r in
      var invoices: [String] = []
      var taken: [Bool?] = []
      while try r.next() {
        invoices.append(try r.requiredText("invoice_id", expected: "an invoice id"))
        taken.append(try r.optionalFlag("taken"))
      }
      return DiscountTable(
        invoiceIDs: invoices, taken: taken, sourceLines: r.lines, report: r.report(formats: [:]))
    }
  }
}

extension EventFileReader {
  /// The yes/no value in column `name`; nil when empty.
  mutating func optionalFlag(_ name: String) throws -> Bool? {
    let k = mapping.column(name)
    let f = scanner.trimmedField(k)
    if f.isEmpty { return nil }
    guard let v = FlagParser.parse(f, paperless: false) else {
      throw context.fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        FlagParser.expectation(paperless: false))
    }
    return v
  }
}
