/// Text placed in XML or HTML markup: the characters markup gives a meaning to, written as
/// entities.
///
/// The HTML report and the Excel workbook's XML parts escape their text here, each with what
/// its format also needs: HTML writes `'` as `&#39;` (attributes may be single-quoted), the
/// workbook drops what XML 1.0 cannot hold.
package enum MarkupText {
  /// `text` with `&`, `<`, `>` and `"` written as `&amp;`, `&lt;`, `&gt;` and `&quot;`.
  /// - Parameters:
  ///   - apostrophe: what `'` is written as; by default itself, which element content and
  ///     double-quoted attributes allow.
  ///   - dropsNonXMLCharacters: leave out the characters XML 1.0 cannot hold (control
  ///     characters other than tab, line feed and carriage return; U+FFFE and U+FFFF), which
  ///     HTML text keeps.
  package static func escape(
    _ text: String, apostrophe: String = "'", dropsNonXMLCharacters: Bool = false
  ) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += apostrophe
      default:
        if !dropsNonXMLCharacters || isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// Whether XML 1.0 can hold `scalar`: not a control character other than tab, line feed
  /// and carriage return, not U+FFFE or U+FFFF.
  static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\t", "\n", "\r": true
    default: scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF
    }
  }
}
