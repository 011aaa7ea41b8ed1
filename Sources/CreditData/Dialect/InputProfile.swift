/// A reading profile: how to read an export, saved once by `inspect --save-profile` and
/// replayed with `--profile` so that a daily run of the same export needs no flags.
///
/// It holds what was detected or given (encoding, separator, header line, decimal mark,
/// column map, date layout, worksheet, exchange-rates file) and, for the reader's
/// information, what the detection found (the `InputDialect`). Flags given with
/// `--profile` override its values.
public struct InputProfile: Sendable, Codable, Equatable {
  /// The format name and version of the file.
  public var format = "creditrisk-input-profile/1"
  public var encoding: TextEncoding?
  public var delimiter: String?
  public var headerLine: Int?
  public var decimalMark: DecimalMark?
  public var columnMap: [String: String] = [:]
  public var dateFormat: String?
  public var sheet: String?
  /// The `--fx` rates file, as given.
  public var exchangeRatesFile: String?
  /// What the detection found when the profile was saved.
  public var detected: InputDialect?

  /// A profile replaying `options` and what reading with them found.
  public init(options: LoadOptions, dialect: InputDialect?, exchangeRatesFile: String?) {
    let d = dialect ?? InputDialect()
    encoding = options.encoding ?? d.encoding
    delimiter = options.delimiter ?? (d.sheet == nil ? d.delimiter : nil)
    headerLine = options.headerLine ?? d.headerLine
    let marks = Set(d.decimalMarks.values)
    decimalMark = options.decimalMark ?? (marks.count == 1 ? marks.first : nil)
    columnMap = options.columnMap
    dateFormat = options.dateFormat?.rawValue
    sheet = options.sheet ?? d.sheet
    self.exchangeRatesFile = exchangeRatesFile
    detected = dialect
  }

  /// The options the profile replays (the rates file is read by the caller).
  public var options: LoadOptions {
    LoadOptions(
      columnMap: columnMap, dateFormat: dateFormat.flatMap(DateFormat.init(name:)),
      encoding: encoding, delimiter: delimiter, decimalMark: decimalMark, headerLine: headerLine,
      sheet: sheet)
  }
}
