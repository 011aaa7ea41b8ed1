/// The `open_amount` column: what an invoice still owed when the file was exported.
extension HistoryRows {
  /// The open amount of a row whose invoice amount is `amount` (in column `a`): NaN when the field is empty,
  /// else a decimal between 0 and the amount (for a credit note, between the amount and 0).
  ///
  /// - Throws: `DataError` naming the line and column for text that is not a decimal, and for
  ///   an open amount above the invoice amount or of the other sign.
  static func openAmount(
    _ scanner: inout CSVScanner, _ k: Int, amount: Double, column a: Int, _ line: Int,
    _ ctx: LoadContext
  ) throws -> Double {
    let f = scanner.trimmedField(k)
    guard !f.isEmpty else { return .nan }
    let v = try ctx.money(f, line: line, column: k)
    let written = String(decoding: scanner.trimmedField(a), as: UTF8.self)
    let low = min(amount, 0)
    let high = max(amount, 0)
    guard v >= low, v <= high else {
      let range =
        amount >= 0
        ? "between 0 and the invoice amount \(written)"
        : "between the credit note's amount \(written) and 0"
      throw ctx.fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        "is not what could still be owed; expected an open amount \(range)")
    }
    return v
  }

  /// Empties the payment date of every row whose open amount is known and not 0, and returns
  /// those rows.
  ///
  /// The open amount is what the invoice still owed on the day of the export, so a payment
  /// date beside one that is not 0 was a part payment (Zoho's `Last Payment Date`), not the
  /// day the invoice was settled: the invoice is open.
  static func clearPartPaymentDates(_ t: inout HistoryStorage.Arrays) -> [Int] {
    var rows: [Int] = []
    for r in t.open.indices where t.open[r].isFinite && t.open[r] != 0 {
      guard t.paid[r] != HistoryStorage.noDay else { continue }
      t.paid[r] = HistoryStorage.noDay
      rows.append(r)
    }
    return rows
  }
}
