/// One currency per history: what every total, ageing bucket, limit and forecast needs.
extension InvoiceHistory {
  /// The history with every amount in one currency: converted with `rates` when given,
  /// else unchanged when it has at most one currency.
  ///
  /// - Throws: `DataError` of kind `.currency` for several currencies without rates (naming
  ///   `--fx`), and for a currency the rates file does not have.
  public func inOneCurrency(rates: ExchangeRates?) throws -> InvoiceHistory {
    let history = self
    guard let currency = history.currency else { return history }
    var counts = [Int](repeating: 0, count: currency.levels.count)
    for c in currency.codes { counts[Int(c)] += 1 }
    let used = currency.levels.indices.filter {
      counts[$0] > 0 && !currency.levels[$0].trimmingSpaces.isEmpty
    }
    let file = history.report.fileName
    guard let rates else {
      guard used.count > 1 else { return history }
      let list = used.sorted { counts[$0] > counts[$1] }.map {
        "\(currency.levels[$0]) \(counts[$0])"
      }
      throw DataError(
        .currency, file: file,
        message: "has amounts in \(used.count) currencies (\(list.joined(separator: ", ")) "
          + "invoices), which would be added together; expected one currency: give exchange "
          + "rates with --fx rates.csv (currency,rate[,date]) or split the file by currency")
    }
    // Each currency's schedule looked up once (a million invoices have a handful of codes).
    let codes = currency.levels.map(\.trimmingSpaces)
    let schedules = codes.map { $0.isEmpty ? nil : rates.schedule($0) }
    var out = history
    for i in 0..<history.count {
      let level = Int(currency.codes[i])
      let code = codes[level]
      guard !code.isEmpty else { continue }
      guard let schedule = schedules[level],
        let rate = ExchangeRates.rate(in: schedule, on: history.issueDate[i])
      else {
        throw DataError(
          .currency, file: file, line: Int(history.sourceLines[i]), columnName: "currency",
          text: code,
          message: "has no rate in \(rates.fileName); expected a rate for every currency of "
            + "the history")
      }
      out.amount[i] = history.amount[i] * rate
      if let limit = history.creditLimit?[i], limit.isFinite { out.creditLimit?[i] = limit * rate }
      if let open = history.openAmount?[i], open.isFinite { out.openAmount?[i] = open * rate }
    }
    let target = rates.reportingCurrency ?? "reporting currency"
    // Without a stated reporting currency, the amounts have no code to carry.
    out.currency = rates.reportingCurrency.map {
      Categorical(levels: [$0], codes: [Int32](repeating: 0, count: history.count))
    }
    out.report.conversion =
      "amounts in \(used.map { currency.levels[$0] }.joined(separator: ", ")) converted to "
      + "\(target) with the rates in \(rates.fileName)"
    return out
  }

  /// The one currency of the amounts: the only code used (empty ones aside); nil without a
  /// currency column, or with several currencies.
  public var singleCurrency: String? {
    guard let currency else { return nil }
    var used = [Bool](repeating: false, count: currency.levels.count)
    for c in currency.codes { used[Int(c)] = true }
    let codes = Set(
      currency.levels.indices.filter { used[$0] }.map { currency.levels[$0].trimmingSpaces }
        .filter { !$0.isEmpty })
    return codes.count == 1 ? codes.first : nil
  }
}
