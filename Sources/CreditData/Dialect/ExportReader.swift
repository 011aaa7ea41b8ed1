/// Decides whether a file is a plain CSV the fast loaders read as it is, and otherwise
/// decodes, splits and normalises it (`ExportNormalizer`).
enum ExportReader {
  /// Bytes looked at from the start of a file to tell whether it is plain.
  static let sampleBytes = 1 << 16

  /// True when the start of the file (and its last line) look like a plain export.
  ///
  /// Plain means UTF-8, commas, the header on the first line, plain decimals and loader-read dates in its
  /// first rows, and a last row that is an invoice. A file that is not plain further on is
  /// still read: the loader falls back to `normalize` when the fast path fails.
  ///
  /// - Parameter pointsUnseen: set to true when the file goes on past the part looked at
  ///   and that part's amounts show no decimal point: a point in an amount further on may be
  ///   a thousands point (`1.234`), for the normaliser to decide (`LoadOptions.pointEndsFastPath`).
  static func looksPlain(
    _ p: UnsafePointer<UInt8>, count n: Int, schema: InputSchema, options: LoadOptions,
    pointsUnseen: inout Bool
  ) -> Bool {
    if options.forcesDialect { return false }
    var end = min(n, sampleBytes)
    if end < n, let lf = (0..<end).last(where: { p[$0] == 10 }) { end = lf + 1 }
    let (encoding, _) = TextEncoding.detect(p, count: end)
    guard encoding == .utf8 else { return false }
    let start = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
    guard DelimitedText.detectDelimiter(p + start, count: end - start) == 44 else { return false }
    guard
      let rows = try? DelimitedText.rows(
        p + start, count: end - start, delimiter: 44, fileName: ""
      ).rows,
      let first = rows.first
    else { return true }
    let header = first.fields.map(\.trimmingSpacesAndNBSP)
    let normalizer = ExportNormalizer(schema: schema, options: options, fileName: "")
    if normalizer.headerIndex(rows) != 0 { return false }
    guard
      let mapping = try? schema.resolve(header: header, columnMap: options.columnMap, fileName: "")
    else { return true }
    // A status column can void any row, up to the last, and a document type column can make
    // any row a payment: the normaliser looks at each.
    if mapping.index["status"] != nil || mapping.index["document_type"] != nil { return false }
    let money = InputSchema.moneyColumns.compactMap { mapping.index[$0] }
    let dates = ExportNormalizer.dateColumns.compactMap { mapping.index[$0] }
    let id = mapping.column(schema.columns[0].name)
    let issue = mapping.column("issue_date")
    let customer = mapping.column("customer_id")
    let data = rows.dropFirst()
    for row in data {
      if ExportNormalizer.exclusion(row, id: id, date: issue, customer: customer) != nil {
        return false
      }
      // Plain decimals and ISO dates, most cells of a plain file, need no closer look.
      for k in money where k < row.fields.count && !MoneyText.isPlainDecimal(row.fields[k]) {
        let text = row.fields[k].trimmingSpaces
        if let parsed = MoneyText.parse(text, mark: .point), parsed.plain != text { return false }
      }
      for k in dates where k < row.fields.count && !DateText.isISODay(row.fields[k]) {
        if DateText.rewrite(row.fields[k]) != nil { return false }
      }
    }
    // A column whose points could all be thousands separators (`3.311`) is for the normaliser
    // to decide, not read as decimals.
    for k in money {
      let cells = data.filter { k < $0.fields.count }
      if case .ambiguous = MoneyText.columnMark(count: cells.count, { cells[$0].fields[k] }) {
        return false
      }
    }
    // Amounts without a decimal point up to the end of the sample say nothing of the rest:
    // sorted by amount, a whole-number export grouped by points reaches `1.234` further on,
    // which the fast path would read as 1.234 where the normaliser asks for `--decimal`.
    if end < n, let k = mapping.index["amount"] {
      pointsUnseen = !data.contains {
        k < $0.fields.count && MoneyText.evidence($0.fields[k]) == .point
      }
    }
    // A totals row at the end.
    if end < n {
      var s = n
      while s > 0, p[s - 1] == 10 || p[s - 1] == 13 { s -= 1 }
      var b = s
      while b > 0, p[b - 1] != 10, p[b - 1] != 13 { b -= 1 }
      if let last = try? DelimitedText.rows(p + b, count: s - b, delimiter: 44, fileName: "")
        .rows.first,
        ExportNormalizer.exclusion(last, id: id, date: issue, customer: customer) != nil
      {
        return false
      }
    }
    return true
  }

  /// The file as plain CSV bytes, with what was found.
  ///
  /// - Throws: `DataError` for encoding and syntax problems, missing columns and undecidable
  ///   decimal marks.
  static func normalize(
    _ p: UnsafePointer<UInt8>, count n: Int, schema: InputSchema, options: LoadOptions,
    fileName: String
  ) throws -> (bytes: [UInt8], dialect: InputDialect) {
    let detected = TextEncoding.detect(p, count: n)
    let encoding = options.encoding ?? detected.0
    var dialect = InputDialect()
    dialect.encoding = encoding
    dialect.byteOrderMark = detected.bom > 0
    let text = try encoding.utf8(p, count: n, fileName: fileName)
    return try text.withUnsafeBufferPointer { buf in
      let q = try CSVReader.firstByte(of: buf, fileName: fileName)
      _ = try CSVReader.validatedStart(q, count: buf.count, fileName: fileName)
      let delimiter: UInt8
      if let name = options.delimiter {
        guard let d = DelimitedText.delimiter(named: name) else {
          throw DataError(
            .syntax, file: fileName, text: name,
            message: "is not a delimiter; expected --delimiter , ; tab or |")
        }
        delimiter = d
      } else {
        delimiter = DelimitedText.detectDelimiter(q, count: buf.count)
      }
      dialect.delimiter = DelimitedText.name(of: delimiter)
      let (rows, blank) = try DelimitedText.rows(
        q, count: buf.count, delimiter: delimiter, fileName: fileName)
      dialect.blankLines = blank
      var normalizer = ExportNormalizer(schema: schema, options: options, fileName: fileName)
      normalizer.delimiter = dialect.delimiter
      return try normalizer.normalize(rows, dialect: dialect)
    }
  }
}

extension ExportReader {
  /// A small comma-separated file (exchange rates, promises, disputes) as the comma-separated
  /// UTF-8 with plain decimals its readers take: the bytes themselves when they are
  /// comma-separated UTF-8 already, else decoded (`TextEncoding.detect`: a byte order mark,
  /// UTF-16, Windows-1252) and split at the separator detected (`;`, tab, `|`), each row on
  /// its own line, so that messages name the file's own lines and columns.
  ///
  /// Excel saves CSV in the separator and code page of the computer's region: a German one
  /// writes semicolons in Windows-1252, with decimal commas, and `Unicode Text` is
  /// tab-separated UTF-16. In such a file the columns `money` picks from the header (its
  /// names trimmed) get one decimal mark each, as the history's amounts do
  /// (`MoneyText.columnMark`, a semicolon file taking the comma when no cell decides), and
  /// are rewritten as plain decimals; a cell with a currency is left for the reader to refuse.
  ///
  /// - Throws: `DataError` for encoding and quoting problems, and for a money column whose
  ///   cells show both decimal marks or whose decimal mark no cell decides.
  static func commaSeparated(
    _ bytes: [UInt8], fileName: String, money: ([String]) -> [Int] = { _ in [] }
  ) throws -> [UInt8] {
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress, !buf.isEmpty else { return bytes }
      let (encoding, _) = TextEncoding.detect(p, count: buf.count)
      let bom =
        encoding == .utf8 && buf.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
      if encoding == .utf8, DelimitedText.detectDelimiter(p + bom, count: buf.count - bom) == 44 {
        return bytes
      }
      let text = try encoding.utf8(p, count: buf.count, fileName: fileName)
      return try text.withUnsafeBufferPointer { t in
        let q = try CSVReader.firstByte(of: t, fileName: fileName)
        _ = try CSVReader.validatedStart(q, count: t.count, fileName: fileName)
        let delimiter = DelimitedText.detectDelimiter(q, count: t.count)
        if encoding == .utf8, delimiter == 44 { return bytes }
        var rows = try DelimitedText.rows(
          q, count: t.count, delimiter: delimiter, fileName: fileName
        ).rows
        if let header = rows.first {
          for k in money(header.fields.map(\.trimmingSpacesAndNBSP)) {
            try plainDecimals(&rows, column: k, semicolons: delimiter == 59, fileName: fileName)
          }
        }
        return ExportNormalizer.csv(rows)
      }
    }
  }

  /// The cells of column `k` in the rows after the header, rewritten as plain decimals with
  /// the column's decimal mark.
  private static func plainDecimals(
    _ rows: inout [RawRow], column k: Int, semicolons: Bool, fileName: String
  ) throws {
    let data = rows.indices.dropFirst().filter { k < rows[$0].fields.count }
    func error(_ r: Int, _ message: String) -> DataError {
      DataError(
        .value, file: fileName, line: rows[r].line, column: k + 1,
        columnName: rows[0].fields[k].trimmingSpacesAndNBSP, text: rows[r].fields[k],
        message: message)
    }
    let mark = MoneyText.columnMark(
      count: data.count, ambiguousComma: semicolons, { rows[data[$0]].fields[k] })
    switch mark {
    case .decided(let mark):
      for r in data {
        guard let parsed = MoneyText.parse(rows[r].fields[k], mark: mark), parsed.currency == nil
        else { continue }
        rows[r].fields[k] = parsed.plain
      }
    case .both(let point, let comma):
      let p = rows[data[point]]
      throw error(
        data[comma],
        "has a decimal comma, but line \(p.line) has '\(p.fields[k])' with a decimal point; "
          + "expected one decimal mark per column")
    case .ambiguous(let index):
      throw error(
        data[index],
        "reads as a whole number or as a decimal: every number in this column has one "
          + "separator followed by three digits; expected the decimals written out (1.000,00) "
          + "or no separator (1000)")
    }
  }
}
