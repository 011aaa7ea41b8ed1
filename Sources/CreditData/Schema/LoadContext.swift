/// The file being loaded, with the helpers that turn field problems into `DataError`s.
///
/// Errors found after the single pass (a date that is invalid once the column's format is
/// known, paid before issued) need the field's original text; rather than keep every
/// field's offset, the file is scanned again up to the offending line. That costs time only
/// on the error path.
struct LoadContext {
  let base: UnsafePointer<UInt8>
  let count: Int
  let start: Int
  let fileName: String
  let header: [String]
  /// 0-based header index -> canonical name, for messages.
  var canonicalName: [Int: String] = [:]
  /// `LoadOptions.pointEndsFastPath`: an amount with a point stops the fast path.
  var pointEndsFastPath = false

  /// The name to show for header column `k`: canonical when mapped, else the header text.
  func name(_ k: Int) -> String { canonicalName[k] ?? header[k] }

  /// An error about field `k` of the row on `line`.
  func fieldError(
    _ kind: DataError.Kind = .value, line: Int, column k: Int, text: String?,
    _ message: String
  ) -> DataError {
    DataError(
      kind, file: fileName, line: line, column: k + 1, columnName: name(k), text: text,
      message: message)
  }

  /// The amount in field `f`, column `k` of the row on `line`.
  ///
  /// A decimal below the money limit (`DecimalParser.isMoney`); an empty field is the
  /// caller's to handle first.
  ///
  /// - Throws: `DataError` naming the line and column, for text that is not a decimal or an
  ///   amount out of range.
  @inline(__always)
  func money(_ f: UnsafeBufferPointer<UInt8>, line: Int, column k: Int) throws -> Double {
    guard let base = f.baseAddress, let v = DecimalParser.parse(base, count: f.count) else {
      throw fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        DecimalParser.expectation)
    }
    guard DecimalParser.isMoney(v) else {
      throw fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self), DecimalParser.moneyRange)
    }
    return v
  }

  /// The invoice amount in field `f` (`money`), which stops the fast path at a point when
  /// `pointEndsFastPath` says the export reader is to decide what a point is.
  @inline(__always)
  func amount(_ f: UnsafeBufferPointer<UInt8>, line: Int, column k: Int) throws -> Double {
    if pointEndsFastPath, f.contains(UInt8(ascii: ".")) {
      throw fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        DecimalParser.pointAfterWholeAmounts)
    }
    return try money(f, line: line, column: k)
  }

  /// The credit limit in field `f` (`money`), 0 or more.
  func limit(_ f: UnsafeBufferPointer<UInt8>, line: Int, column k: Int) throws -> Double {
    let value = try money(f, line: line, column: k)
    guard value >= 0 else {
      throw fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        DecimalParser.negativeLimit)
    }
    return value
  }

  /// The text of field `k` on physical line `line`, found by scanning the file again.
  func text(line: Int, column k: Int) -> String? {
    var scanner = CSVScanner(
      base: base, count: count, start: start, fieldCapacity: header.count + 1,
      fileName: fileName)
    while (try? scanner.nextRow()) == true {
      if scanner.rowLine == line {
        return k < min(scanner.fieldCount, scanner.capacity) ? scanner.string(k) : nil
      }
      if scanner.rowLine > line { return nil }
    }
    return nil
  }

  /// The error for a date field that could not be read.
  func dateError(
    _ problem: RawDateColumn.Problem, line: Int, column k: Int, text: String,
    forced: DateFormat?
  ) -> DataError {
    let layouts = "YYYY-MM-DD, M/D/YYYY, D/M/YYYY or D.M.YYYY"
    let expected = forced.map { "a date in \($0) (set by --date-format)" } ?? layouts
    switch problem {
    case .notADate:
      return fieldError(line: line, column: k, text: text, "is not a date; expected \(expected)")
    case .yearOutOfRange:
      return fieldError(
        line: line, column: k, text: text,
        "has a year outside 1900...2199; expected a date in that range")
    case .invalidDay:
      return fieldError(
        line: line, column: k, text: text,
        "is not a calendar date; expected a real day in \(forced?.description ?? layouts)")
    case .mixed(let shape, let firstLine):
      let was = shape == .iso ? "YYYY-MM-DD" : shape == .slash ? "A/B/YYYY" : "D.M.YYYY"
      return fieldError(
        line: line, column: k, text: text,
        "uses a different date layout from line \(firstLine) (\(was)); expected one layout "
          + "per column")
    }
  }

  // MARK: - Date formats

  /// One date column awaiting its format.
  struct DateColumn {
    var canonical: String
    var column: Int
    var raw: RawDateColumn
  }

  /// Decides each date column's format from its own values, falling back to the format that
  /// other slash-date columns of the file decided; converts every value.
  ///
  /// - Throws: `DataError` when slash dates point both ways, when no column decides an
  ///   ambiguous slash column (naming `--date-format`), or for a value that is not a day.
  func resolveDates(_ columns: [DateColumn], lines: [Int32]) throws -> (
    days: [[Day?]], formats: [String: DateFormat]
  ) {
    var days: [[Day?]] = []
    let formats = try decideDates(columns, lines: lines) { c, format in
      guard let format else {
        days.append([Day?](repeating: nil, count: columns[c].raw.packed.count))
        return nil
      }
      switch columns[c].raw.days(format) {
      case .success(let d):
        days.append(d)
        return nil
      case .failure(let bad): return bad.index
      }
    }
    return (days, formats)
  }

  /// Decides each date column's format as `resolveDates` does and has `convert` convert each
  /// column in order, with nil for a column without values.
  ///
  /// `convert(c, format)` returns the index of the first value of column `c` that is not a
  /// day in `format`, or nil when all are.
  ///
  /// - Throws: `DataError`, as `resolveDates`.
  func decideDates(
    _ columns: [DateColumn], lines: [Int32], convert: (Int, DateFormat?) -> Int?
  ) throws -> [String: DateFormat] {
    var decided: [DateFormat?] = []
    for c in columns {
      let (format, conflict) = c.raw.decidedFormat()
      if conflict, let l1 = c.raw.firstOver12Line, let l2 = c.raw.secondOver12Line {
        let t1 = text(line: l1, column: c.column) ?? "?"
        let t2 = text(line: l2, column: c.column) ?? "?"
        throw fieldError(
          line: l2, column: c.column, text: t2,
          "is month-first but line \(l1) has '\(t1)', which is day-first; expected one order "
            + "per column (fix the data or set --date-format)")
      }
      decided.append(format)
    }
    let slashDecisions = Set(
      decided.compactMap { $0 }.filter { $0 == .monthDayYear || $0 == .dayMonthYear })
    var formats: [String: DateFormat] = [:]
    for (k, (c, format)) in zip(columns, decided).enumerated() {
      guard c.raw.hasValues else {
        _ = convert(k, nil)
        continue
      }
      let chosen: DateFormat
      if let format {
        chosen = format
      } else if slashDecisions.count == 1, let other = slashDecisions.first {
        chosen = other
      } else {
        let line = c.raw.exampleLine ?? 0
        throw DataError(
          .ambiguousDates, file: fileName, line: line, column: c.column + 1,
          columnName: name(c.column), text: text(line: line, column: c.column),
          message: "is ambiguous: every date in this column reads as M/D/YYYY and as "
            + "D/M/YYYY; expected --date-format M/D/YYYY or --date-format D/M/YYYY")
      }
      if let bad = convert(k, chosen) {
        let line = Int(lines[bad])
        throw fieldError(
          line: line, column: c.column, text: text(line: line, column: c.column),
          "is not a calendar date; expected a real day in \(chosen)")
      }
      formats[c.canonical] = chosen
    }
    return formats
  }
}

extension LoadContext {
  /// The context of a file whose header `mapping` matched to a schema: messages name its
  /// columns by their canonical names.
  init(
    base: UnsafePointer<UInt8>, count: Int, start: Int, fileName: String, header: [String],
    mapping: InputSchema.Mapping
  ) {
    self.init(base: base, count: count, start: start, fileName: fileName, header: header)
    canonicalName = Dictionary(
      mapping.index.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
  }
}
