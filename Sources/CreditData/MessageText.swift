/// Messages for a terminal or a log: one line, of bounded length, showing exactly the text
/// they quote.
///
/// Whatever a message quotes from an input (a header name, an id, a path) may hold line
/// breaks, terminal escapes, right-to-left overrides, a byte-order mark or zero-width
/// characters: printed raw, the text on screen is not the text in the file, or the line is
/// a million characters long. `MessageText.oneLine` escapes those characters and cuts the
/// message to about `limit` characters; `MessageText.list` names the first few items of a
/// long list and counts the rest.
public enum MessageText {
  /// The longest message, in characters, before it is cut.
  public static let defaultLimit = 300

  /// `text` on one line of at most about `limit` characters.
  ///
  /// Line breaks, tabs, control characters and invisible formatting characters (bidi
  /// controls, the byte-order mark, zero-width spaces and joiners, soft hyphens, tag
  /// characters) are shown as escapes: `\n`, `\r`, `\t`, `\0`, `\u{202E}`. A longer text
  /// keeps its beginning and ends with `… (1,234 more characters)`.
  public static func oneLine(_ text: String, limit: Int = defaultLimit) -> String {
    // Room kept for the marker when the text is cut.
    let budget = max(0, limit - 32)
    var out = ""
    var length = 0
    var cut: (text: String, shown: Int)?
    for (k, scalar) in text.unicodeScalars.enumerated() {
      let piece = escaped(scalar)
      length += piece.unicodeScalars.count
      if cut == nil && length > budget { cut = (out, k) }
      if length > limit, let cut {
        let rest = text.unicodeScalars.count - cut.shown
        return cut.text + " … (\(grouped(rest)) more characters)"
      }
      out += piece
    }
    return out
  }

  /// The first `limit` items joined with `separator`, then `… and 1,234 more` when the list
  /// is longer; each item is made one line (`oneLine`) and cut to `itemLimit` characters.
  public static func list(
    _ items: some Collection<String>, limit: Int = 10, itemLimit: Int = 40,
    separator: String = ", ", quoted: Bool = false
  ) -> String {
    let shown = items.prefix(limit).map { item in
      let text = oneLine(item, limit: itemLimit)
      return quoted ? "'\(text)'" : text
    }
    var out = shown.joined(separator: separator)
    if items.count > limit { out += " … and \(grouped(items.count - limit)) more" }
    return out
  }

  /// `n` with thousands separated by commas: `1,234,567`.
  ///
  /// Built from the digits' bytes (reasons and limit texts quote several numbers for each of
  /// tens of thousands of customers).
  public static func grouped(_ n: Int) -> String {
    // 20 digits, 6 commas and a sign at most, written from the last digit back.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 27) { buffer in
      var v = n.magnitude
      var k = buffer.count
      var digits = 0
      repeat {
        if digits > 0 && digits % 3 == 0 {
          k -= 1
          buffer[k] = UInt8(ascii: ",")
        }
        k -= 1
        buffer[k] = UInt8(48 + v % 10)
        v /= 10
        digits += 1
      } while v > 0
      if n < 0 {
        k -= 1
        buffer[k] = UInt8(ascii: "-")
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[k...]), as: UTF8.self)
    }
  }

  /// `scalar` as shown in a message: itself, or an escape when it is a line break, a
  /// control or an invisible formatting character.
  static func escaped(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\t": return "\\t"
    case "\0": return "\\0"
    default: break
    }
    guard isHidden(scalar) else { return String(scalar) }
    return "\\u{" + hex(scalar.value) + "}"
  }

  /// Whether `scalar` would not show as itself: controls (C0, DEL, C1), format characters
  /// (bidi embeddings, overrides and isolates, the byte-order mark, zero-width joiners,
  /// soft hyphen, tags), line and paragraph separators, default-ignorable code points
  /// (variation selectors, Hangul fillers) and non-characters.
  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
    if v < 0xA0 { return false }
    if scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isNoncharacterCodePoint {
      return true
    }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
      .unassigned:
      return true
    default:
      return false
    }
  }

  private static func hex(_ value: UInt32) -> String {
    String(zeroPadded: String(value, radix: 16, uppercase: true), width: 4)
  }
}
