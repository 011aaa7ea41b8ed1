import Parallelism

/// Date fields of one column, parsed to their numeric parts before the order is known.
///
/// The loader sees every value of a column before it can tell `M/D` from `D/M`, so each value
/// is stored packed as `year << 10 | first << 5 | second` (0 = empty) and converted to `Day`
/// once the column's format is decided. Years must lie in 1900...2199.
struct RawDateColumn {
  /// The separator family of the column's values.
  enum Shape: UInt8 { case none, iso, slash, dot }

  /// What went wrong with one value.
  enum Problem: Error {
    case notADate
    case yearOutOfRange
    case mixed(first: Shape, firstLine: Int)
    case invalidDay
  }

  static let yearRange = 1900...2199

  var packed: [UInt32] = []
  var shape: Shape = .none
  var shapeLine = 0
  let forced: DateFormat?
  /// First line whose first slash part is above 12 (so the order must be D/M).
  var firstOver12Line: Int?
  /// First line whose second slash part is above 12 (so the order must be M/D).
  var secondOver12Line: Int?
  /// First line with a value, for the ambiguity message.
  var exampleLine: Int?

  init(capacity: Int, forced: DateFormat?) {
    packed.reserveCapacity(capacity)
    self.forced = forced
  }

  /// Parses one trimmed field and appends it.
  @inline(__always)
  mutating func append(_ f: UnsafeBufferPointer<UInt8>, line: Int) throws(Problem) {
    packed.append(try value(f, line: line))
  }

  /// Parses one trimmed field of the column, on `line`, into its packed value (0 when
  /// empty) without storing it (the history pass keeps `stored(_:_:)` of it instead).
  @inline(__always)
  mutating func value(_ f: UnsafeBufferPointer<UInt8>, line: Int) throws(Problem) -> UInt32 {
    guard let p = f.baseAddress, !f.isEmpty else { return 0 }
    let (value, s) = try RawDateColumn.parse(p, count: f.count)
    if s != shape {
      if shape == .none {
        shape = s
        shapeLine = line
        exampleLine = line
      } else {
        throw .mixed(first: shape, firstLine: shapeLine)
      }
    }
    if s == .slash {
      let a = (value >> 5) & 31
      let b = value & 31
      if a > 12, firstOver12Line == nil { firstOver12Line = line }
      if b > 12, secondOver12Line == nil { secondOver12Line = line }
    }
    if let forced {
      guard RawDateColumn.isDay(value, forced, shape: s) else {
        throw (RawDateColumn.matches(forced, s) ? .invalidDay : .notADate)
      }
    } else if s != .slash {
      guard RawDateColumn.isDay(value, s == .iso ? .iso : .dayMonthYearDots, shape: s)
      else { throw .invalidDay }
    }
    return value
  }

  /// The format values are converted with as they are read: the forced one, or the one ISO
  /// and dotted values imply; nil for slash values, whose order is decided after the pass.
  var formatWhileReading: DateFormat? {
    forced ?? (shape == .iso ? .iso : shape == .dot ? .dayMonthYearDots : nil)
  }

  /// What to keep of `v`, a value `value(_:line:)` just returned, until the column's
  /// format is decided: its day when `formatWhileReading` is known, else `v` itself
  /// (positive, below 2^22); `HistoryStorage.noDay` when empty.
  @inline(__always)
  func stored(_ v: UInt32, _ calendar: Calendar) -> Day {
    if v == 0 { return HistoryStorage.noDay }
    // `value` checked that `v` is a day in this format.
    guard let format = formatWhileReading else { return Day(rawValue: Int32(v)) }
    return calendar.checkedDay(v, format)
  }

  /// Appends the values of `other`, read on its own from the rows that follow this
  /// column's in the file; `lineOffset` turns `other`'s line numbers into physical ones.
  ///
  /// The result is what reading both parts in one go would have kept. Returns false, leaving
  /// the column unusable, when the parts have different layouts: read in one go, `append`
  /// would have thrown `.mixed` at `other`'s first value.
  mutating func append(contentsOf other: RawDateColumn, lineOffset: Int) -> Bool {
    if other.shape != .none {
      if shape == .none {
        shape = other.shape
        shapeLine = other.shapeLine + lineOffset
        exampleLine = other.exampleLine.map { $0 + lineOffset }
      } else if other.shape != shape {
        return false
      }
    }
    if firstOver12Line == nil { firstOver12Line = other.firstOver12Line.map { $0 + lineOffset } }
    if secondOver12Line == nil {
      secondOver12Line = other.secondOver12Line.map { $0 + lineOffset }
    }
    packed += other.packed
    return true
  }

  /// The format this column's own values imply.
  ///
  /// Nil when the column is empty or every slash value is ambiguous; `conflict` is true when
  /// slash values point both ways.
  func decidedFormat() -> (format: DateFormat?, conflict: Bool) {
    if let forced { return (forced, false) }
    switch shape {
    case .none: return (nil, false)
    case .iso: return (.iso, false)
    case .dot: return (.dayMonthYearDots, false)
    case .slash:
      switch (firstOver12Line, secondOver12Line) {
      case (.some, .some): return (nil, true)
      case (.some, nil): return (.dayMonthYear, false)
      case (nil, .some): return (.monthDayYear, false)
      case (nil, nil): return (nil, false)
      }
    }
  }

  /// True when the column holds at least one value.
  var hasValues: Bool { shape != .none }

  /// Converts every value with `format`; on failure returns the index of the first bad one.
  func days(_ format: DateFormat) -> Result<[Day?], IndexError> {
    let ranges = Parallel.loadingRanges(packed.count)
    let calendar = Calendar()
    let (out, firstBad) = packed.withUnsafeBufferPointer { packed in
      Parallel.array(count: packed.count, ranges: ranges) {
        (k: Int, out: UnsafeMutableBufferPointer<Day?>) -> Int? in
        var bad: Int?
        let start = ranges[k].lowerBound
        for j in 0..<out.count {
          let v = packed[start + j]
          let d = v == 0 ? nil : calendar.day(v, format, shape: shape)
          if v != 0, d == nil, bad == nil { bad = start + j }
          out.initializeElement(at: j, to: d)
        }
        return bad
      }
    }
    if let bad = firstBad.lazy.compactMap({ $0 }).first { return .failure(.init(bad)) }
    return .success(out)
  }

  /// `day(_:_:shape:)` for many values, with the first day of each year looked up.
  ///
  /// In `perf`, `daysFromCivil`, `daysIn` and the conversion loop around them were about a
  /// tenth of a history load. A table of the first day of every month was slower than this
  /// one per year: a 1M-row load took 30 ms more on one core.
  struct Calendar {
    /// Days from 1970-01-01 to January 1 of `yearRange.lowerBound + i`.
    private let yearStart: [Int32]

    init() {
      yearStart = RawDateColumn.yearRange.map {
        Int32(Day.daysFromCivil(year: $0, month: 1, day: 1))
      }
    }

    /// The same day as `RawDateColumn.day(v, format, shape:)`, for a value that
    /// `RawDateColumn.parse` produced (so its year is in `yearRange`).
    @inline(__always)
    func day(_ v: UInt32, _ format: DateFormat, shape: Shape) -> Day? {
      guard RawDateColumn.isDay(v, format, shape: shape) else { return nil }
      return checkedDay(v, format)
    }

    /// `day(v, format, shape:)` for a value already known to be a day in `format`.
    @inline(__always)
    func checkedDay(_ v: UInt32, _ format: DateFormat) -> Day {
      let y = Int(v >> 10)
      let a = Int((v >> 5) & 31)
      let b = Int(v & 31)
      let (m, d) = format == .iso || format == .monthDayYear ? (a, b) : (b, a)
      // Days before month m in a common year, plus one from March on in a leap year.
      let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
      let before = (367 * m - 362) / 12 - (m <= 2 ? 0 : leap ? 1 : 2)
      return yearStart.withUnsafeBufferPointer { starts in
        Day(rawValue: starts[y - RawDateColumn.yearRange.lowerBound] + Int32(before + d - 1))
      }
    }
  }

  /// The index of a value that could not be converted.
  struct IndexError: Error {
    var index: Int
    init(_ index: Int) { self.index = index }
  }

  // MARK: - Parsing

  static func matches(_ format: DateFormat, _ shape: Shape) -> Bool {
    switch format {
    case .iso: shape == .iso
    case .monthDayYear, .dayMonthYear: shape == .slash
    case .dayMonthYearDots: shape == .dot
    }
  }

  /// True when `v` is a calendar day read as `format` (what `day` checks, without
  /// converting).
  @inline(__always)
  static func isDay(_ v: UInt32, _ format: DateFormat, shape: Shape) -> Bool {
    guard matches(format, shape) else { return false }
    let a = Int((v >> 5) & 31)
    let b = Int(v & 31)
    let (m, d) = format == .iso || format == .monthDayYear ? (a, b) : (b, a)
    return m >= 1 && m <= 12 && d >= 1 && (d <= 28 || d <= Day.daysIn(month: m, year: Int(v >> 10)))
  }

  @inline(__always)
  static func day(_ v: UInt32, _ format: DateFormat, shape: Shape) -> Day? {
    guard matches(format, shape) else { return nil }
    let y = Int(v >> 10)
    let a = Int((v >> 5) & 31)
    let b = Int(v & 31)
    let (m, d) = format == .iso || format == .monthDayYear ? (a, b) : (b, a)
    guard m >= 1, m <= 12, d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
    return Day(rawValue: Int32(Day.daysFromCivil(year: y, month: m, day: d)))
  }

  /// Splits `YYYY-M-D`, `A/B/YYYY` or `A.B.YYYY` (optionally followed by a space or `T` and a
  /// time, which is ignored) into a packed value and its shape.
  @inline(__always)
  static func parse(_ p: UnsafePointer<UInt8>, count n: Int) throws(Problem) -> (UInt32, Shape) {
    if let v = isoValue(p, count: n) { return (v, .iso) }
    return try parseAnyLayout(p, count: n)
  }

  /// The packed value of a plain `YYYY-MM-DD` (optionally followed by a space or `T` and
  /// more) that `parseAnyLayout` accepts, read with word arithmetic; nil for anything else,
  /// which `parseAnyLayout` then reads or rejects.
  ///
  /// Nearly every date in an ERP export has this layout. Reading three such columns of
  /// 500,000 rows took 40 ms on one core with the byte loop alone, 35 ms with this first.
  @inline(__always)
  static func isoValue(_ p: UnsafePointer<UInt8>, count n: Int) -> UInt32? {
    guard n >= 10, n == 10 || p[10] == UInt8(ascii: "T") || p[10] == 32 else { return nil }
    let raw = UnsafeRawPointer(p)
    // Bytes 0...7, least significant first: `YYYY-MM-`.
    let w = raw.loadUnaligned(as: UInt64.self)
    let dashes: UInt64 = 0xFF00_00FF_0000_0000
    guard w & dashes == 0x2D00_002D_0000_0000 else { return nil }
    // The dashes replaced by '0', every byte must be a digit: adding 0x46 must not carry
    // into the top bit and subtracting 0x30 must not borrow from it.
    let x = (w & ~dashes) | (0x3030_3030_3030_3030 & dashes)
    guard
      ((x &+ 0x4646_4646_4646_4646) | (x &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
        == 0
    else { return nil }
    let d8 = p[8] &- 48
    let d9 = p[9] &- 48
    guard d8 < 10, d9 < 10 else { return nil }
    let d = x &- 0x3030_3030_3030_3030
    @inline(__always) func digit(_ k: UInt64) -> Int {
      Int(truncatingIfNeeded: (d >> (8 * k)) & 0xFF)
    }
    let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
    let a = digit(5) * 10 + digit(6)
    let b = Int(d8) * 10 + Int(d9)
    guard yearRange.contains(year), a >= 1, a <= 31, b >= 1, b <= 31, a <= 12 || b <= 12
    else { return nil }
    return UInt32(year) << 10 | UInt32(a) << 5 | UInt32(b)
  }

  /// `parse` for any layout, a byte at a time.
  static func parseAnyLayout(_ p: UnsafePointer<UInt8>, count n: Int) throws(Problem) -> (
    UInt32, Shape
  ) {
    var i = 0
    @inline(__always) func number(_ maxDigits: Int) -> Int {
      var v = 0
      var k = 0
      while i < n, k < maxDigits, p[i] &- 48 < 10 {
        v = v * 10 + Int(p[i] &- 48)
        i += 1
        k += 1
      }
      return k == 0 ? -1 : v
    }
    let first = number(4)
    guard first >= 0, i < n else { throw .notADate }
    let sep = p[i]
    let shape: Shape
    let year: Int
    let a: Int
    let b: Int
    if sep == UInt8(ascii: "-") {
      guard i == 4 else { throw .notADate }
      i += 1
      a = number(2)
      guard a >= 0, i < n, p[i] == sep else { throw .notADate }
      i += 1
      b = number(2)
      year = first
      shape = .iso
      guard b >= 0, i == n || p[i] == UInt8(ascii: "T") || p[i] == 32 else { throw .notADate }
    } else if sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") {
      guard i <= 2 else { throw .notADate }
      a = first
      i += 1
      b = number(2)
      guard b >= 0, i < n, p[i] == sep else { throw .notADate }
      i += 1
      let start = i
      year = number(4)
      guard year >= 0, i - start == 4, i == n || p[i] == 32 else { throw .notADate }
      shape = sep == UInt8(ascii: "/") ? .slash : .dot
    } else {
      throw .notADate
    }
    guard yearRange.contains(year) else { throw .yearOutOfRange }
    guard a >= 1, a <= 31, b >= 1, b <= 31, a <= 12 || b <= 12 else { throw .notADate }
    return (UInt32(year) << 10 | UInt32(a) << 5 | UInt32(b), shape)
  }
}
