/// Credit limits in the currency of the history's amounts.
extension CustomerTable {
  /// Converts the limits whose currency the file states (`creditLimitCurrency`) to `target`,
  /// the currency of the history's amounts (the reporting currency after `--fx`), at the
  /// rate of `rates` on `day` (the as-of date: a limit is today's figure, not an invoice's).
  ///
  /// A limit in `target`, or with no currency stated, is left as it is; so is every limit
  /// when neither `target` nor `rates` is known (nothing to compare it with).
  ///
  /// - Throws: `DataError` naming the line and column of a limit in another currency than
  ///   `target` that `rates` has no rate for (or without `rates`): adding it to balances in
  ///   `target` unconverted would be a wrong number.
  public mutating func convertLimits(to target: String?, rates: ExchangeRates?, on day: Day)
    throws
  {
    guard var stated = creditLimitCurrency, target != nil || rates != nil else { return }
    let wanted = target?.uppercased()
    for i in stated.indices where !stated[i].isEmpty && creditLimit[i].isFinite {
      let code = stated[i]
      if code == wanted { continue }
      if let schedule = rates?.schedule(code), let rate = ExchangeRates.rate(in: schedule, on: day)
      {
        creditLimit[i] *= rate
        // Converted once: a second call leaves it.
        stated[i] = wanted ?? ""
        creditLimitCurrency = stated
        continue
      }
      let expected =
        if let rates {
          "expected a rate for \(code) in \(rates.fileName) to convert it"
            + (wanted.map { " to \($0)" } ?? "")
        } else {
          "expected limits in \(wanted ?? "the history's currency"), the currency of the "
            + "history's amounts, or --fx rates.csv with a rate for \(code)"
        }
      throw DataError(
        .value, file: report.fileName, line: Int(sourceLines[i]),
        column: creditLimitCurrencyColumn.index, columnName: creditLimitCurrencyColumn.name,
        text: code, message: "is the currency of this credit limit; \(expected)")
    }
  }
}
