/// The rows of an event file beside the history (promises, disputes, discounts offered,
/// accepted plans): the kind's columns as arrays, each row's line in the file and how the
/// file was read.
///
/// Every kind is read by the one loader, `load`, from the kind's layout (`EventFields.layout`):
/// the values each row gives and the order its dates keep. The kind's columns read as the
/// table's own: `promises.invoiceIDs[i]`.
@dynamicMemberLookup
public struct EventTable<Fields: EventFields>: Sendable {
  /// The kind's columns, a value per row.
  public var fields: Fields
  /// Physical line of each row in the file.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport

  /// Number of rows.
  public var count: Int { sourceLines.count }

  /// A table from its columns (all of the same length), its rows on lines 2, 3, … unless
  /// `sourceLines` says otherwise.
  public init(
    _ fields: Fields, sourceLines: [Int32]? = nil, report: LoadReport = LoadReport(fileName: "")
  ) {
    let n = fields.lengths.first ?? 0
    precondition(fields.lengths.allSatisfy { $0 == n }, "\(Fields.self) differ in length")
    self.fields = fields
    self.sourceLines = sourceLines ?? (0..<n).map { Int32($0 + 2) }
    self.report = report
  }

  /// The column `column` of the kind's columns.
  public subscript<T>(dynamicMember column: WritableKeyPath<Fields, T>) -> T {
    get { fields[keyPath: column] }
    set { fields[keyPath: column] = newValue }
  }

  /// Reads a file of this kind: header names matched as the history's are (`Fields.layout`'s
  /// schema), dates detected per column (or `options.dateFormat`), amounts plain decimals.
  ///
  /// - Throws: `DataError` naming file, line and column, as the kind's fields say.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> Self {
    let layout = Fields.layout
    return try EventFileReader.read(path: path, schema: layout.schema, options: options) { r in
      let rows = try r.readRows(layout)
      return EventTable(
        Fields(rows), sourceLines: r.lines, report: r.report(formats: rows.formats))
    }
  }
}

/// The columns of one kind of event file, a value per row, and how a row is read.
public protocol EventFields: Sendable {
  /// The file's schema, the values each row gives and the order its dates keep.
  static var layout: EventLayout { get }
  /// The columns of the rows read by `layout`.
  init(_ rows: EventRows)
  /// The length of each column (all the same in a table).
  var lengths: [Int] { get }
}

/// What a kind of event file holds: its schema, the values read from each row (in this
/// order, so a row's first bad value is the one reported) and the dates that may not be
/// before another on the same row.
public struct EventLayout: Sendable {
  /// A value read from each row, by canonical column name.
  enum Value: Sendable {
    /// Text, "" when empty or absent.
    case text(String)
    /// Text that may not be empty; the error says it expected `expected`.
    case requiredText(String, expected: String)
    /// A plain decimal above 0.
    case positiveAmount(String)
    /// A date; an empty one is an error when `required`, nil otherwise.
    case date(String, required: Bool)
    /// A yes/no value; nil when empty.
    case flag(String)
  }

  /// The day in column `later` may not be before the day in `earlier`, the day of `event`.
  struct DateOrder: Sendable {
    let later: String
    let earlier: String
    let event: String
  }

  let schema: InputSchema
  let values: [Value]
  var dateOrders: [DateOrder] = []
}

/// The columns of an event file's rows, by canonical column name (from `EventLayout`).
public struct EventRows {
  var texts: [String: [String]] = [:]
  var amounts: [String: [Double]] = [:]
  var dates: [String: [Day?]] = [:]
  var flags: [String: [Bool?]] = [:]
  /// The layouts decided for the date columns.
  var formats: [String: DateFormat] = [:]

  func text(_ name: String) -> [String] { texts[name] ?? [] }
  func amount(_ name: String) -> [Double] { amounts[name] ?? [] }
  func days(_ name: String) -> [Day?] { dates[name] ?? [] }
  /// The days of a required date column (read with `required: true`, so none is missing).
  func requiredDays(_ name: String) -> [Day] { days(name).map { $0 ?? Day(rawValue: 0) } }
  func flag(_ name: String) -> [Bool?] { flags[name] ?? [] }
}
