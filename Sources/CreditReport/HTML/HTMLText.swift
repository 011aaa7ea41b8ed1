import CreditData

/// Text placed in HTML: escaping and the number formats of the report.
public enum HTMLText {
  /// Escapes `&`, `<`, `>`, `"` and `'` so that any text is safe inside element content and
  /// inside quoted attribute values.
  public static func escape(_ text: String) -> String {
    MarkupText.escape(text, apostrophe: "&#39;")
  }

  /// `value` with `decimals` digits and thousands separators, for example `1,234,567.89`; "–" for
  /// a missing or non-finite value.
  public static func grouped(_ value: Double?, _ decimals: Int = 0) -> String {
    guard let value, value.isFinite else { return "–" }
    let text = TextTable.fixed(value, decimals)
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1)
    let integer = Array(parts[0])
    var grouped = ""
    for (i, ch) in integer.enumerated() {
      if i > 0, (integer.count - i) % 3 == 0 { grouped.append(",") }
      grouped.append(ch)
    }
    let fraction = parts.count > 1 ? "." + parts[1] : ""
    let result = grouped + fraction
    // "-0" and "-0.00" read as zero.
    let isZero = result.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
    return negative && !isZero ? "-" + result : result
  }

  /// A share as a percentage, for example `12.3%`.
  public static func percent(_ share: Double?, _ decimals: Int = 1) -> String {
    guard let share, share.isFinite else { return "–" }
    return grouped(share * 100, decimals) + "%"
  }

  /// A coordinate for SVG: one decimal, no grouping.
  static func coordinate(_ value: Double) -> String {
    TextTable.fixed(value.isFinite ? value : 0, 1)
  }
}
