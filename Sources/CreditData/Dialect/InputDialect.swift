/// How an export was written, as the reader found it: what `inspect` reports and what
/// `inspect --save-profile` keeps (see `InputProfile`).
public struct InputDialect: Sendable, Equatable, Codable {
  /// A row left out of the data, with the reason.
  public struct ExcludedRow: Sendable, Equatable, Codable {
    /// The physical line (or spreadsheet row).
    public var line: Int
    /// `totals` (a totals or subtotal row), `label` (a heading or note without an
    /// invoice id or date), `void` (a voided, cancelled or draft invoice, by its status) or
    /// `payment` (a payment or refund, by its document type).
    public var reason: String
  }

  /// The character encoding the file was read in.
  public var encoding: TextEncoding = .utf8
  /// True when the file started with a byte order mark.
  public var byteOrderMark = false
  /// The field separator: `,`, `;`, `tab` or `|` (`xlsx` for a workbook).
  public var delimiter = ","
  /// The worksheet read, for a workbook.
  public var sheet: String?
  /// The physical line of the header.
  public var headerLine = 1
  /// Blank lines in the file (empty or only separators).
  public var blankLines = 0
  /// Non-blank lines above the header (report titles, parameters), skipped.
  public var titleLines = 0
  /// Rows after the header left out of the data, in file order.
  public var excludedRows: [ExcludedRow] = []
  /// Canonical money column -> its decimal mark.
  public var decimalMarks: [String: DecimalMark] = [:]
  /// Canonical money column -> cells rewritten (grouping, symbols, signs, decimal comma).
  public var rewrittenAmounts: [String: Int] = [:]
  /// Canonical date column -> the layouts rewritten to ISO, with counts.
  public var rewrittenDates: [String: [String: Int]] = [:]
  /// The currency column was made from the symbols or codes written with the amounts.
  public var currencyFromAmounts = false
  /// Rows read as written off from the status column, which made the `written_off` column
  /// (nil for none, so that profiles saved before it was read still load).
  public var writtenOffFromStatus: Int?

  public init() {}

  /// True when reading the file as a plain comma-separated UTF-8 CSV would give the same
  /// rows, so the normalised text need not be used.
  var isPlain: Bool {
    encoding == .utf8 && delimiter == "," && titleLines == 0 && excludedRows.isEmpty
      && rewrittenAmounts.isEmpty && rewrittenDates.isEmpty && !currencyFromAmounts
      && writtenOffFromStatus == nil && sheet == nil
  }

  /// The rows left out for `reason`.
  public func excluded(_ reason: String) -> [Int] {
    excludedRows.filter { $0.reason == reason }.map(\.line)
  }

  /// Human-readable lines for `inspect`.
  public var lines: [String] {
    var out: [String] = []
    var format = "encoding \(encoding)\(byteOrderMark ? " (with byte order mark)" : "")"
    format += sheet.map { ", worksheet '\($0)'" } ?? ", delimiter '\(delimiter)'"
    out.append(format + ", header on line \(headerLine)")
    if titleLines > 0 { out.append("title lines skipped: \(titleLines)") }
    for (reason, what) in [
      ("totals", "totals/subtotal rows"), ("label", "label rows"),
      ("void", "void/cancelled/draft invoices (status)"),
      ("payment", "payment/refund rows (document type)"),
    ] {
      let rows = excluded(reason)
      if !rows.isEmpty {
        out.append("\(what) excluded: \(rows.count) (\(InputDialect.lineList(rows)))")
      }
    }
    for (column, mark) in decimalMarks.sorted(by: { $0.key < $1.key }) {
      let n = rewrittenAmounts[column] ?? 0
      out.append(
        "\(column): decimal \(mark)"
          + (n > 0 ? ", \(MessageText.counted(n, "cell")) rewritten" : ""))
    }
    for (column, layouts) in rewrittenDates.sorted(by: { $0.key < $1.key }) {
      let list = layouts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
      out.append("\(column): dates read from " + list.joined(separator: ", "))
    }
    if currencyFromAmounts { out.append("currency: taken from the symbols in the amounts") }
    if let n = writtenOffFromStatus {
      out.append("written_off: \(MessageText.counted(n, "row")) from the status column")
    }
    return out
  }

  /// The separator a `--delimiter` value names (`,` `;` `tab` `|`, also `comma`,
  /// `semicolon`, `\t`, `pipe`), as profiles and reports write it; nil for anything else.
  public static func delimiterName(_ flag: String) -> String? {
    DelimitedText.delimiter(named: flag).map(DelimitedText.name(of:))
  }

  /// `line 12, 40, 41` or `lines 12, 40, 41, ... (+7 more)`.
  public static func lineList(_ lines: [Int]) -> String {
    let shown = lines.prefix(5).map(String.init).joined(separator: ", ")
    let more = lines.count > 5 ? ", ... (+\(lines.count - 5) more)" : ""
    return (lines.count == 1 ? "line " : "lines ") + shown + more
  }
}
