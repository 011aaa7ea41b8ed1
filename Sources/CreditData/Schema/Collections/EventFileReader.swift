/// Reads a small event file (promises, disputes) row by row against a schema, with the
/// history's header matching, date detection and one-line errors naming file, line and column.
///
/// A file with semicolons, tabs or pipes, in UTF-16 or Windows-1252, is first made the
/// comma-separated UTF-8 the scanner reads, its money columns plain decimals
/// (`ExportReader.commaSeparated`).
///
/// Each row's fields are read through the helpers; date columns are collected raw and
/// converted once their layout is decided (`resolveDates`), as the history's are.
struct EventFileReader: ~Copyable {
  var scanner: CSVScanner
  let context: LoadContext
  let mapping: InputSchema.Mapping
  let width: Int
  let forced: DateFormat?
  /// Physical line of each row read.
  var lines: [Int32] = []

  /// Reads the file at `path` and hands a reader positioned before the first row to `body`.
  ///
  /// - Throws: `DataError` for an unreadable or empty file and a header missing required columns.
  static func read<T>(
    path: String, schema: InputSchema, options: LoadOptions,
    _ body: (inout EventFileReader) throws -> T
  ) throws -> T {
    let name = InputFile.displayName(path)
    // The money columns are found as the reader finds them, by the schema's names.
    let bytes = try ExportReader.commaSeparated(CSVReader.readFile(path: path), fileName: name) {
      header in
      guard let mapping = try? schema.resolve(header: header, columnMap: [:], fileName: name)
      else { return [] }
      return InputSchema.moneyColumns.compactMap { mapping.index[$0] }
    }
    return try bytes.withUnsafeBufferPointer { buf in
      let p = try CSVReader.firstByte(of: buf, fileName: name)
      let start = try CSVReader.validatedStart(p, count: buf.count, fileName: name)
      var scanner = CSVScanner(
        base: p, count: buf.count, start: start, fieldCapacity: 4096, fileName: name)
      let header = try CSVTable.readFirstHeader(&scanner)
      let mapping = try schema.resolve(header: header, columnMap: [:], fileName: name)
      let context = LoadContext(
        base: p, count: buf.count, start: start, fileName: name, header: header, mapping: mapping)
      var reader = EventFileReader(
        scanner: scanner, context: context, mapping: mapping, width: header.count,
        forced: options.dateFormat)
      return try body(&reader)
    }
  }

  /// Moves to the next data row; false at the end of the file.
  ///
  /// - Throws: `DataError` for a row whose field count differs from the header's.
  mutating func next() throws -> Bool {
    guard try scanner.nextRow() else { return false }
    if scanner.fieldCount != width { try CSVTable.checkWidth(scanner, expected: width) }
    lines.append(Int32(truncatingIfNeeded: scanner.rowLine))
    return true
  }

  /// The physical line of the current row.
  var line: Int { scanner.rowLine }

  /// The trimmed text of canonical column `name` in the current row ("" when absent).
  mutating func text(_ name: String) -> String {
    let k = mapping.column(name)
    guard k >= 0 else { return "" }
    return String(decoding: scanner.trimmedField(k), as: UTF8.self)
  }

  /// The text of required column `name`; an empty field is an error saying `expected`.
  mutating func requiredText(_ name: String, expected: String) throws -> String {
    let t = text(name)
    if t.isEmpty {
      throw context.fieldError(
        line: line, column: mapping.column(name), text: nil, "empty; expected \(expected)")
    }
    return t
  }

  /// The amount in column `name`: a plain decimal, positive, below the money limit.
  mutating func positiveMoney(_ name: String) throws -> Double {
    let k = mapping.column(name)
    let f = scanner.trimmedField(k)
    guard !f.isEmpty else {
      throw context.fieldError(line: line, column: k, text: nil, "empty; expected an amount")
    }
    let v = try context.money(f, line: line, column: k)
    guard v > 0 else {
      throw context.fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        "is not positive; expected an amount above 0")
    }
    return v
  }

  /// The yes/no value in column `name`; nil when empty.
  mutating func optionalFlag(_ name: String) throws -> Bool? {
    let k = mapping.column(name)
    let f = scanner.trimmedField(k)
    if f.isEmpty { return nil }
    guard let v = FlagParser.parse(f, paperless: false) else {
      throw context.fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        FlagParser.expectation(paperless: false))
    }
    return v
  }

  /// Reads every row's values in the layout's order, then decides the date columns' layouts
  /// and checks the order of their days.
  ///
  /// - Throws: `DataError` for the first bad value, undecidable or invalid dates and the
  ///   first row whose dates are out of order.
  mutating func readRows(_ layout: EventLayout) throws -> EventRows {
    var rows = EventRows()
    let dateNames = layout.values.compactMap { value -> String? in
      guard case .date(let name, _) = value else { return nil }
      return name
    }
    var raw = dateNames.map { _ in RawDateColumn(capacity: 0, forced: forced) }
    while try next() {
      var d = 0
      for value in layout.values {
        switch value {
        case .text(let name): rows.texts[name, default: []].append(text(name))
        case .requiredText(let name, let expected):
          rows.texts[name, default: []].append(try requiredText(name, expected: expected))
        case .positiveAmount(let name):
          rows.amounts[name, default: []].append(try positiveMoney(name))
        case .date(let name, let required):
          try date(name, into: &raw[d], required: required)
          d += 1
        case .flag(let name): rows.flags[name, default: []].append(try optionalFlag(name))
        }
      }
    }
    if !dateNames.isEmpty {
      let (days, formats) = try resolveDates(zip(dateNames, raw).map { (name: $0, column: $1) })
      for (name, column) in zip(dateNames, days) { rows.dates[name] = column }
      rows.formats = formats
    }
    for order in layout.dateOrders {
      try requireOrder(
        order.later, rows.days(order.later), notBefore: order.earlier, rows.days(order.earlier),
        event: order.event)
    }
    return rows
  }

  /// Appends the current row's date in column `name` to `raw` (empty = missing, an error
  /// when `required`).
  mutating func date(_ name: String, into raw: inout RawDateColumn, required: Bool) throws {
    let k = mapping.column(name)
    let f = k >= 0 ? scanner.trimmedField(k) : UnsafeBufferPointer(start: nil, count: 0)
    if f.isEmpty, required {
      throw context.fieldError(line: line, column: k, text: nil, "empty; expected a date")
    }
    do { try raw.append(f, line: line) } catch {
      throw context.dateError(
        error, line: line, column: k, text: String(decoding: f, as: UTF8.self), forced: forced)
    }
  }

  /// The days of the date columns read into `raw` (by canonical name), in the same order,
  /// and the layouts decided.
  ///
  /// - Throws: `DataError` for undecidable or invalid dates.
  func resolveDates(_ raw: [(name: String, column: RawDateColumn)]) throws -> (
    days: [[Day?]], formats: [String: DateFormat]
  ) {
    let present = raw.filter { mapping.column($0.name) >= 0 }
    let resolved = try context.resolveDates(
      present.map {
        LoadContext.DateColumn(canonical: $0.name, column: mapping.column($0.name), raw: $0.column)
      }, lines: lines)
    var days: [[Day?]] = []
    var next = 0
    for column in raw {
      if mapping.column(column.name) >= 0 {
        days.append(resolved.days[next])
        next += 1
      } else {
        days.append([Day?](repeating: nil, count: lines.count))
      }
    }
    return (days, resolved.formats)
  }

  /// Throws at the first row whose day in column `name` is before its day in column
  /// `earlier`, which is the day of `event` (rows missing either are not compared).
  func requireOrder(
    _ name: String, _ days: [Day?], notBefore earlier: String, _ earlierDays: [Day?],
    event: String
  ) throws {
    for i in days.indices {
      if let day = days[i], let first = earlierDays[i], day < first {
        throw rowError(
          name, line: Int(lines[i]), text: day.isoString,
          "is before \(event) (\(first.isoString)); expected a date on or after \(earlier)")
      }
    }
  }

  /// What was read, for the load report.
  func report(formats: [String: DateFormat]) -> LoadReport {
    LoadReport(
      fileName: context.fileName, rowsRead: lines.count, blankLinesSkipped: scanner.blankLines,
      ignoredColumns: mapping.ignored, dateFormats: formats, columnMapping: mapping.used)
  }

  /// An error about the current row's column `name`.
  func rowError(_ name: String, line: Int, text: String?, _ message: String) -> DataError {
    context.fieldError(.row, line: line, column: mapping.column(name), text: text, message)
  }
}
