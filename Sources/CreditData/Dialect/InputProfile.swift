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
  ///
  /// - Parameter dateFormats: the layout detected in each date column; when every column had
  ///   the same day-and-month order (`D/M/YYYY`, say), the profile forces it, so that a later
  ///   export whose dates are all ambiguous (no day above 12) is read the same way.
  public init(
    options: LoadOptions, dialect: InputDialect?, dateFormats: [String: DateFormat] = [:],
    exchangeRatesFile: String?
  ) {
    let d = dialect ?? InputDialect()
    encoding = options.encoding ?? d.encoding
    delimiter = options.delimiter ?? (d.sheet == nil ? d.delimiter : nil)
    headerLine = options.headerLine ?? d.headerLine
    let marks = Set(d.decimalMarks.values)
    decimalMark = options.decimalMark ?? (marks.count == 1 ? marks.first : nil)
    columnMap = options.columnMap
    let layouts = Set(dateFormats.values)
    let order = layouts.count == 1 ? layouts.first.flatMap { $0 == .iso ? nil : $0 } : nil
    dateFormat = (options.dateFormat ?? order)?.rawValue
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
