/// A single-pass RFC 4180 tokeniser over bytes that splits one row at a time into field ranges.
///
/// No strings are created: each field is a byte range into the caller's buffer (the content
/// between the quotes for a quoted field). A field containing doubled quotes is unescaped on
/// demand into a scratch buffer by `field(_:)`.
///
/// Rules: fields are separated by `,`; rows end at LF, CRLF or a lone CR (mixed freely);
/// a field that starts with `"` is quoted and may contain commas, line breaks and `""`;
/// a `"` inside an unquoted field is kept as a literal character. Empty lines and lines of
/// only commas are skipped and counted in `blankLines`. The last row needs no line break.
///
/// The buffer must outlive the scanner (use it inside `withUnsafeBufferPointer`).
struct CSVScanner: ~Copyable {
  let base: UnsafePointer<UInt8>
  let end: Int
  let fileName: String
  /// Offset of the next unread byte.
  private(set) var position: Int
  /// Physical line number at `position`.
  private(set) var nextLine: Int
  /// Physical line where the current row starts.
  private(set) var rowLine = 0
  /// Byte offset where the current row starts.
  private(set) var rowStart = 0
  /// Number of fields in the current row (may exceed `capacity`; only `capacity` are stored).
  private(set) var fieldCount = 0
  /// Skipped blank lines so far.
  private(set) var blankLines = 0

  let capacity: Int
  private let starts: UnsafeMutablePointer<Int>
  private let ends: UnsafeMutablePointer<Int>
  /// 0 = unquoted, 1 = quoted, 2 = quoted with doubled quotes inside.
  private let flags: UnsafeMutablePointer<UInt8>
  private var scratch: UnsafeMutablePointer<UInt8>
  private var scratchCapacity = 256

  /// Starts scanning at `start` (which is on physical line `line`).
  init(
    base: UnsafePointer<UInt8>, count: Int, start: Int, line: Int = 1, fieldCapacity: Int = 64,
    fileName: String
  ) {
    self.base = base
    self.end = count
    self.position = start
    self.nextLine = line
    self.fileName = fileName
    self.capacity = max(fieldCapacity, 1)
    starts = .allocate(capacity: capacity)
    ends = .allocate(capacity: capacity)
    flags = .allocate(capacity: capacity)
    scratch = .allocate(capacity: scratchCapacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    flags.deallocate()
    scratch.deallocate()
  }

  // MARK: - Rows

  /// Tokenises the next non-blank row; false at the end of the input.
  ///
  /// - Throws: `DataError` for an unterminated quote (naming the line where it opened) or
  ///   text between a closing quote and the next separator.
  mutating func nextRow() throws -> Bool {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 10, cr: UInt8 = 13
    let p = base
    while position < end {
      rowStart = position
      rowLine = nextLine
      fieldCount = 0
      var i = position
      var sawQuoted = false
      fields: while true {
        if i < end, p[i] == quote {
          sawQuoted = true
          let openLine = nextLine
          i += 1
          let contentStart = i
          var doubled = false
          while true {
            guard i < end else {
              throw DataError(
                .syntax, file: fileName, line: openLine, column: fieldCount + 1,
                message: "quoted field is never closed; expected a closing '\"' (a quote "
                  + "inside a quoted field must be doubled)")
            }
            let c = p[i]
            if c == quote {
              if i + 1 < end, p[i + 1] == quote {
                doubled = true
                i += 2
                continue
              }
              break
            }
            if c == lf || (c == cr && (i + 1 >= end || p[i + 1] != lf)) { nextLine += 1 }
            i += 1
          }
          record(contentStart, i, doubled ? 2 : 1)
          i += 1
          if i >= end { break fields }
          let c = p[i]
          if c == comma {
            i += 1
            continue fields
          }
          if c == lf || c == cr {
            i += (c == cr && i + 1 < end && p[i + 1] == lf) ? 2 : 1
            nextLine += 1
            break fields
          }
          throw DataError(
            .syntax, file: fileName, line: nextLine, column: fieldCount,
            message: "unexpected text after a closing quote; expected ',' or the end of the "
              + "line (a quote inside a quoted field must be doubled)")
        } else {
          let fieldStart = i
          while i < end {
            let c = p[i]
            if c == comma || c == lf || c == cr { break }
            i += 1
          }
          record(fieldStart, i, 0)
          if i >= end { break fields }
          let c = p[i]
          i += 1
          if c == comma { continue fields }
          if c == cr, i < end, p[i] == lf { i += 1 }
          nextLine += 1
          break fields
        }
      }
      position = i
      if !sawQuoted, fieldCount <= capacity,
        ends[fieldCount - 1] - rowStart == fieldCount - 1
      {
        blankLines += 1
        continue
      }
      return true
    }
    return false
  }

  @inline(__always)
  private mutating func record(_ start: Int, _ end: Int, _ flag: UInt8) {
    if fieldCount < capacity {
      starts[fieldCount] = start
      ends[fieldCount] = end
      flags[fieldCount] = flag
    }
    fieldCount += 1
  }

  // MARK: - Fields of the current row

  /// The raw content range of field `k` (quotes removed, doubled quotes not yet unescaped).
  @inline(__always)
  func range(_ k: Int) -> (start: Int, end: Int) { (starts[k], ends[k]) }

  /// True when field `k` was quoted.
  @inline(__always)
  func isQuoted(_ k: Int) -> Bool { flags[k] != 0 }

  /// The content of field `k` with doubled quotes unescaped, valid until the next call.
  @inline(__always)
  mutating func field(_ k: Int) -> UnsafeBufferPointer<UInt8> {
    if flags[k] == 2 { return unescaped(k) }
    return UnsafeBufferPointer(start: base + starts[k], count: ends[k] - starts[k])
  }

  /// The content of field `k` with surrounding spaces and tabs removed.
  @inline(__always)
  mutating func trimmedField(_ k: Int) -> UnsafeBufferPointer<UInt8> {
    let f = field(k)
    guard let fp = f.baseAddress, !f.isEmpty, fp[0] <= 32 || fp[f.count - 1] <= 32 else {
      return f
    }
    var s = 0
    var e = f.count
    while s < e, fp[s] == 32 || fp[s] == 9 { s += 1 }
    while e > s, fp[e - 1] == 32 || fp[e - 1] == 9 { e -= 1 }
    return UnsafeBufferPointer(start: fp + s, count: e - s)
  }

  /// Field `k` as a string (doubled quotes unescaped).
  mutating func string(_ k: Int) -> String {
    String(decoding: field(k), as: UTF8.self)
  }

  private mutating func unescaped(_ k: Int) -> UnsafeBufferPointer<UInt8> {
    var i = starts[k]
    let e = ends[k]
    if e - i > scratchCapacity {
      scratch.deallocate()
      scratchCapacity = e - i
      scratch = .allocate(capacity: scratchCapacity)
    }
    var n = 0
    while i < e {
      scratch[n] = base[i]
      n += 1
      i += base[i] == UInt8(ascii: "\"") ? 2 : 1
    }
    return UnsafeBufferPointer(start: scratch, count: n)
  }
}
