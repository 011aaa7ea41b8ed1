#if canImport(Glibc)
  import Glibc
#endif

/// Whole-file input and the checks every CSV input gets before it is tokenised.
///
/// Files are read whole (`InputFile`: no Foundation, no locale), then
/// checked once: a UTF-8 byte order mark is skipped, UTF-16 is rejected with a hint, every
/// byte sequence must be valid UTF-8 and no byte may be NUL. The check runs eight bytes at a
/// time while the text is ASCII, so it costs a few percent of a load.
public enum CSVReader {
  /// Reads the whole input at `path` (`-` for standard input; see `InputFile`).
  ///
  /// - Throws: `DataError` of kind `.io` naming the path and the system's reason.
  public static func readFile(path: String) throws -> [UInt8] {
    try InputFile.withContents(path: path, mapped: false) { Array($0) }
  }

  /// Reads and tokenises a whole CSV file into a table of text cells.
  ///
  /// - Throws: `DataError` for I/O, encoding and CSV syntax problems.
  public static func table(path: String) throws -> CSVTable {
    try CSVTable(bytes: readFile(path: path), fileName: InputFile.displayName(path))
  }

  /// The first byte of a file held in `buf`.
  ///
  /// - Throws: `DataError.emptyFile` when `buf` holds no bytes.
  static func firstByte(of buf: UnsafeBufferPointer<UInt8>, fileName: String) throws
    -> UnsafePointer<UInt8>
  {
    guard let p = buf.baseAddress, !buf.isEmpty else { throw DataError.emptyFile(fileName) }
    return p
  }

  /// Checks encoding and returns the offset where the CSV text starts (after any BOM).
  ///
  /// - Throws: `DataError` of kind `.encoding` naming the line of the first bad byte.
  public static func validatedStart(of bytes: [UInt8], fileName: String) throws -> Int {
    try bytes.withUnsafeBufferPointer { buf in
      guard let p = buf.baseAddress else { return 0 }
      return try validatedStart(p, count: buf.count, fileName: fileName)
    }
  }

  static func validatedStart(_ p: UnsafePointer<UInt8>, count n: Int, fileName: String) throws
    -> Int
  {
    let start = try textStart(p, count: n, fileName: fileName)
    if let bad = firstInvalidByte(p, from: start, count: n) {
      let line = lineNumber(p, at: bad, from: start)
      if p[bad] == 0 {
        throw DataError(
          .encoding, file: fileName, line: line,
          message: "contains a NUL byte at byte offset \(bad); expected text (is this a binary "
            + "or UTF-16 file?)")
      }
      let hex = (bad..<min(bad + 4, n)).map { "\\x" + hex2(p[$0]) }.joined()
      throw DataError(
        .encoding, file: fileName, line: line,
        message: "invalid UTF-8 bytes \(hex) at byte offset \(bad); expected UTF-8 text "
          + "(re-export the file as CSV UTF-8, or name its encoding with --encoding, e.g. "
          + "--encoding windows-1252)")
    }
    return start
  }

  /// The offset where the CSV text starts (after any BOM), without checking the rest.
  ///
  /// - Throws: `DataError` of kind `.encoding` for a UTF-16 file.
  static func textStart(_ p: UnsafePointer<UInt8>, count n: Int, fileName: String) throws -> Int {
    if n >= 2, (p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) {
      throw DataError(
        .encoding, file: fileName, line: 1,
        message: "file is UTF-16; expected UTF-8 (save or export it as CSV UTF-8)")
    }
    return n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
  }

  /// The 1-based physical line holding byte `offset` (counting LF, CRLF and lone CR).
  static func lineNumber(_ p: UnsafePointer<UInt8>, at offset: Int, from start: Int) -> Int {
    var line = 1
    var i = start
    while i < offset {
      if p[i] == 10 {
        line += 1
      } else if p[i] == 13, i + 1 >= offset || p[i + 1] != 10 {
        line += 1
      }
      i += 1
    }
    return line
  }

  // MARK: - Encoding check

  /// The offset of the first NUL byte or invalid UTF-8 sequence, or nil.
  static func firstInvalidByte(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int? {
    let raw = UnsafeRawPointer(p)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = start
    while i < n {
      if i + 8 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // Any high bit set, or any zero byte: (v - 0x01..) & ~v & 0x80.. flags zero bytes.
        if (v | ((v &- ones) & ~v)) & highs == 0 {
          i += 8
          continue
        }
      }
      let b = p[i]
      if b == 0 { return i }
      if b < 0x80 {
        i += 1
        continue
      }
      guard let next = endOfSequence(p, at: i, count: n) else { return i }
      i = next
    }
    return nil
  }

  /// The offset just past the valid multi-byte UTF-8 sequence whose lead byte is at `i`, or
  /// nil when the bytes from `i` are not one.
  @inline(__always)
  static func endOfSequence(_ p: UnsafePointer<UInt8>, at i: Int, count n: Int) -> Int? {
    let b = p[i]
    let length: Int
    var minimum: UInt32
    var scalar: UInt32
    switch b {
    case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(b & 0x1F))
    case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(b & 0x0F))
    case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(b & 0x07))
    default: return nil
    }
    guard i + length <= n else { return nil }
    for k in 1..<length {
      let c = p[i + k]
      guard c & 0xC0 == 0x80 else { return nil }
      scalar = scalar << 6 | UInt32(c & 0x3F)
    }
    if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
      return nil
    }
    return i + length
  }

  private static func hex2(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
  }
}
