/// Turns an export as a system wrote it into the plain CSV the loaders read: commas,
/// UTF-8, the header first, plain decimals, dates in the layouts the loaders detect.
///
/// Steps, each reported in the `InputDialect`:
/// 1. The header is the row among the first 30 that names the most schema columns (at least
///    one required column, counted double, and one more); rows above it are title lines.
/// 2. Rows without an invoice id and an issue date (headings, notes, totals) and rows
///    whose id or customer cell reads `Total`, `Subtotal`, `Summe`, `Gesamt`, ... without
///    an issue date are excluded, counted, and their lines listed.
/// 3. Money columns (`amount`, `credit_limit`) get one decimal mark each, decided from all
///    their cells (see `MoneyText.evidence`); every cell is rewritten as a plain decimal.
/// 4. Date cells in layouts the loaders do not read (`05-JAN-13`, Excel serials, two-digit
///    years, `YYYYMMDD`) are rewritten as ISO dates.
/// 5. Without a currency column, currency symbols or codes in the amounts make one.
/// 6. A status column's void rows (`Voided`, `Cancelled`, `Draft`) are excluded, counted and
///    listed; without a `written_off` column, its `Written off` rows make one. A document
///    type column's payment and refund rows (a customer ledger's) are excluded, counted and
///    listed too.
///
/// Every row keeps its physical line: skipped lines are written as blank lines, so the
/// loaders' messages point at the export's own lines and columns. A cell that cannot be
/// read is passed on as it was, for the loader to report.
struct ExportNormalizer {
  let schema: InputSchema
  let options: LoadOptions
  let fileName: String
  /// The file's field separator, by name (`;` for semicolons; `xlsx` for a workbook's rows).
  var delimiter = ","
  /// The date system that Excel serials in date columns count in: a workbook's own.
  var dateSystem = ExcelDateSystem.from1900

  /// The rows are a worksheet's (`delimiter` is `xlsx`): they end at their last value, as a
  /// spreadsheet stores no empty cell, so a row shorter than the header has empty cells after
  /// it (a text row that is short has lost separators, and stays an error); and its numbers
  /// are written with a point and no grouping.
  var isWorkbook: Bool { delimiter == "xlsx" }

  /// Date columns of the schemas (the money columns are `InputSchema.moneyColumns`).
  static let dateColumns = ["issue_date", "due_date", "paid_date", "customer_since"]

  /// The rows as plain CSV bytes, and what was found; `dialect` arrives with the encoding
  /// and separator already filled in.
  ///
  /// - Throws: `DataError` for a file without rows, missing columns (all in one message),
  ///   and a money column whose decimal mark cannot be decided (naming `--decimal`).
  func normalize(_ rows: [RawRow], dialect start: InputDialect) throws -> (
    bytes: [UInt8], dialect: InputDialect
  ) {
    var dialect = start
    guard !rows.isEmpty else {
      throw DataError.emptyFile(fileName)
    }
    let h = headerIndex(rows)
    let header = rows[h].fields.map(\.trimmingSpacesAndNBSP)
    dialect.headerLine = rows[h].line
    dialect.titleLines = h
    let mapping = try schema.resolve(
      header: header, columnMap: options.columnMap, fileName: fileName, line: rows[h].line)
    var data = Array(rows[(h + 1)...])
    if isWorkbook {
      for r in data.indices where data[r].fields.count < header.count {
        data[r].fields += repeatElement("", count: header.count - data[r].fields.count)
      }
    }

    // Rows that are not invoices.
    let id = mapping.column(schema.columns[0].name)
    let date = mapping.column("issue_date")
    let customer = mapping.column("customer_id")
    let status = mapping.column("status")
    let documentType = mapping.column("document_type")
    var kept: [RawRow] = []
    kept.reserveCapacity(data.count)
    var writtenOff = Set<Int>()
    for row in data {
      if let reason = ExportNormalizer.exclusion(row, id: id, date: date, customer: customer) {
        dialect.excludedRows.append(.init(line: row.line, reason: reason))
        continue
      }
      if documentType >= 0, documentType < row.fields.count,
        DocumentType(row.fields[documentType]) == .payment
      {
        dialect.excludedRows.append(.init(line: row.line, reason: "payment"))
        continue
      }
      switch status >= 0 && status < row.fields.count ? InvoiceStatus(row.fields[status]) : nil {
      case .void?: dialect.excludedRows.append(.init(line: row.line, reason: "void"))
      case .writtenOff?:
        writtenOff.insert(kept.count)
        kept.append(row)
      case .paid?:
        try checkPaid(row, status: status, mapping)
        kept.append(row)
      case nil: kept.append(row)
      }
    }
    data = kept
    try checkWidths(data, header: header)
    if !writtenOff.isEmpty, mapping.index["written_off"] == nil {
      dialect.writtenOffFromStatus = writtenOff.count
    }

    // Money: one decimal mark per column, then plain decimals.
    let money = InputSchema.moneyColumns.compactMap { name in
      mapping.index[name].map { (name, $0) }
    }
    var marks: [String: DecimalMark] = [:]
    for (name, k) in money {
      marks[name] = try decimalMark(name, k, data, header: header)
    }
    var currencies = [String](repeating: "", count: data.count)
    var sawCurrency = false
    for (name, k) in money {
      guard let mark = marks[name] else { continue }
      dialect.decimalMarks[name] = mark
      var rewritten = 0
      for r in data.indices where k < data[r].fields.count {
        guard let parsed = MoneyText.parse(data[r].fields[k], mark: mark) else { continue }
        // The amount's currency is the history's; a customers file's limit has its own.
        let carries = name == "amount" || !schema.names.contains("amount")
        if carries, let c = parsed.currency {
          try checkCurrency(
            c, of: data[r], amount: k, name: name, column: mapping.index["currency"])
          currencies[r] = c
          sawCurrency = true
        }
        if parsed.rewritten || parsed.plain != data[r].fields[k] {
          data[r].fields[k] = parsed.plain
          rewritten += 1
        }
      }
      if rewritten > 0 { dialect.rewrittenAmounts[name] = rewritten }
    }

    // Dates in layouts the loaders do not read.
    for name in ExportNormalizer.dateColumns {
      guard let k = mapping.index[name] else { continue }
      var layouts: [String: Int] = [:]
      for r in data.indices where k < data[r].fields.count {
        guard let (iso, layout) = DateText.rewrite(data[r].fields[k], dateSystem: dateSystem)
        else { continue }
        data[r].fields[k] = iso
        layouts[layout.rawValue, default: 0] += 1
      }
      if !layouts.isEmpty { dialect.rewrittenDates[name] = layouts }
    }

    var outHeader = rows[h]
    if sawCurrency, mapping.index["currency"] == nil, schema.names.contains("currency") {
      dialect.currencyFromAmounts = true
      outHeader.fields.append("currency")
      for r in data.indices {
        while data[r].fields.count < header.count { data[r].fields.append("") }
        data[r].fields.append(currencies[r])
      }
    }
    if dialect.writtenOffFromStatus != nil {
      outHeader.fields.append("written_off")
      for r in data.indices {
        while data[r].fields.count < outHeader.fields.count - 1 { data[r].fields.append("") }
        data[r].fields.append(writtenOff.contains(r) ? "yes" : "no")
      }
    }
    return (ExportNormalizer.csv([outHeader] + data), dialect)
  }

  /// Stops at the first text row whose field count differs from the header's, as the loader
  /// would, but naming the file's own separator: a semicolon file's extra field comes from
  /// an unquoted `;`, not a comma.
  func checkWidths(_ rows: [RawRow], header: [String]) throws {
    guard !isWorkbook, let row = rows.first(where: { $0.fields.count != header.count }) else {
      return
    }
    let separator =
      delimiter == "," ? "comma" : delimiter == "tab" ? "tab" : "'\(delimiter)'"
    throw DataError(
      .syntax, file: fileName, line: row.line,
      message: "row has \(row.fields.count) fields; expected \(header.count) as in the header"
        + (row.fields.count > header.count ? " (an unquoted \(separator) inside a value?)" : ""))
  }

  /// Stops at a row whose status says paid but that has no payment date and no open amount:
  /// it would be read as open, and overdue forever.
  func checkPaid(_ row: RawRow, status: Int, _ mapping: InputSchema.Mapping) throws {
    func empty(_ name: String) -> Bool {
      guard let k = mapping.index[name] else { return true }
      return k >= row.fields.count || row.fields[k].trimmingSpacesAndNBSP.isEmpty
    }
    guard let k = mapping.index["paid_date"], empty("paid_date"), empty("open_amount") else {
      return
    }
    throw DataError(
      .value, file: fileName, line: row.line, column: k + 1, columnName: "paid_date",
      message: "empty, but the status on this line is '\(row.fields[status])'; expected the "
        + "date it was paid (--map paid_date=COLUMN names the column of payment dates; an open "
        + "amount of 0 reads it as paid on a date the file does not give)")
  }

  /// Stops at an amount whose symbol or code names another currency than the row's.
  ///
  /// Which of the two is right the file does not say, and taking the column's would put the
  /// amount into the wrong currency's total. A symbol that the column's currency writes too
  /// (`$` for CAD, `kr` for NOK, `¥` for CNY) agrees with it.
  func checkCurrency(
    _ named: String, of row: RawRow, amount k: Int, name: String, column c: Int?
  ) throws {
    guard let c, c < row.fields.count else { return }
    let stated = row.fields[c].trimmingSpacesAndNBSP.uppercased()
    // Only a code can be compared (a column of symbols or names says too little).
    guard stated.count == 3, stated.allSatisfy({ $0.isASCII && $0.isLetter }), stated != named,
      !MoneyText.symbol(in: row.fields[k], named: named, alsoStandsFor: stated)
    else { return }
    throw DataError(
      .value, file: fileName, line: row.line, column: k + 1, columnName: name,
      text: row.fields[k],
      message: "is in \(named), but the currency column says \(stated) on this line; expected "
        + "an amount in the row's currency")
  }

  // MARK: - Header

  /// The index of the header row among the first 30.
  func headerIndex(_ rows: [RawRow]) -> Int {
    if let line = options.headerLine, let k = rows.firstIndex(where: { $0.line == line }) {
      return k
    }
    let mapped = Set(options.columnMap.values.map(InputSchema.normalize))
    let keys = schema.headerKeys
    var best = (index: 0, score: 0)
    for (k, row) in rows.prefix(30).enumerated() {
      let cells = row.fields.map(\.trimmingSpacesAndNBSP)
      let score =
        schema.score(header: cells, keys: keys)
        + cells.filter { mapped.contains(InputSchema.normalize($0)) }.count * 2
      if score > best.score { best = (k, score) }
    }
    return best.score >= 3 ? best.index : 0
  }

  // MARK: - Rows that are not invoices

  /// Why `row` is not an invoice (or customer): `totals` or `label`, or nil when it is one.
  ///
  /// An id that is a totals word and nothing else (`Subtotal`, `Total:`, SAP's `*`) marks a
  /// totals row even with a date. A history row without a date is one when any cell starts
  /// with a totals word (`Total Customer X`); a customers file has no dates, and a customer
  /// may well be called `Total Foods`, so there only the id says so.
  static func exclusion(_ row: RawRow, id: Int, date: Int, customer: Int) -> String? {
    func cell(_ k: Int) -> String {
      k >= 0 && k < row.fields.count ? row.fields[k].trimmingSpacesAndNBSP : ""
    }
    if isTotalsWord(cell(id)) { return "totals" }
    let hasDate = date >= 0 && !cell(date).isEmpty
    if hasDate { return nil }
    if date >= 0, row.fields.contains(where: isTotalsLabel) { return "totals" }
    if cell(id).isEmpty {
      // A row with an amount but no id and no date sums the rows above it.
      let hasAmount = row.fields.contains {
        MoneyText.parse($0, mark: .point) != nil || MoneyText.parse($0, mark: .comma) != nil
      }
      return hasAmount ? "totals" : "label"
    }
    return nil
  }

  /// True for a totals word alone (`Subtotal`, `Total:`, `*`), not for a name that begins
  /// with one (`Total Foods`).
  static func isTotalsWord(_ text: String) -> Bool {
    let t = text.trimmingSpacesAndNBSP.lowercased()
    let word = t.hasSuffix(":") ? String(t.dropLast()) : t
    return t.hasPrefix("*") || totalsWords.contains(word)
  }

  /// The words of `isTotalsLabel`.
  static let totalsWords: Set<String> = [
    "total", "totals", "grand total", "subtotal", "sub-total", "sub total", "summe", "gesamt",
    "gesamtsumme", "zwischensumme", "endsumme", "sum",
  ]

  /// True for the labels of totals rows: `Total`, `Totals`, `Grand Total`, `Subtotal`,
  /// `Total Customer X`, `Summe`, `Gesamtsumme`, `Zwischensumme`, `Gesamt`, SAP's `*`.
  static func isTotalsLabel(_ text: String) -> Bool {
    let t = text.trimmingSpacesAndNBSP.lowercased()
    if t.hasPrefix("*") { return true }
    for word in totalsWords where t == word || t.hasPrefix(word + " ") || t.hasPrefix(word + ":") {
      return true
    }
    return false
  }

  // MARK: - Decimal marks

  /// The decimal mark of money column `k`: forced, else what its cells show
  /// (`MoneyText.columnMark`); a column whose cells show both, or whose only separators could
  /// be either (`1.234`, `1,234`), is an error naming `--decimal`, except in a
  /// semicolon-separated file (comma) or a workbook (point).
  func decimalMark(_ name: String, _ k: Int, _ rows: [RawRow], header: [String]) throws
    -> DecimalMark?
  {
    if let forced = options.decimalMark { return forced }
    let cells = rows.filter { k < $0.fields.count }
    func error(_ row: RawRow, _ message: String) -> DataError {
      DataError(
        .value, file: fileName, line: row.line, column: k + 1, columnName: name,
        text: row.fields[k], message: message)
    }
    switch MoneyText.columnMark(
      count: cells.count, ambiguousComma: delimiter == ";", ambiguousPoint: isWorkbook,
      { cells[$0].fields[k] })
    {
    case .decided(let mark): return mark
    case .both(let point, let comma):
      let p = cells[point]
      throw error(
        cells[comma],
        "has a decimal comma, but line \(p.line) has '\(p.fields[k])' with a decimal point; "
          + "expected one decimal mark per column (set --decimal point or --decimal comma)")
    case .ambiguous(let index):
      throw error(cells[index], MoneyText.ambiguousMessage)
    }
  }

  // MARK: - Writing

  /// The rows as comma-separated UTF-8, each on its own physical line (blank lines before
  /// it as needed), cells quoted when they hold a comma, quote or line break.
  static func csv(_ rows: [RawRow]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(rows.count * 96)
    var line = 1
    for row in rows {
      while line < row.line {
        out.append(10)
        line += 1
      }
      for (k, field) in row.fields.enumerated() {
        if k > 0 { out.append(44) }
        let u = field.utf8
        if u.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
          out.append(34)
          for b in u {
            if b == 34 { out.append(34) }
            out.append(b)
          }
          out.append(34)
          line += CSVLines.breaks(in: u)
        } else {
          out.append(contentsOf: u)
        }
      }
      out.append(10)
      line += 1
    }
    return out
  }
}

/// Counting line breaks as `CSVScanner` does: LF, CRLF (once) and a lone CR.
enum CSVLines {
  static func breaks(in u: String.UTF8View) -> Int {
    var n = 0
    var previous: UInt8 = 0
    for b in u {
      if b == 10 {
        if previous != 13 { n += 1 }
      } else if b == 13 {
        n += 1
      }
      previous = b
    }
    return n
  }
}
