/// Reading a history from any export: the plain fast path when the file is plain, else the
/// normalised text (`ExportReader`); then one currency per history.
extension HistoryLoader {
  /// Reads a history from the whole content of a file, plain or not.
  ///
  /// A file that looks plain is read by the fast path; when that fails, the file is
  /// normalised and, if that changed anything, read again from the normalised text (else the
  /// fast path's error stands, unless the normaliser stopped with one of its own). A file
  /// that does not look plain is only read normalised.
  ///
  /// - Throws: `DataError`.
  static func parseExport(
    _ p: UnsafePointer<UInt8>, count n: Int, fileName: String, options: LoadOptions,
    chunking: Chunking = .standard
  ) throws -> InvoiceHistory {
    let history: InvoiceHistory
    var pointsUnseen = false
    if ExportReader.looksPlain(
      p, count: n, schema: .history, options: options, pointsUnseen: &pointsUnseen)
    {
      // First amounts without a point: one further on may group thousands (`1.234`), and the
      // fast path leaves the file to the normaliser there (without this, every such file went
      // to the normaliser: 7.7 s instead of 0.2 s over a million whole-number invoices).
      var fast = options
      fast.pointEndsFastPath = pointsUnseen && options.decimalMark == nil
      do {
        history = try parse(p, count: n, fileName: fileName, options: fast, chunking: chunking)
      } catch let error as DataError where error.kind != .io {
        // The normaliser's own error (an amount in another currency than its row's, a
        // decimal mark to decide) says more than the fast path's "not a number".
        let (bytes, dialect) = try ExportReader.normalize(
          p, count: n, schema: .history, options: options, fileName: fileName)
        if dialect.isPlain && error.message == DecimalParser.pointAfterWholeAmounts {
          // The normaliser found the points decimal: plain after all.
          history = try parse(
            p, count: n, fileName: fileName, options: options, chunking: chunking)
        } else {
          guard !dialect.isPlain else { throw error }
          history = try parseNormalized(bytes, dialect, fileName: fileName, options: options)
        }
      }
    } else {
      let (bytes, dialect) = try ExportReader.normalize(
        p, count: n, schema: .history, options: options, fileName: fileName)
      history = try parseNormalized(bytes, dialect, fileName: fileName, options: options)
    }
    return history
  }

  /// Reads a history from the rows of a worksheet (`WorkbookReader`): the header found
  /// among them, totals excluded, amounts and dates read as in a text export, Excel serials
  /// in date columns counted in the workbook's `dateSystem`.
  ///
  /// A worksheet stores no empty cell and no empty row: `rows` has only rows with a value,
  /// each ending at its last one. A row shorter than the header ends in empty cells, and
  /// each row number (up to the last row's) that no row has is a blank line, skipped and
  /// counted as in a text export.
  ///
  /// - Throws: `DataError`.
  public static func parse(
    rows: [RawRow], fileName: String, sheet: String, dateSystem: ExcelDateSystem,
    options: LoadOptions = LoadOptions()
  ) throws -> InvoiceHistory {
    var dialect = InputDialect()
    dialect.delimiter = "xlsx"
    dialect.sheet = sheet
    dialect.blankLines = max(0, (rows.map(\.line).max() ?? 0) - rows.count)
    var normalizer = ExportNormalizer(schema: .history, options: options, fileName: fileName)
    normalizer.delimiter = dialect.delimiter
    normalizer.dateSystem = dateSystem
    let (bytes, found) = try normalizer.normalize(rows, dialect: dialect)
    return try parseNormalized(bytes, found, fileName: fileName, options: options)
  }

  /// Reads normalised text; the blank lines counted are the export's own, not those written
  /// for the lines left out.
  static func parseNormalized(
    _ bytes: [UInt8], _ dialect: InputDialect, fileName: String, options: LoadOptions
  ) throws -> InvoiceHistory {
    var history = try bytes.withUnsafeBufferPointer { buf in
      let q = try CSVReader.firstByte(of: buf, fileName: fileName)
      var plain = options
      plain.columnMap = options.columnMap
      return try parse(q, count: buf.count, fileName: fileName, options: plain, chunking: .none)
    }
    history.report.dialect = dialect
    history.report.blankLinesSkipped = dialect.blankLines
    return history
  }
}
