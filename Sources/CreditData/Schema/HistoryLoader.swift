import Parallelism

#if canImport(Glibc)
  import Glibc
#endif

/// Reads an invoice history CSV into an `InvoiceHistory`, converting while it tokenises.
///
/// One pass over the bytes, after a survey that checks their encoding and counts their
/// lines: every row is split into field ranges and each used field is converted straight
/// from bytes into the history's arrays (numbers with `DecimalParser`, dates to days, ids
/// and categories interned through a byte-keyed hash table). Only invoice ids and distinct
/// customer ids and category levels become `String`s. Slash dates are kept as packed parts
/// and converted after the pass, once each column's order is known (see `DateFormat`).
/// Files of several megabytes without quotes are read in chunks on both cores (see
/// `HistoryPass`); the result and any error are the same as from one pass.
///
/// Values: fields are trimmed of surrounding spaces; amounts are plain decimals (negative =
/// credit note); flags are read by `FlagParser` (empty = false; `paperless` also accepts
/// Electronic = true, Paper = false); `NA` is an ordinary value; empty `credit_limit` is NaN.
/// Rows are checked: required fields non-empty, invoice ids unique, due and paid dates not
/// before the issue date, years within 1900...2199.
///
/// Reading does not depend on the process locale.
public enum HistoryLoader {
  /// Reads and parses the history at `path` (`-` for standard input).
  ///
  /// - Throws: `DataError` (one line: file, line, column, text, expectation).
  /// - Complexity: O(n) in the file size; a survey and one pass over the bytes, then a pass
  ///   over the rows (date order) and one over each slash-date column.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> InvoiceHistory
  {
    let name = InputFile.displayName(path)
    return try InputFile.withContents(path: path) { buf in
      let p = try CSVReader.firstByte(of: buf, fileName: name)
      return try parseExport(p, count: buf.count, fileName: name, options: options)
    }
  }

  /// Reads and parses the history at `path` as `load(path:options:)` does, with the
  /// `ContentHash` of its bytes.
  ///
  /// The hash is computed on another thread while the rows are read: alone it would add
  /// about 20 ms per 100 MB to the load; beside the parse it costs what its share of the
  /// cores takes from it.
  ///
  /// - Throws: `DataError`, as `load(path:options:)`.
  public static func loadHashed(path: String, options: LoadOptions = LoadOptions()) throws
    -> (history: InvoiceHistory, contentHash: String)
  {
    let name = InputFile.displayName(path)
    return try InputFile.withContents(path: path) { buf in
      let bytes = Bytes(buffer: UnsafeRawBufferPointer(buf))
      // Each stretch hashed is given back (`InputFile.release`): the parse reads it again
      // from the file cache if it has not yet, and the file is never in memory whole.
      let hash = Background {
        ContentHash.hex(bytes.buffer, stretch: InputFile.ReleaseBehind.stride) {
          InputFile.release(UnsafeRawBufferPointer(rebasing: bytes.buffer[$0]))
        }
      }
      // The hash reads the mapping: wait for it before the mapping goes, also on error.
      defer { _ = hash.value }
      let p = try CSVReader.firstByte(of: buf, fileName: name)
      let history = try parseExport(p, count: buf.count, fileName: name, options: options)
      return (history, hash.value)
    }
  }

  /// Bytes handed to another thread that reads them while they are valid.
  private struct Bytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
  }

  /// Parses a whole history file held in memory; `fileName` is used in messages.
  ///
  /// - Throws: `DataError`.
  public static func parse(
    bytes: [UInt8], fileName: String, options: LoadOptions = LoadOptions()
  ) throws -> InvoiceHistory {
    try parse(bytes: bytes, fileName: fileName, options: options, chunking: .standard)
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
      let p = try CSVReader.firstByte(of: buf, fileName: fileName)
      return try parseExport(
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
      let rows = scanner.position
      // Rows with a quote are read in one pass (see `HistoryPass`).
      if memchr(p + rows, 34, buf.count - rows) != nil { return [rows] }
      let bounds = HistoryPass.chunkBounds(p, start: rows, end: buf.count, chunking)
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
    do {
      return try read(p, count: n, fileName: fileName, options: options, chunking: chunking)
    } catch let error as DataError where error.kind != .encoding {
      // Found before the whole file was checked (the pass checks the bytes it reads): an
      // encoding problem anywhere in the file is reported first, as when the file is
      // checked before it is read.
      _ = try CSVReader.validatedStart(p, count: n, fileName: fileName)
      throw error
    }
  }

  private static func read(
    _ p: UnsafePointer<UInt8>, count n: Int, fileName: String, options: LoadOptions,
    chunking: Chunking
  ) throws -> InvoiceHistory {
    let textStart = try CSVReader.textStart(p, count: n, fileName: fileName)
    var scanner = CSVScanner(
      base: p, count: n, start: textStart, fieldCapacity: rowCapacity, fileName: fileName)
    let header = try CSVTable.readFirstHeader(&scanner)
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
    let iOpen = columns.open
    var ctx = LoadContext(
      base: p, count: n, start: textStart, fileName: fileName, header: header, mapping: mapping)
    ctx.pointEndsFastPath = options.pointEndsFastPath

    let pass = HistoryPass(
      base: p, count: n, textStart: textStart, start: scanner.position, line: scanner.nextLine,
      columns: columns, context: ctx, forced: options.dateFormat)
    var (table, rows) = try pass.read(chunking)
    rows.blankLines += scanner.blankLines
    let invoiceIDs = InvoiceIDs(rows.ids)
    rows.ids = []
    let sourceLines = table.line
    let count = rows.count

    // Duplicate ids first (not needed when the ids increase), then date layouts, as a
    // single pass reports them.
    if !rows.idsIncreasing,
      let (first, second) = DuplicateFinder(keys: invoiceIDs).firstDuplicate(isEqual: { i, j in
        invoiceIDs.withUTF8(i) { a in invoiceIDs.withUTF8(j) { b in a.elementsEqual(b) } }
      })
    {
      // A credit note numbered as the invoice it credits: say what tells them apart.
      let creditNote = [second, first].first { table.amount[$0] < 0 }.map {
        "; line \(sourceLines[$0]) is a credit note (a negative amount), which needs an id of "
          + "its own: export its credit note number, or the invoice's id with a suffix (-CN)"
      }
      throw ctx.fieldError(
        .row, line: Int(sourceLines[second]), column: iID, text: invoiceIDs[second],
        "is a duplicate of the invoice id on line \(sourceLines[first])"
          + (creditNote ?? "; expected each invoice once"))
    }

    // MARK: Dates: decide slash layouts, convert in place, check order.
    var dateColumns = [
      LoadContext.DateColumn(canonical: "issue_date", column: iIssue, raw: rows.issueDates)
    ]
    if iDue >= 0 {
      dateColumns.append(.init(canonical: "due_date", column: iDue, raw: rows.dueDates))
    }
    dateColumns.append(.init(canonical: "paid_date", column: iPaid, raw: rows.paidDates))
    let formats = try ctx.decideDates(dateColumns, lines: sourceLines) { c, format in
      // Values were converted while reading unless they are slash dates without a forced
      // format.
      guard let format, dateColumns[c].raw.formatWhileReading == nil else { return nil }
      switch dateColumns[c].canonical {
      case "issue_date": return HistoryLoader.convert(&table.issue, format)
      case "due_date": return HistoryLoader.convert(&table.due, format)
      default: return HistoryLoader.convert(&table.paid, format)
      }
    }
    if let (row, column) = HistoryLoader.fillAndCheckDueDates(&table, hasDue: iDue >= 0) {
      let line = Int(sourceLines[row])
      let issue = table.issue[row]
      if column == .due {
        throw ctx.fieldError(
          .row, line: line, column: iDue, text: ctx.text(line: line, column: iDue),
          "is before the issue date \(issue); expected a due date on or after the issue date")
      }
      throw ctx.fieldError(
        .row, line: line, column: iPaid, text: ctx.text(line: line, column: iPaid),
        "is before the issue date \(issue); expected a payment on or after the issue date")
    }

    guard count > 0 else {
      throw DataError(
        .row, file: fileName,
        message: "has a header but no invoice rows; expected at least one invoice")
    }

    let partPaid = iOpen >= 0 ? HistoryRows.clearPartPaymentDates(&table) : []
    var report = LoadReport(
      fileName: fileName, rowsRead: count, blankLinesSkipped: rows.blankLines,
      ignoredColumns: mapping.ignored, dateFormats: formats, columnMapping: mapping.used)
    report.partPaymentLines = partPaid.map { Int(sourceLines[$0]) }
    report.conversionWarnings = mapping.warnings
    return InvoiceHistory(
      invoiceIDs: invoiceIDs, customerIndex: table.customer, customerIDs: rows.customerIDs,
      issueDate: table.issue, dueDate: table.due, amount: table.amount,
      paidDate: OptionalDays(storage: table.paid),
      currency: iCurrency >= 0
        ? Categorical(levels: rows.currency.strings, codes: table.currency) : nil,
      disputed: table.disputed, paperless: table.paperless, writtenOff: table.writtenOff,
      region: iRegion >= 0 ? Categorical(levels: rows.region.strings, codes: table.region) : nil,
      industry: iIndustry >= 0
        ? Categorical(levels: rows.industry.strings, codes: table.industry) : nil,
      creditLimit: iLimit >= 0 ? table.limit : nil, openAmount: iOpen >= 0 ? table.open : nil,
      sourceLines: sourceLines, report: report)
  }

  // MARK: - Dates after the pass

  /// Converts packed slash dates to days in place (empty dates, `HistoryStorage.noDay`, stay
  /// empty); returns the first row that is not a day in `format`.
  static func convert(_ dates: inout [Day], _ format: DateFormat) -> Int? {
    let calendar = RawDateColumn.Calendar()
    return dates.withUnsafeMutableBufferPointer { d in
      firstFailure(d.count) { i in
        let v = d[i].rawValue
        guard v != HistoryStorage.noDay.rawValue else { return true }
        guard let day = calendar.day(UInt32(v), format, shape: .slash) else { return false }
        d[i] = day
        return true
      }
    }
  }

  /// The date checked by `fillAndCheckDueDates` that came before the issue date.
  enum DateCheck { case due, paid }

  /// Sets each empty due date to the issue date plus the terms, and returns the first row
  /// (with the column) whose due date (from the file) or payment date is before its issue
  /// date; due dates are checked before payment dates in each row.
  static func fillAndCheckDueDates(_ t: inout HistoryStorage.Arrays, hasDue: Bool) -> (
    row: Int, column: DateCheck
  )? {
    let issue = t.issue
    let paid = t.paid
    let terms = t.terms
    let row = t.due.withUnsafeMutableBufferPointer { due in
      issue.withUnsafeBufferPointer { issue in
        paid.withUnsafeBufferPointer { paid in
          terms.withUnsafeBufferPointer { terms in
            firstFailure(due.count) { i in
              let d = due[i]
              if d == HistoryStorage.noDay {
                due[i] = issue[i].adding(days: Int(terms[i]))
              } else if hasDue, d < issue[i] {
                return false
              }
              let p = paid[i]
              if p != HistoryStorage.noDay, p < issue[i] { return false }
              return true
            }
          }
        }
      }
    }
    guard let row else { return nil }
    // The row stopped at its due date (from the file) or else at its payment date.
    return (row, hasDue && t.due[row] < t.issue[row] ? .due : .paid)
  }

  /// Runs `ok(i)` for every `i` in `0..<n`, in pieces on all cores, and returns the first
  /// `i` for which it returned false (each piece stops at its first).
  private static func firstFailure(_ n: Int, _ ok: (Int) -> Bool) -> Int? {
    let ranges = Parallel.loadingRanges(n)
    let firsts = Parallel.perform(ranges.count) { k in ranges[k].first { !ok($0) } }
    return firsts.lazy.compactMap { $0 }.first
  }
}
