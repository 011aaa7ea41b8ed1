/// What a loader did with a file: rows, skipped lines, columns used and ignored, date layouts.
///
/// Nothing in the input is dropped silently: columns that feed no canonical column are listed
/// in `ignoredColumns`.
public struct LoadReport: Sendable, Equatable {
  /// The file name as given.
  public var fileName: String
  /// Data rows read (blank lines excluded).
  public var rowsRead: Int
  /// Blank lines (empty or only commas) skipped.
  public var blankLinesSkipped: Int
  /// Header names not used, in file order.
  public var ignoredColumns: [String]
  /// Canonical date column -> the layout used to read it (absent when the column is empty).
  public var dateFormats: [String: DateFormat]
  /// Canonical column -> the header name it was read from.
  public var columnMapping: [String: String]
  /// How the export was written, when it was not a plain comma-separated UTF-8 CSV.
  public var dialect: InputDialect?
  /// Amounts converted to one currency (`--fx`): the rates file and the reporting currency.
  public var conversion: String?
  /// What converting with `--fx` took as given, as warnings' texts: invoices without a
  /// currency (taken in the reporting currency), and per currency the invoices issued before
  /// its first dated rate (converted at that rate).
  public var conversionWarnings: [String] = []
  /// Lines whose payment date was a part payment, beside an open amount that is not 0: read
  /// as open (`HistoryRows.clearPartPaymentDates`).
  public var partPaymentLines: [Int] = []

  /// A report with the given facts.
  public init(
    fileName: String, rowsRead: Int = 0, blankLinesSkipped: Int = 0, ignoredColumns: [String] = [],
    dateFormats: [String: DateFormat] = [:], columnMapping: [String: String] = [:]
  ) {
    self.fileName = fileName
    self.rowsRead = rowsRead
    self.blankLinesSkipped = blankLinesSkipped
    self.ignoredColumns = ignoredColumns
    self.dateFormats = dateFormats
    self.columnMapping = columnMapping
  }

  /// Human-readable lines, for the CLI's verbose output.
  public var lines: [String] {
    var out = [
      "\(fileName): \(MessageText.counted(rowsRead, "row")), "
        + "\(MessageText.counted(blankLinesSkipped, "blank line")) skipped"
    ]
    let mapped = columnMapping.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    out.append("columns: " + mapped.joined(separator: ", "))
    if !dateFormats.isEmpty {
      let formats = dateFormats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      out.append("date formats: " + formats.joined(separator: ", "))
    }
    if !ignoredColumns.isEmpty {
      out.append("ignored columns: " + ignoredColumns.joined(separator: ", "))
    }
    out += dialect?.lines ?? ["encoding utf-8, delimiter ',', header on line 1"]
    if let conversion { out.append(conversion) }
    out += conversionWarnings
    if !partPaymentLines.isEmpty {
      out.append(
        "paid_date: \(partPaymentLines.count) part payments read as open, their open amount not "
          + "0 (\(InputDialect.lineList(partPaymentLines)))")
    }
    return out
  }
}
