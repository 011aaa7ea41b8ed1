import CreditData
import CreditModels

/// Renders coefficient tables as fixed-width text, statsmodels/lifelines style.
public enum TextTable {
  /// The summary block: title, header facts, then one line per coefficient.
  public static func render(_ table: CoefficientTable) -> String {
    var lines: [String] = []
    lines.append(table.title)
    let factWidth = table.facts.map(\.0.count).max() ?? 0
    for (k, v) in table.facts { lines.append("  " + pad(k, factWidth) + "  " + v) }
    let level = Int((table.confidence * 100).rounded())
    let header = [
      "", "coef", "se(coef)", "coef lower \(level)%", "coef upper \(level)%", "z", "p",
    ]
    var rows: [[String]] = [header]
    for r in table.rows {
      rows.append([
        r.name, fixed(r.estimate, 4), fixed(r.standardError, 4), fixed(r.lower, 4),
        fixed(r.upper, 4), fixed(r.z, 2), pValue(r.p),
      ])
    }
    let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
    lines.append(rule)
    for (i, row) in rows.enumerated() {
      let cells = row.enumerated().map { c, s in c == 0 ? pad(s, widths[c]) : padLeft(s, widths[c])
      }
      lines.append(cells.joined(separator: "  "))
      if i == 0 { lines.append(rule) }
    }
    lines.append(rule)
    return lines.joined(separator: "\n")
  }

  /// `value` with `decimals` digits after the point (no exponent; "nan"/"inf" as such).
  public static func fixed(_ value: Double, _ decimals: Int) -> String {
    CSVWriter.fixed(value, decimals: decimals)
  }

  static func pValue(_ p: Double) -> String { p < 0.001 ? "<0.001" : fixed(p, 3) }

  static func pad(_ s: String, _ n: Int) -> String {
    s + String(repeating: " ", count: max(0, n - s.count))
  }

  static func padLeft(_ s: String, _ n: Int) -> String {
    String(repeating: " ", count: max(0, n - s.count)) + s
  }
}
