/// Reads an invoice history CSV into an `InvoiceHistory`, converting while it tokenises.
///
/// One pass over the bytes: every row is split into field ranges and each used field is
/// converted straight from bytes (numbers with `DecimalParser`, dates into packed parts,
/// ids and categories interned through a byte-keyed hash table). Only invoice ids and
/// distinct customer ids and category levels become `String`s. Date columns are converted
/// to `Day` after the pass, once each column's layout is known (see `DateFormat`).
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

  // MARK: - The pass

  static func parse(
    _ p: UnsafePointer<UInt8>, count n: Int, fileName: String, options: LoadOptions
  ) throws -> InvoiceHistory {
    let start = try CSVReader.validatedStart(p, count: n, fileName: fileName)
    var scanner = CSVScanner(
      base: p, count: n, start: start, fieldCapacity: 4096, fileName: fileName)
    guard try scanner.nextRow() else {
      throw DataError(.header, file: fileName, message: "file is empty; expected a header line")
    }
    let header = try CSVTable.readHeader(&scanner)
    let schema = InputSchema.history
    let mapping = try schema.resolve(
      header: header, columnMap: options.columnMap, fileName: fileName)
    let iID = mapping.column("invoice_id")
    let iCustomer = mapping.column("customer_id")
    let iIssue = mapping.column("issue_date")
    let iDue = mapping.column("due_date")
    let iTerms = mapping.column("terms_days")
    let iAmount = mapping.column("amount")
    let iPaid = mapping.column("paid_date")
    let iCurrency = mapping.column("currency")
    let iDisputed = mapping.column("disputed")
    let iPaperless = mapping.column("paperless")
    let iWrittenOff = mapping.column("written_off")
    let iRegion = mapping.column("region")
    let iIndustry = mapping.column("industry")
    let iLimit = mapping.column("credit_limit")
    if iDue < 0, iTerms < 0 {
      throw DataError(
        .header, file: fileName, line: 1,
        message: "missing required column 'due_date' or 'terms_days' (accepted names: due_date, "
          + "DueDate, due, terms_days, terms, payment_terms); the header has: "
          + header.joined(separator: ", ") + "; use --map due_date=YourColumn")
    }
    var ctx = LoadContext(base: p, count: n, start: start, fileName: fileName, header: header)
    ctx.canonicalName = Dictionary(
      mapping.index.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    let forced = options.dateFormat
    let width = header.count

    var invoiceIDs: [String] = []
    var invoiceHashes = DuplicateFinder()
    var customerIndex: [Int32] = []
    var customerIDs: [String] = []
    var customerSet = ByteInterner(expectedCount: 1024)
    var issueRaw = RawDateColumn(capacity: 0, forced: forced)
    var dueRaw = RawDateColumn(capacity: 0, forced: forced)
    var paidRaw = RawDateColumn(capacity: 0, forced: forced)
    var terms: [Int32] = []
    var amount: [Double] = []
    var currency = CategoryBuilder(capacity: 0)
    var region = CategoryBuilder(capacity: 0)
    var industry = CategoryBuilder(capacity: 0)
    var disputed: [Bool] = []
    var paperless: [Bool] = []
    var writtenOff: [Bool] = []
    var creditLimit: [Double] = []
    var sourceLines: [Int32] = []

    @inline(__always) func text(_ f: UnsafeBufferPointer<UInt8>) -> String {
      String(decoding: f, as: UTF8.self)
    }

    while try scanner.nextRow() {
      if scanner.fieldCount != width { try CSVTable.checkWidth(scanner, expected: width) }
      let line = scanner.rowLine
      if sourceLines.isEmpty {
        // Size every column from the first data row's length.
        let rowBytes = max(scanner.position - scanner.rowStart, 8)
        let m = (n - scanner.rowStart) / rowBytes * 11 / 10 + 16
        invoiceIDs.reserveCapacity(m)
        invoiceHashes.reserve(m)
        customerIndex.reserveCapacity(m)
        issueRaw.packed.reserveCapacity(m)
        if iDue >= 0 { dueRaw.packed.reserveCapacity(m) }
        if iTerms >= 0 { terms.reserveCapacity(m) }
        paidRaw.packed.reserveCapacity(m)
        amount.reserveCapacity(m)
        if iCurrency >= 0 { currency.reserve(m) }
        if iRegion >= 0 { region.reserve(m) }
        if iIndustry >= 0 { industry.reserve(m) }
        disputed.reserveCapacity(m)
        paperless.reserveCapacity(m)
        writtenOff.reserveCapacity(m)
        if iLimit >= 0 { creditLimit.reserveCapacity(m) }
        sourceLines.reserveCapacity(m)
      }

      // Invoice id: required, unique.
      let id = scanner.trimmedField(iID)
      if id.isEmpty {
        throw ctx.fieldError(line: line, column: iID, text: nil, "empty; expected an invoice id")
      }
      invoiceHashes.append(ByteInterner.hash(id))
      invoiceIDs.append(text(id))

      // Customer id: required, interned.
      let customer = scanner.trimmedField(iCustomer)
      if customer.isEmpty {
        throw ctx.fieldError(
          line: line, column: iCustomer, text: nil, "empty; expected a customer id")
      }
      let (c, newCustomer) = customerSet.intern(customer)
      if newCustomer { customerIDs.append(text(customer)) }
      customerIndex.append(Int32(truncatingIfNeeded: c))

      // Dates, kept as packed parts until each column's layout is known.
      let issue = scanner.trimmedField(iIssue)
      if issue.isEmpty {
        throw ctx.fieldError(line: line, column: iIssue, text: nil, "empty; expected a date")
      }
      do { try issueRaw.append(issue, line: line) } catch {
        throw ctx.dateError(error, line: line, column: iIssue, text: text(issue), forced: forced)
      }
      var dueEmpty = true
      if iDue >= 0 {
        let due = scanner.trimmedField(iDue)
        dueEmpty = due.isEmpty
        if dueEmpty, iTerms < 0 {
          throw ctx.fieldError(line: line, column: iDue, text: nil, "empty; expected a date")
        }
        do { try dueRaw.append(due, line: line) } catch {
          throw ctx.dateError(error, line: line, column: iDue, text: text(due), forced: forced)
        }
      }
      if iTerms >= 0 {
        let f = scanner.trimmedField(iTerms)
        if f.isEmpty {
          if dueEmpty {
            throw ctx.fieldError(
              line: line, column: iTerms, text: nil,
              "empty and no due date; expected a number of days such as 30")
          }
          terms.append(-1)
        } else if let base = f.baseAddress, let days = DecimalParser.parseDays(base, count: f.count)
        {
          terms.append(Int32(days))
        } else {
          throw ctx.fieldError(
            line: line, column: iTerms, text: text(f),
            "is not a number of days; expected a whole number such as 30 or Net 30")
        }
      }
      let paid = scanner.trimmedField(iPaid)
      do { try paidRaw.append(paid, line: line) } catch {
        throw ctx.dateError(error, line: line, column: iPaid, text: text(paid), forced: forced)
      }

      // Amount: required decimal.
      let a = scanner.trimmedField(iAmount)
      guard let aBase = a.baseAddress, !a.isEmpty else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: nil, "empty; expected a decimal such as 1234.56")
      }
      guard let value = DecimalParser.parse(aBase, count: a.count) else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: text(a), DecimalParser.expectation)
      }
      guard DecimalParser.isMoney(value) else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: text(a), DecimalParser.moneyRange)
      }
      amount.append(value)

      // Optional columns.
      if iCurrency >= 0 { currency.append(scanner.trimmedField(iCurrency)) }
      if iRegion >= 0 { region.append(scanner.trimmedField(iRegion)) }
      if iIndustry >= 0 { industry.append(scanner.trimmedField(iIndustry)) }
      disputed.append(try flag(&scanner, iDisputed, line, ctx, paperless: false))
      paperless.append(try flag(&scanner, iPaperless, line, ctx, paperless: true))
      writtenOff.append(try flag(&scanner, iWrittenOff, line, ctx, paperless: false))
      if iLimit >= 0 {
        let f = scanner.trimmedField(iLimit)
        if let base = f.baseAddress, !f.isEmpty {
          guard let v = DecimalParser.parse(base, count: f.count) else {
            throw ctx.fieldError(
              line: line, column: iLimit, text: text(f), DecimalParser.expectation)
          }
          guard DecimalParser.isMoney(v) else {
            throw ctx.fieldError(
              line: line, column: iLimit, text: text(f), DecimalParser.moneyRange)
          }
          creditLimit.append(v)
        } else {
          creditLimit.append(.nan)
        }
      }
      sourceLines.append(Int32(truncatingIfNeeded: line))
    }

    if let (first, second) = invoiceHashes.firstDuplicate(isEqual: {
      invoiceIDs[$0].utf8.elementsEqual(invoiceIDs[$1].utf8)
    }) {
      throw ctx.fieldError(
        .row, line: Int(sourceLines[second]), column: iID, text: invoiceIDs[second],
        "is a duplicate of the invoice id on line \(sourceLines[first]); expected each invoice "
          + "once")
    }

    // MARK: Dates: decide layouts, convert, check order.
    var dateColumns = [
      LoadContext.DateColumn(canonical: "issue_date", column: iIssue, raw: issueRaw)
    ]
    if iDue >= 0 { dateColumns.append(.init(canonical: "due_date", column: iDue, raw: dueRaw)) }
    dateColumns.append(.init(canonical: "paid_date", column: iPaid, raw: paidRaw))
    let (days, formats) = try ctx.resolveDates(dateColumns, lines: sourceLines)
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
      fileName: fileName, rowsRead: count, blankLinesSkipped: scanner.blankLines,
      ignoredColumns: mapping.ignored, dateFormats: formats, columnMapping: mapping.used)
    return InvoiceHistory(
      invoiceIDs: invoiceIDs, customerIndex: customerIndex, customerIDs: customerIDs,
      issueDate: issueDate, dueDate: dueDate, amount: amount, paidDate: paidDate,
      currency: iCurrency >= 0 ? currency.categorical : nil,
      disputed: disputed, paperless: paperless, writtenOff: writtenOff,
      region: iRegion >= 0 ? region.categorical : nil,
      industry: iIndustry >= 0 ? industry.categorical : nil,
      creditLimit: iLimit >= 0 ? creditLimit : nil,
      sourceLines: sourceLines, report: report)
  }

  /// Reads the flag in column `k` (false when the column is absent).
  @inline(__always)
  static func flag(
    _ scanner: inout CSVScanner, _ k: Int, _ line: Int, _ ctx: LoadContext, paperless: Bool
  ) throws -> Bool {
    guard k >= 0 else { return false }
    let f = scanner.trimmedField(k)
    guard let v = FlagParser.parse(f, paperless: paperless) else {
      throw ctx.fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        FlagParser.expectation(paperless: paperless))
    }
    return v
  }
}
