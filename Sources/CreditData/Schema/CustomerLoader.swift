/// Reads a customers CSV (`customer_id, credit_limit, region, industry, customer_since,
/// currency`) into a `CustomerTable`.
///
/// Columns are matched like the history's (`InputSchema.customers`, `LoadOptions.columnMap`);
/// only `customer_id` is required and must be unique. Empty `credit_limit` is NaN, a negative
/// one an error; empty `customer_since` is nil, `NA` is an ordinary value. Dates follow
/// `DateFormat` detection. The limits' currency (`creditLimitCurrency`) comes from the
/// `currency` column, a symbol or code in the cell, or the limit column's name.
public enum CustomerLoader {
  /// Reads and parses the customers file at `path`.
  ///
  /// - Throws: `DataError`.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> CustomerTable
  {
    try parse(bytes: CSVReader.readFile(path: path), fileName: path, options: options)
  }

  /// Parses a whole customers file held in memory; `fileName` is used in messages.
  ///
  /// - Throws: `DataError`.
  public static func parse(
    bytes: [UInt8], fileName: String, options: LoadOptions = LoadOptions()
  ) throws -> CustomerTable {
    try bytes.withUnsafeBufferPointer { buf in
      try parse(
        CSVReader.firstByte(of: buf, fileName: fileName), count: buf.count, fileName: fileName,
        options: options)
    }
  }

  /// Reads the file as the history is read: a plain CSV directly, any other export
  /// (semicolons, tabs, UTF-16, Windows-1252, decimal commas, title lines) through the
  /// export reader's plain text.
  static func parse(
    _ p: UnsafePointer<UInt8>, count n: Int, fileName: String, options: LoadOptions
  ) throws -> CustomerTable {
    // No amount column, so no amount's point is left for the normaliser (limits are read as
    // the history's amounts are).
    var pointsUnseen = false
    if ExportReader.looksPlain(
      p, count: n, schema: .customers, options: options, pointsUnseen: &pointsUnseen)
    {
      return try parsePlain(p, count: n, fileName: fileName, options: options)
    }
    let (bytes, dialect) = try ExportReader.normalize(
      p, count: n, schema: .customers, options: options, fileName: fileName)
    // The normalised text has plain decimals with a point, and its header on line 1.
    var plain = LoadOptions(columnMap: options.columnMap, dateFormat: options.dateFormat)
    plain.decimalMark = .point
    var table = try bytes.withUnsafeBufferPointer { buf in
      try parsePlain(
        CSVReader.firstByte(of: buf, fileName: fileName), count: buf.count, fileName: fileName,
        options: plain, currencyFromLimits: dialect.currencyFromAmounts)
    }
    table.report.dialect = dialect
    table.report.blankLinesSkipped = dialect.blankLines
    return table
  }

  /// Parses a plain CSV; `currencyFromLimits` says its `currency` column was made from the
  /// symbols or codes in the limits, which messages then name.
  static func parsePlain(
    _ p: UnsafePointer<UInt8>, count n: Int, fileName: String, options: LoadOptions,
    currencyFromLimits: Bool = false
  ) throws -> CustomerTable {
    let start = try CSVReader.validatedStart(p, count: n, fileName: fileName)
    var scanner = CSVScanner(
      base: p, count: n, start: start, fieldCapacity: 4096, fileName: fileName)
    let header = try CSVTable.readFirstHeader(&scanner)
    let mapping = try InputSchema.customers.resolve(
      header: header, columnMap: options.columnMap, fileName: fileName)
    let iID = mapping.column("customer_id")
    let iLimit = mapping.column("credit_limit")
    let iRegion = mapping.column("region")
    let iIndustry = mapping.column("industry")
    let iSince = mapping.column("customer_since")
    let iCurrency = mapping.column("currency")
    let ctx = LoadContext(
      base: p, count: n, start: start, fileName: fileName, header: header, mapping: mapping)
    let width = header.count

    var ids: [String] = []
    var idSet = ByteInterner()
    var limitText: [String] = []
    var currency: [String] = []
    var region = CategoryBuilder(capacity: 0)
    var industry = CategoryBuilder(capacity: 0)
    var since = RawDateColumn(capacity: 0, forced: options.dateFormat)
    var lines: [Int32] = []
    while try scanner.nextRow() {
      if scanner.fieldCount != width { try CSVTable.checkWidth(scanner, expected: width) }
      let line = scanner.rowLine
      let id = scanner.trimmedField(iID)
      if id.isEmpty {
        throw ctx.fieldError(line: line, column: iID, text: nil, "empty; expected a customer id")
      }
      let (first, isNew) = idSet.intern(id)
      if !isNew {
        throw ctx.fieldError(
          .row, line: line, column: iID, text: String(decoding: id, as: UTF8.self),
          "is a duplicate of the customer on line \(lines[first]); expected each customer once")
      }
      ids.append(String(decoding: id, as: UTF8.self))
      if iLimit >= 0 {
        limitText.append(String(decoding: scanner.trimmedField(iLimit), as: UTF8.self))
      }
      if iCurrency >= 0 {
        currency.append(
          String(decoding: scanner.trimmedField(iCurrency), as: UTF8.self).uppercased())
      }
      if iRegion >= 0 { region.append(scanner.trimmedField(iRegion)) }
      if iIndustry >= 0 { industry.append(scanner.trimmedField(iIndustry)) }
      if iSince >= 0 {
        let f = scanner.trimmedField(iSince)
        do { try since.append(f, line: line) } catch {
          throw ctx.dateError(
            error, line: line, column: iSince, text: String(decoding: f, as: UTF8.self),
            forced: options.dateFormat)
        }
      }
      lines.append(Int32(truncatingIfNeeded: line))
    }
    let limit =
      iLimit >= 0
      ? try limits(limitText, column: iLimit, lines: lines, ctx: ctx, options: options)
      : [Double](repeating: .nan, count: ids.count)
    var sinceDays: [Day?]?
    var formats: [String: DateFormat] = [:]
    if iSince >= 0 {
      let resolved = try ctx.resolveDates(
        [LoadContext.DateColumn(canonical: "customer_since", column: iSince, raw: since)],
        lines: lines)
      sinceDays = resolved.days[0]
      formats = resolved.formats
    }
    // A limit column named with its currency (`Credit Limit (EUR)`) states it for the rows
    // that state none.
    var currencyColumn =
      currencyFromLimits && iLimit >= 0
      ? (index: iLimit + 1, name: "credit_limit") : (index: iCurrency + 1, name: "currency")
    if iLimit >= 0, let named = InputSchema.customers.currency(inName: header[iLimit]) {
      if iCurrency < 0 { currency = [String](repeating: "", count: ids.count) }
      for i in currency.indices where currency[i].isEmpty { currency[i] = named }
      if iCurrency < 0 { currencyColumn = (iLimit + 1, "credit_limit") }
    }
    let report = LoadReport(
      fileName: fileName, rowsRead: ids.count, blankLinesSkipped: scanner.blankLines,
      ignoredColumns: mapping.ignored, dateFormats: formats, columnMapping: mapping.used)
    var table = CustomerTable(
      customerIDs: ids, creditLimit: limit, region: iRegion >= 0 ? region.categorical : nil,
      industry: iIndustry >= 0 ? industry.categorical : nil, customerSince: sinceDays,
      sourceLines: lines, report: report)
    if currency.contains(where: { !$0.isEmpty }) {
      table.creditLimitCurrency = currency
      table.creditLimitCurrencyColumn = currencyColumn
    }
    return table
  }
  /// The credit limits of `texts` (NaN for an empty cell), read as money is in a history's
  /// amount column: a currency symbol or code, grouping and the decimal mark the column shows
  /// or `--decimal` forces (`MoneyText.columnMark`); limits like `44.000` with nothing else to
  /// say whether the point groups thousands are an error, not 44.
  ///
  /// - Throws: `DataError` naming the line and column of a cell that is not money, or of the
  ///   first cell of a column whose mark cannot be decided.
  static func limits(
    _ texts: [String], column k: Int, lines: [Int32], ctx: LoadContext, options: LoadOptions
  ) throws -> [Double] {
    let filled = texts.indices.filter { !texts[$0].isEmpty }
    let mark: DecimalMark
    if let forced = options.decimalMark {
      mark = forced
    } else {
      switch MoneyText.columnMark(count: filled.count, { texts[filled[$0]] }) {
      case .decided(let decided): mark = decided
      case .both(_, let comma):
        let i = filled[comma]
        throw ctx.fieldError(
          line: Int(lines[i]), column: k, text: texts[i],
          "has a decimal comma, but other limits have a decimal point; expected one decimal "
            + "mark per column (set --decimal point or --decimal comma)")
      case .ambiguous(let index):
        let i = filled[index]
        throw ctx.fieldError(
          line: Int(lines[i]), column: k, text: texts[i], MoneyText.ambiguousMessage)
      }
    }
    return try texts.indices.map { i in
      guard !texts[i].isEmpty else { return .nan }
      guard let plain = MoneyText.parse(texts[i], mark: mark)?.plain, let v = Double(plain) else {
        throw ctx.fieldError(
          line: Int(lines[i]), column: k, text: texts[i], DecimalParser.expectation)
      }
      guard DecimalParser.isMoney(v) else {
        throw ctx.fieldError(
          line: Int(lines[i]), column: k, text: texts[i], DecimalParser.moneyRange)
      }
      guard v >= 0 else {
        throw ctx.fieldError(
          line: Int(lines[i]), column: k, text: texts[i], DecimalParser.negativeLimit)
      }
      return v
    }
  }
}
