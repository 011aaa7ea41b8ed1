/// How to read an input file when the header and values do not speak for themselves.
///
/// Every option left nil is detected from the file (see `ExportNormalizer`).
public struct LoadOptions: Sendable {
  /// Canonical column name -> source header name (the CLI's `--map canonical=Source`);
  /// overrides the built-in aliases.
  public var columnMap: [String: String]
  /// Forces one date layout for every date column (the CLI's `--date-format`); nil detects
  /// the layout per column.
  public var dateFormat: DateFormat?
  /// Forces the character encoding (`--encoding`).
  public var encoding: TextEncoding?
  /// Forces the field separator (`--delimiter`): `,` `;` `tab` or `|`.
  public var delimiter: String?
  /// Forces the decimal mark of every money column (`--decimal`).
  public var decimalMark: DecimalMark?
  /// Forces the physical line of the header (from a saved profile).
  public var headerLine: Int?
  /// The worksheet of a workbook to read (`--sheet`); nil reads the first.
  public var sheet: String?
  /// Exchange rates converting every amount to one reporting currency (`--fx`).
  public var exchangeRates: ExchangeRates?

  /// Options with the given overrides; the defaults detect everything.
  public init(
    columnMap: [String: String] = [:], dateFormat: DateFormat? = nil,
    encoding: TextEncoding? = nil, delimiter: String? = nil, decimalMark: DecimalMark? = nil,
    headerLine: Int? = nil, sheet: String? = nil, exchangeRates: ExchangeRates? = nil
  ) {
    self.columnMap = columnMap
    self.dateFormat = dateFormat
    self.encoding = encoding
    self.delimiter = delimiter
    self.decimalMark = decimalMark
    self.headerLine = headerLine
    self.sheet = sheet
    self.exchangeRates = exchangeRates
  }

  /// Whether the fast path gives up at an amount with a point, for the normaliser to read
  /// the file: set where the first look saw only amounts without one
  /// (`ExportReader.looksPlain`), and no `decimalMark` says what a point is.
  var pointEndsFastPath = false

  /// True when an option says the file is not a plain comma-separated UTF-8 CSV.
  var forcesDialect: Bool {
    (encoding != nil && encoding != .utf8) || (delimiter != nil && delimiter != ",")
      || decimalMark == .comma || (headerLine ?? 1) != 1
  }
}
