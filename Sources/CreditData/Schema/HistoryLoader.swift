/// Reads an invoice history CSV into an `InvoiceHistory`, converting while it tokenises.
///
/// One pass over the bytes: every row is split into field ranges and each used field is
/// converted straight from bytes (numbers with `DecimalParser`, dates into packed parts,
/// ids and categories interned through a byte-keyed hash table). Only invoice ids and
/// distinct customer ids and category levels become `String`s. Date columns are converted
/// to `Day` after the pass, once each column's layout is known (see `DateFormat`). Files of
/// several megabytes without quotes are read in chunks on both cores (see `HistoryPass`);
/// the result and any error are the same as from one pass.
///
/// Values: fields are trimmed of surrounding spaces; amounts are plain decimals (negative =
/// credit note); flags are read by `FlagParser` (empty = false; `paperless` also accepts
/// Electronic = true, Paper = false); `NA` is an ordinary value; empty `credit_limit` is NaN.
/// Rows are checked: required fields non-empty, invoice ids unique, due and paid dates not
/// before the issue date, years within 1900...2199.
///
/// Reading does not depend on the process locale.
public enum HistoryLoader {
  /// Reads and parses the history file at `path`.
  ///
  /// - Throws: `DataError` (one line: file, line, column, text, expectation).
  /// - Complexity: O(n) in the file size; one pass plus a pass over each date column.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> InvoiceHistory
  {
    try CSVReader.withMappedFile(path: path) { buf in
      guard let p = buf.baseAddress, !buf.isEmpty else {
        throw DataError(.header, file: path, message: "file is empty; expected a header line")
      }
      return try parse(p, count: buf.count, fileName: path, options: options)
    }
  }

  /// Parses a whole history file held in memory; `fileName` is used in messages.
  ///
  /// - Throws: `DataError`.
  public static func parse(
    bytes: [UInt8], fileName: String, options: LoadOptions = LoadOptions()
  ) throws -> InvoiceHistory {
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress, !buf.isEmpty else {
        throw DataError(.header, file: fileName, message: "file is empty; expected a header line")
      }
      return try parse(p, count: buf.count, fileName: fileName, options: options)
    }
  }

  /// How a load cuts a large file's rows into chunks that are read concurrently.
  ///
  /// The chunks depend only on the file's bytes and these two numbers, never on the machine,
  /// and the result never depends on the chunks. Tests lower `minimumBytes` to split small
  /// files.
  @_spi(Testing) public struct Chunking: Sendable {
    /// The fewest bytes of rows worth a chunk of their own.
    public var minimumBytes: Int
    /// The most chunks a file is cut into.
    public var maximumChunks: Int

    /// Chunks of at least `minimumBytes` bytes, at most `maximumChunks` of them.
    public init(minimumBytes: Int, maximumChunks: Int) {
      self.minimumBytes = minimumBytes
      self.maximumChunks = maximumChunks
    }

    /// What `load` and `parse` use.
    public static let standard = Chunking(minimumBytes: 4 << 20, maximumChunks: 2)
    /// One pass on the calling thread, whatever the size.
    public static let none = Chunking(minimumBytes: .max, maximumChunks: 1)
  }

  /// `parse(bytes:fileName:options:)` with the rows cut into chunks as `chunking` says.
  @_spi(Testing) public static func parse(
    bytes: [UInt8], fileName: String, options: LoadOptions = LoadOptions(), chunking: Chunking
  ) throws -> InvoiceHistory {
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress, !buf.isEmpty else {
        throw DataError(.header, file: fileName, message: "file is empty; expected a header line")
      }
      return try parse(
        p, count: buf.count, fileName: fileName, options: options, chunking: chunking)
    }
  }

  /// The byte offsets where a load with `chunking` starts its chunks of rows: only the
  /// first data row's when the file is read in one pass.
  @_spi(Testing) public static func chunkStarts(bytes: [UInt8], chunking: Chunking) throws
    -> [Int]
  {
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress, !buf.isEmpty else { return [] }
      let start = try CSVReader.validatedStart(p, count: buf.count, fileName: "")
      var scanner = CSVScanner(
        base: p, count: buf.count, start: start, fieldCapacity: rowCapacity, fileName: "")
      guard try scanner.nextRow() else { return [] }
      let bounds = HistoryPass.chunkBounds(p, start: scanner.position, end: buf.count, chunking)
      return Array(bounds.dropLast())
    }
  }

  // MARK: - The pass

  /// Fields a row may have (more is an error naming the count).
  static let rowCapacity = 4096

  static func parse(
    _ p: UnsafePointer<UInt8>, count n: Int, fileName: String, options: LoadOptions,
    chunking: Chunking = .standard
  ) throws -> InvoiceHistory {
    let start = try CSVReader.validatedStart(p, count: n, fileName: fileName)
    var scanner = CSVScanner(
      base: p, count: n, start: start, fieldCapacity: rowCapacity, fileName: fileName)
    guard try scanner.nextRow() else {
      throw DataError(.header, file: fileName, message: "file is empty; expected a header line")
    }
    let header = try CSVTable.readHeader(&scanner)
    let schema = InputSchema.history
    let mapping = try schema.resolve(
      header: header, columnMap: options.columnMap, fileName: fileName)
    let columns = HistoryColumns(mapping, width: header.count)
    let iID = columns.id
    let iIssue = columns.issue
    let iDue = columns.due
    let iPaid = columns.paid
    let iCurrency = columns.currency
    let iRegion = columns.region
    let iIndustry = columns.industry
    let iLimit = columns.limit
    if iDue < 0, columns.terms < 0 {
      throw DataError(
        .header, file: fileName, line: 1,
        message: "missing required column 'due_date' or 'terms_days' (accepted names: due_date, "
          + "DueDate, due, terms_days, terms, payment_terms); the header has: "
          + header.joined(separator: ", ") + "; use --map due_date=YourColumn")
    }
    var ctx = LoadContext(base: p, count: n, start: start, fileName: fileName, header: header)
    ctx.canonicalName = Dictionary(
      mapping.index.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })

    let pass = HistoryPass(
      base: p, count: n, start: scanner.position, line: scanner.nextLine, columns: columns,
      context: ctx, forced: options.dateFormat)
    var rows = try pass.read(chunking)
    rows.blankLines += scanner.blankLines
    let invoiceIDs = rows.invoiceIDs
    let sourceLines = rows.sourceLines
    let terms = rows.terms

    // Duplicate ids and date layouts are independent: check them side by side, then report
    // in the order a single pass does (duplicates first).
    var dateColumns = [
      LoadContext.DateColumn(canonical: "issue_date", column: iIssue, raw: rows.issueRaw)
    ]
    if iDue >= 0 {
      dateColumns.append(.init(canonical: "due_date", column: iDue, raw: rows.dueRaw))
    }
    dateColumns.append(.init(canonical: "paid_date", column: iPaid, raw: rows.paidRaw))
    let (duplicate, dates) = Concurrent.both(
      {
        rows.invoiceHashes.firstDuplicate(isEqual: {
          invoiceIDs[$0].utf8.elementsEqual(invoiceIDs[$1].utf8)
        })
      },
      { Result { try ctx.resolveDates(dateColumns, lines: sourceLines) } })
    if let (first, second) = duplicate {
      throw ctx.fieldError(
        .row, line: Int(sourceLines[second]), column: iID, text: invoiceIDs[second],
        "is a duplicate of the invoice id on line \(sourceLines[first]); expected each invoice "
          + "once")
    }

    // MARK: Dates: convert, check order.
    let (days, formats) = try dates.get()
    let count = sourceLines.count
    var issueDate = [Day](repeating: Day(rawValue: 0), count: count)
    var dueDate = [Day](repeating: Day(rawValue: 0), count: count)
    let paidDate = days[days.count - 1]
    for i in 0..<count {
      guard let issue = days[0][i] else { continue }
      issueDate[i] = issue
      let due: Day
      if iDue >= 0, let d = days[1][i] {
        due = d
        if d < issue {
          let line = Int(sourceLines[i])
          throw ctx.fieldError(
            .row, line: line, column: iDue, text: ctx.text(line: line, column: iDue),
            "is before the issue date \(issue); expected a due date on or after the issue date")
        }
      } else {
        due = issue.adding(days: Int(terms[i]))
      }
      dueDate[i] = due
      if let paid = paidDate[i], paid < issue {
        let line = Int(sourceLines[i])
        throw ctx.fieldError(
          .row, line: line, column: iPaid, text: ctx.text(line: line, column: iPaid),
          "is before the issue date \(issue); expected a payment on or after the issue date")
      }
    }

    guard count > 0 else {
      throw DataError(
        .row, file: fileName,
        message: "has a header but no invoice rows; expected at least one invoice")
    }

    let report = LoadReport(
      fileName: fileName, rowsRead: count, blankLinesSkipped: rows.blankLines,
      ignoredColumns: mapping.ignored, dateFormats: formats, columnMapping: mapping.used)
    return InvoiceHistory(
      invoiceIDs: invoiceIDs, customerIndex: rows.customerIndex, customerIDs: rows.customerIDs,
      issueDate: issueDate, dueDate: dueDate, amount: rows.amount, paidDate: paidDate,
      currency: iCurrency >= 0 ? rows.currency.categorical : nil,
      disputed: rows.disputed, paperless: rows.paperless, writtenOff: rows.writtenOff,
      region: iRegion >= 0 ? rows.region.categorical : nil,
      industry: iIndustry >= 0 ? rows.industry.categorical : nil,
      creditLimit: iLimit >= 0 ? rows.creditLimit : nil,
      sourceLines: sourceLines, report: report)
  }
}
