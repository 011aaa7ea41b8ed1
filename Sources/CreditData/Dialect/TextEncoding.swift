/// The character encodings an export arrives in, detected from its bytes and converted to
/// UTF-8 before anything else reads it.
///
/// Detection: a byte order mark decides (UTF-8, UTF-16 LE or BE); without one, UTF-16 is
/// recognised by NUL bytes in every other position of the first line; valid UTF-8 is UTF-8;
/// otherwise the file is Windows-1252 when every byte above 0x7F is a character that code
/// page defines and stands alone between ASCII bytes, or beside one other accented letter,
/// as the accented letters of Western text do (`Währung`, `Nettofälligkeit`, `Distribuição`). Anything else is left for the UTF-8 check to
/// report, which names `--encoding`.
public enum TextEncoding: String, CaseIterable, Sendable, Codable, NamedChoice {
  case utf8 = "utf-8"
  case utf16LittleEndian = "utf-16le"
  case utf16BigEndian = "utf-16be"
  case windows1252 = "windows-1252"

  /// Names as people write them: `utf8`, `UTF-16`, `cp1252`, `latin1` and the like.
  ///
  /// `utf-16` alone means little-endian unless a byte order mark says otherwise.
  public static let spellings: [String: TextEncoding] = [
    "utf8bom": .utf8, "utf8sig": .utf8, "utf16": .utf16LittleEndian,
    "unicode": .utf16LittleEndian, "ucs2": .utf16LittleEndian, "cp1252": .windows1252,
    "latin1": .windows1252, "iso88591": .windows1252, "ansi": .windows1252,
    "win1252": .windows1252,
  ]

  /// A name without case, hyphens, underscores or spaces: `UTF_8` is `utf8`.
  public static func key(_ name: String) -> String {
    String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
  }

  /// The encoding of `bytes` and the length of its byte order mark.
  static func detect(_ p: UnsafePointer<UInt8>, count n: Int) -> (TextEncoding, bom: Int) {
    if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { return (.utf8, 3) }
    if n >= 2, p[0] == 0xFF, p[1] == 0xFE { return (.utf16LittleEndian, 2) }
    if n >= 2, p[0] == 0xFE, p[1] == 0xFF { return (.utf16BigEndian, 2) }
    // UTF-16 without a mark: ASCII text has a NUL in every other byte.
    let probe = min(n, 64) & ~1
    if probe >= 4 {
      var evenNUL = 0
      var oddNUL = 0
      for i in 0..<probe where p[i] == 0 {
        if i & 1 == 0 { evenNUL += 1 } else { oddNUL += 1 }
      }
      if oddNUL == probe / 2, evenNUL == 0 { return (.utf16LittleEndian, 0) }
      if evenNUL == probe / 2, oddNUL == 0 { return (.utf16BigEndian, 0) }
    }
    if CSVReader.firstInvalidByte(p, from: 0, count: n) == nil { return (.utf8, 0) }
    return (looksLikeWindows1252(p, count: n) ? .windows1252 : .utf8, 0)
  }

  /// True when every byte above 0x7F is defined in Windows-1252 and stands between ASCII
  /// bytes, or beside one other, both letters (Portuguese `ção`, `ções`), and there is no NUL.
  ///
  /// Longer runs are the words of other code pages (Cyrillic, Greek), whose letters are all
  /// above 0x7F: read as Windows-1252 they would be other letters without a word.
  static func looksLikeWindows1252(_ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
    var sawHigh = false
    for i in 0..<n {
      let b = p[i]
      if b == 0 { return false }
      guard b >= 0x80 else { continue }
      if undefined1252.contains(b) { return false }
      if i > 0, p[i - 1] >= 0x80 {
        guard isLetter1252(b), isLetter1252(p[i - 1]), i < 2 || p[i - 2] < 0x80 else {
          return false
        }
      }
      sawHigh = true
    }
    return sawHigh
  }

  /// True for the accented letters of Windows-1252 (`À` to `ý`, without `×` and `÷`);
  /// not `þ` and `ÿ`, whose bytes together are a UTF-16 byte order mark.
  private static func isLetter1252(_ b: UInt8) -> Bool {
    b >= 0xC0 && b <= 0xFD && b != 0xD7 && b != 0xF7
  }

  /// The bytes Windows-1252 leaves undefined.
  private static let undefined1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

  /// Unicode scalars of Windows-1252 bytes 0x80...0x9F (0 = undefined); the other bytes are
  /// their own Latin-1 code points.
  private static let high1252: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// `count` bytes at `p` in this encoding (any byte order mark included) as UTF-8 bytes
  /// without a mark.
  ///
  /// - Throws: `DataError` of kind `.encoding` for a UTF-16 file with an odd byte count or
  ///   an unpaired surrogate, and for a byte Windows-1252 does not define.
  func utf8(_ p: UnsafePointer<UInt8>, count n: Int, fileName: String) throws -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(self == .windows1252 ? n + n / 8 : n / 2 + 16)
    switch self {
    case .utf8:
      let skip = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
      out.append(contentsOf: UnsafeBufferPointer(start: p + skip, count: n - skip))
    case .windows1252:
      for i in 0..<n {
        let b = p[i]
        if b < 0x80 {
          out.append(b)
          continue
        }
        let scalar = b < 0xA0 ? TextEncoding.high1252[Int(b - 0x80)] : UInt32(b)
        guard scalar != 0, let s = Unicode.Scalar(scalar) else {
          throw DataError(
            .encoding, file: fileName,
            message: "byte 0x\(String(b, radix: 16, uppercase: true)) at byte offset \(i) is "
              + "not a Windows-1252 character; expected text in that encoding (set by "
              + "--encoding)")
        }
        UTF8.encode(s) { out.append($0) }
      }
    case .utf16LittleEndian, .utf16BigEndian:
      let little = self == .utf16LittleEndian
      var i = n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)) ? 2 : 0
      guard (n - i) % 2 == 0 else {
        throw DataError(
          .encoding, file: fileName,
          message: "has an odd number of bytes for UTF-16; expected whole 2-byte characters")
      }
      var units: [UInt16] = []
      units.reserveCapacity((n - i) / 2)
      while i < n {
        units.append(
          little ? UInt16(p[i]) | UInt16(p[i + 1]) << 8 : UInt16(p[i]) << 8 | UInt16(p[i + 1]))
        i += 2
      }
      var decoder = UTF16()
      var iterator = units.makeIterator()
      var index = 0
      loop: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let s): UTF8.encode(s) { out.append($0) }
        case .emptyInput: break loop
        case .error:
          throw DataError(
            .encoding, file: fileName,
            message: "has an unpaired UTF-16 surrogate near character \(index); expected "
              + "UTF-16 text")
        }
        index += 1
      }
    }
    return out
  }
}
