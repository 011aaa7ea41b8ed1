import CreditData
import Testing

@Suite("CSV writer cells")
struct CSVWriterTests {
  /// The document's lines after the header.
  static func rows(_ w: CSVWriter) -> [String] {
    String(decoding: w.bytes, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .dropFirst().dropLast().map(String.init)
  }

  /// Text is quoted when it holds a comma, quote, CR or LF (quotes doubled) and neutralised
  /// with `'` when it starts like a formula, both at once where both apply; long and non-ASCII
  /// text comes through whole.
  @Test func textIsQuotedAndNeutralised() {
    var w = CSVWriter(header: ["a"])
    let long = String(repeating: "long text é ", count: 20)
    for text in ["plain", "a,b", "say \"hi\"", "=1+1", "=SUM(A1,B1)", "-\"x\"", "", "é", long] {
      w.appendText(text)
      w.endRow()
    }
    #expect(
      Self.rows(w) == [
        "plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "'=1+1", "\"'=SUM(A1,B1)\"", "\"'-\"\"x\"\"\"",
        "", "é", long,
      ])
  }

  /// Fixed-point numbers have exactly the asked decimals, leading zeros of the fraction kept,
  /// rounded half away from zero, no minus sign on a value that rounds to zero.
  @Test func fixedDecimals() {
    var w = CSVWriter(header: ["a"])
    for (value, decimals) in [
      (1.5, 2), (0.000123, 6), (-2.125, 2), (-0.0000001, 6), (12345.678, 0), (0.1, 9), (7, 1),
    ] {
      w.appendFixed(value, decimals: decimals)
      w.endRow()
    }
    #expect(
      Self.rows(w) == [
        "1.50", "0.000123", "-2.13", "0.000000", "12346", "0.100000000", "7.0",
      ])
  }
}
