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

  /// Characters kept for the `… (1,234 more characters)` marker when a text is cut: a text
  /// over `limit` shows its first `limit - markerRoom`.
  static let markerRoom = 32

  /// `text` on one line of at most about `limit` characters.
  ///
  /// Line breaks, tabs, control characters and invisible formatting characters (bidi
  /// controls, the byte-order mark, zero-width spaces and joiners, soft hyphens, tag
  /// characters) are shown as escapes: `\n`, `\r`, `\t`, `\0`, `\u{202E}`. A longer text
  /// that opens with a long path (`/a/long/folder/history.csv:32:1 (invoice_id): ...`) first
  /// has the path cut in the middle (`/a/lo…/history.csv:32:1`), so that the cause after it is
  /// kept; then a text still too long keeps its beginning and ends with
  /// `… (1,234 more characters)`.
  public static func oneLine(_ text: String, limit: Int = defaultLimit) -> String {
    let budget = max(0, limit - markerRoom)
    var out = ""
    var length = 0
    var cut: (text: String, shown: Int)?
    for (k, scalar) in text.unicodeScalars.enumerated() {
      let piece = escaped(scalar)
      length += piece.unicodeScalars.count
      if cut == nil && length > budget { cut = (out, k) }
      if length > limit, let cut {
        if let shorter = shorteningPath(text, limit: limit) {
          return oneLine(shorter, limit: limit)
        }
        let rest = text.unicodeScalars.count - cut.shown
        return cut.text + " … (\(grouped(rest)) more characters)"
      }
      out += piece
    }
    return out
  }

  /// The fewest characters a path keeps when `shorteningPath` cuts it: a third of a message,
  /// so that a path of a usual length stays whole, and only the end of a long list after it
  /// is cut.
  static let shortestPath = 100

  /// `text` with the path it opens with cut in the middle, by as much as it is over `limit`
  /// (when shown with escapes) but to no fewer than `shortestPath` characters; nil when
  /// the text does not open with a path (a place before the first `: ` that holds a `/`), or
  /// when its path is that short already, or for a short `limit` (a list's item).
  static func shorteningPath(_ text: String, limit: Int) -> String? {
    guard limit >= 2 * shortestPath else { return nil }
    let scalars = Array(text.unicodeScalars)
    guard
      let colon = scalars.indices.dropLast().first(where: {
        scalars[$0] == ":" && scalars[$0 + 1] == " "
      }),
      colon > shortestPath, scalars[..<colon].contains("/")
    else { return nil }
    let shown = scalars.reduce(0) { $0 + escaped($1).unicodeScalars.count }
    let keep = max(shortestPath, colon - (shown - limit) - 1)
    guard keep < colon else { return nil }
    // A quarter from the start (the root), the rest from the end: the file's name and the
    // line and column after it.
    let head = keep / 4
    let tail = keep - head - 1
    var out = String.UnicodeScalarView(scalars[..<head])
    out.append("…")
    out.append(contentsOf: scalars[(colon - tail)...])
    return String(out)
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

  /// `n` and the noun, singular for one: `1 row`, `0 rows`, `3 customers`.
  ///
  /// - Parameters:
  ///   - plural: the plural when it is not the singular with an `s`.
  ///   - grouped: `n` with its thousands separated (`1,234 invoices`).
  public static func counted(
    _ n: Int, _ singular: String, plural: String? = nil, grouped: Bool = false
  ) -> String {
    (grouped ? Self.grouped(n) : "\(n)") + " " + (n == 1 ? singular : plural ?? singular + "s")
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
