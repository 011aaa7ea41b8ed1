/// A whole CSV file tokenised into a header and rows of cells, kept as byte ranges.
///
/// The table holds the file's bytes and the range of every cell; text is only created when a
/// cell is asked for. Every row has exactly as many cells as the header. This is the general
/// reader (customers files, all-numeric model inputs); invoice histories go through
/// `HistoryLoader`, which converts while it tokenises.
///
/// ```swift
/// let table = try CSVReader.table(path: "data.csv")
/// let x = try table.numbers(column: table.columnIndex(named: "x") ?? 0)
/// ```
public struct CSVTable: Sendable {
  /// The file name used in error messages.
  public let fileName: String
  /// Header cells, in file order, surrounding spaces removed.
  public let header: [String]
  /// Number of data rows (blank lines excluded).
  public var rowCount: Int { lines.count }
  /// Number of columns (the header's field count).
  public var columnCount: Int { header.count }
  /// Physical line of each data row.
  public let lines: [Int]
  /// Blank lines skipped.
  public let blankLines: Int

  private let bytes: [UInt8]
  private let starts: [Int]
  private let ends: [Int]
  private let quoted: [UInt8]

  /// Tokenises `bytes` (a whole file).
  ///
  /// - Throws: `DataError` for encoding problems, CSV syntax errors, an empty file, and rows
  ///   whose field count differs from the header's.
  public init(bytes: [UInt8], fileName: String) throws {
    self.fileName = fileName
    self.bytes = bytes
    var header: [String] = []
    var lines: [Int] = []
    var starts: [Int] = []
    var ends: [Int] = []
    var quoted: [UInt8] = []
    var blank = 0
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress else { return }
      let start = try CSVReader.validatedStart(p, count: buf.count, fileName: fileName)
      var scanner = CSVScanner(
        base: p, count: buf.count, start: start, fieldCapacity: 4096, fileName: fileName)
      guard try scanner.nextRow() else { return }
      header = try CSVTable.readHeader(&scanner)
      let width = header.count
      while try scanner.nextRow() {
        try CSVTable.checkWidth(scanner, expected: width)
        lines.append(scanner.rowLine)
        for k in 0..<width {
          let r = scanner.range(k)
          starts.append(r.start)
          ends.append(r.end)
          quoted.append(scanner.isQuoted(k) ? 1 : 0)
        }
      }
      blank = scanner.blankLines
    }
    guard !header.isEmpty else {
      throw DataError.emptyFile(fileName)
    }
    self.header = header
    self.lines = lines
    self.starts = starts
    self.ends = ends
    self.quoted = quoted
    self.blankLines = blank
  }

  // MARK: - Access

  /// The index of the column whose header equals `name` (case-insensitive), or nil.
  public func columnIndex(named name: String) -> Int? {
    let key = name.lowercased()
    return header.firstIndex { $0.lowercased() == key }
  }

  /// The text of one cell, doubled quotes unescaped.
  public subscript(row: Int, column: Int) -> String {
    precondition(
      row >= 0 && row < rowCount && column >= 0 && column < columnCount,
      "cell index out of range")
    let k = row * header.count + column
    if quoted[k] == 0 { return String(decoding: bytes[starts[k]..<ends[k]], as: UTF8.self) }
    var unescaped: [UInt8] = []
    var i = starts[k]
    while i < ends[k] {
      unescaped.append(bytes[i])
      i += bytes[i] == UInt8(ascii: "\"") ? 2 : 1
    }
    return String(decoding: unescaped, as: UTF8.self)
  }

  /// Every cell of one column, as text.
  public func column(_ column: Int) -> [String] {
    (0..<rowCount).map { self[$0, column] }
  }

  /// One column as numbers; empty cells (after trimming spaces) become NaN.
  ///
  /// Accepts plain decimals with an optional sign and exponent (`-12.5`, `3e-4`); no
  /// thousands separators, no locale.
  /// - Throws: `DataError` naming the line and column of the first cell that is not a number.
  public func numbers(column: Int) throws -> [Double] {
    var out = [Double](repeating: .nan, count: rowCount)
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress else { return }
      for r in 0..<rowCount {
        let k = r * header.count + column
        var s = starts[k]
        var e = ends[k]
        while s < e, p[s] == 32 || p[s] == 9 { s += 1 }
        while e > s, p[e - 1] == 32 || p[e - 1] == 9 { e -= 1 }
        if s == e { continue }
        guard let v = DecimalParser.parse(p + s, count: e - s) else {
          throw DataError(
            .value, file: fileName, line: lines[r], column: column + 1,
            columnName: header[column], text: self[r, column],
            message: DecimalParser.expectation)
        }
        guard v.isFinite else {
          throw DataError(
            .value, file: fileName, line: lines[r], column: column + 1,
            columnName: header[column], text: self[r, column],
            message: DecimalParser.finiteRange)
        }
        out[r] = v
      }
    }
    return out
  }

  // MARK: - Shared with the loaders

  /// Reads the scanner's first row as the header, rejecting an empty file and duplicates.
  static func readFirstHeader(_ scanner: inout CSVScanner) throws -> [String] {
    guard try scanner.nextRow() else { throw DataError.emptyFile(scanner.fileName) }
    return try readHeader(&scanner)
  }

  /// Reads the header cells of the scanner's current row, rejecting duplicates.
  static func readHeader(_ scanner: inout CSVScanner) throws -> [String] {
    guard scanner.fieldCount <= scanner.capacity else {
      throw DataError(
        .header, file: scanner.fileName, line: scanner.rowLine,
        message: "header has \(scanner.fieldCount) columns; at most \(scanner.capacity) are "
          + "supported")
    }
    var names: [String] = []
    var seen: [String: Int] = [:]
    for k in 0..<scanner.fieldCount {
      let name = String(decoding: scanner.trimmedField(k), as: UTF8.self)
      let key = name.lowercased()
      if let first = seen[key], !key.isEmpty {
        throw DataError(
          .header, file: scanner.fileName, line: scanner.rowLine, column: k + 1, text: name,
          message: "duplicate column name (same as column \(first + 1), '\(names[first])'); "
            + "expected each column name once")
      }
      seen[key] = k
      names.append(name)
    }
    return names
  }

  /// Throws when the scanner's current row does not have `expected` fields.
  @inline(__always)
  static func checkWidth(_ scanner: borrowing CSVScanner, expected: Int) throws {
    if scanner.fieldCount != expected {
      throw DataError(
        .syntax, file: scanner.fileName, line: scanner.rowLine,
        message: "row has \(scanner.fieldCount) fields; expected \(expected) as in the header"
          + (scanner.fieldCount > expected ? " (an unquoted comma inside a value?)" : ""))
    }
  }
}
