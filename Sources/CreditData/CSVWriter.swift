#if canImport(Glibc)
  import Glibc
#endif

/// Builds an RFC 4180 CSV document in memory, safe to open in a spreadsheet.
///
/// Text cells are quoted when they contain a comma, quote, CR or LF, and are neutralised
/// (prefixed with `'`) when they start with `=`, `+`, `-`, `@`, tab or CR, so a spreadsheet
/// never evaluates them as a formula. Numbers are written with fixed precision through
/// `appendFixed` (no `description`, no `%.17g`: fixed-point digits are ~10x cheaper and are
/// what a spreadsheet user expects).
///
/// Rows end in `\n`. Call `write(to:)` to publish the file atomically (temporary file, then rename).
public struct CSVWriter: Sendable {
  /// The document so far.
  public private(set) var bytes: [UInt8] = []
  private var fieldsInRow = 0
  private let header: [String]
  private var row = 0
  /// The first cell given a number that is not finite (written empty), or nil.
  ///
  /// By 1-based data row (the header is row 0) and column name. Publishers refuse such a document
  /// (`nonFiniteProblem`): an output never holds a blank where a number belongs.
  public private(set) var firstNonFinite: (row: Int, column: String)?

  public init(header: [String]) {
    self.header = header
    bytes.reserveCapacity(1 << 16)
    for name in header { appendText(name) }
    endRow()
  }

  /// Why the document must not be published (a number that is not finite), naming the file
  /// `name`, the row and the column; nil when every number is finite.
  public func nonFiniteProblem(name: String) -> String? {
    guard let cell = firstNonFinite else { return nil }
    return
      "\(name) row \(cell.row), column '\(cell.column)' would hold a number that is not finite; nothing was written"
  }

  // MARK: - Fields

  /// Appends a text cell, quoting and neutralising as needed.
  ///
  /// Reads the text's UTF-8 in place (no copy of it per cell: a million-row file has
  /// millions of text cells).
  public mutating func appendText(_ text: String) {
    separate()
    var text = text
    text.withUTF8 { appendTextBytes($0) }
  }

  /// The text's bytes, quoted when they hold a comma, quote, CR or LF; a quote inside is
  /// doubled, and the stretches between quotes are copied whole.
  private mutating func appendTextBytes(_ utf8: UnsafeBufferPointer<UInt8>) {
    let neutralise = utf8.first.map(CSVWriter.isFormulaTrigger) ?? false
    let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    if needsQuotes { bytes.append(34) }
    if neutralise { bytes.append(UInt8(ascii: "'")) }
    guard needsQuotes else {
      bytes.append(contentsOf: utf8)
      return
    }
    var start = 0
    for (i, b) in utf8.enumerated() where b == 34 {
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...i]))
      bytes.append(34)
      start = i + 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    bytes.append(34)
  }

  /// Appends an empty cell.
  public mutating func appendEmpty() { separate() }

  /// Appends an integer cell.
  public mutating func appendInteger(_ value: Int) {
    separate()
    CSVWriter.appendDigits(UInt64(value.magnitude), negative: value < 0, to: &bytes)
  }

  /// Appends `value` with exactly `decimals` digits after the point (round half away from zero).
  ///
  /// Non-finite values are written as an empty cell (a spreadsheet has no NaN) and recorded
  /// in `firstNonFinite`.
  public mutating func appendFixed(_ value: Double, decimals: Int) {
    separate()
    guard value.isFinite else {
      if firstNonFinite == nil {
        let column = fieldsInRow <= header.count ? header[fieldsInRow - 1] : "\(fieldsInRow)"
        firstNonFinite = (row, column)
      }
      return
    }
    CSVWriter.writeFixed(value, decimals: decimals, to: &bytes)
  }

  /// `value` with exactly `decimals` digits after the point, as text (the digits `appendFixed`
  /// writes); "nan", "inf" or "-inf" for non-finite values.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var bytes: [UInt8] = []
    writeFixed(value, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `value` as `fixed(_:decimals:)` writes it: rounded to `decimals` places, halves away from
  /// zero (a finite value of at most about 9e18 once scaled).
  public static func asWritten(_ value: Double, decimals: Int) -> Double {
    let scale = CSVWriter.powersOf10[decimals]
    return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
  }

  /// Appends the fixed-point digits of a finite `value` to `bytes`.
  private static func writeFixed(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
    precondition((0...9).contains(decimals), "decimals must be in 0...9")
    let scale = CSVWriter.powersOf10[decimals]
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else {
      // Beyond Int64 after scaling: fall back to the shortest exact representation.
      bytes.append(contentsOf: Array(String(value).utf8))
      return
    }
    let units = UInt64(scaled)
    appendDigits(units, decimals: decimals, negative: value < 0 && units != 0, to: &bytes)
  }

  /// Appends money with 2 decimals.
  public mutating func appendMoney(_ value: Double) { appendFixed(value, decimals: 2) }

  /// Appends a probability with 6 decimals.
  public mutating func appendProbability(_ value: Double) { appendFixed(value, decimals: 6) }

  /// Appends an ISO `YYYY-MM-DD` date.
  public mutating func appendDay(_ day: Day) {
    separate()
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(0, count: 10))
    day.writeISO(into: &bytes, at: start)
  }

  /// Reserves room for `rows` data rows in all, `written` of them already written, at the
  /// size of those (one tenth more); the document is the same, only its growth differs.
  public mutating func reserveCapacity(rows: Int, written: Int) {
    guard written > 0, rows > written, let headerEnd = bytes.firstIndex(of: 10) else { return }
    let perRow = (bytes.count - headerEnd - 1) / written + 1
    bytes.reserveCapacity(bytes.count + (rows - written) * perRow * 11 / 10)
  }

  /// Ends the current row.
  public mutating func endRow() {
    bytes.append(10)
    fieldsInRow = 0
    row += 1
  }

  // MARK: - Output

  /// Writes the document to `path` atomically: a temporary file in the same folder, then rename.
  /// - Throws: `OutputError` naming the path when the folder is not writable or the disk is full.
  public func write(to path: String) throws {
    try AtomicFile.write(bytes, to: path)
  }

  // MARK: - Helpers

  private mutating func separate() {
    if fieldsInRow > 0 { bytes.append(44) }
    fieldsInRow += 1
  }

  /// Appends the decimal digits of `units`, the last `decimals` of them after a point (leading
  /// zeros kept, at least one digit before it), after a minus sign when `negative`.
  ///
  /// The digits are made last first in a buffer on the stack and appended at once.
  private static func appendDigits(
    _ units: UInt64, decimals: Int = 0, negative: Bool = false, to bytes: inout [UInt8]
  ) {
    // 20 digits of a UInt64, the point and the sign.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
      var n = buffer.count
      var v = units
      for _ in 0..<decimals {
        n -= 1
        buffer[n] = UInt8(48 + v % 10)
        v /= 10
      }
      if decimals > 0 {
        n -= 1
        buffer[n] = UInt8(ascii: ".")
      }
      repeat {
        n -= 1
        buffer[n] = UInt8(48 + v % 10)
        v /= 10
      } while v > 0
      if negative {
        n -= 1
        buffer[n] = UInt8(ascii: "-")
      }
      bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: buffer[n...]))
    }
  }

  /// True for the first bytes a spreadsheet treats as the start of a formula.
  @inlinable public static func isFormulaTrigger(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "@") || byte == 9 || byte == 13
  }

  private static let powersOf10: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
}

extension CSVWriter {
  /// A text cell as it was before `appendText` neutralised it: the `'` put before a formula
  /// trigger taken off again (for reading the files back).
  public static func original(_ cell: String) -> String {
    let bytes = Array(cell.utf8.prefix(2))
    guard bytes.count == 2, bytes[0] == UInt8(ascii: "'"), isFormulaTrigger(bytes[1]) else {
      return cell
    }
    return String(cell.dropFirst())
  }
}
