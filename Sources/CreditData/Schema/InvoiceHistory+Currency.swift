import Parallelism

/// One currency per history: what every total, ageing bucket, limit and forecast needs.
extension InvoiceHistory {
  /// The history with every amount in one currency: converted with `rates` when given,
  /// else unchanged when it has at most one currency.
  ///
  /// Each invoice is converted at the rate of its issue date, except, given `openAt`, one
  /// still open on that day (issued by then, not paid by then): a receivable is stated at
  /// the rate of the day the balance is drawn up (the closing rate, as IAS 21 and ASC 830
  /// translate monetary items), so that balances, ageing, limits and the cash forecast of an
  /// as-of date are in that day's money.
  ///
  /// - Throws: `DataError` of kind `.currency` for several currencies without rates (naming
  ///   `--fx`), and for a currency the rates file does not have.
  public func inOneCurrency(rates: ExchangeRates?, openAt: Day? = nil) throws -> InvoiceHistory {
    var history = self
    try history.convertToOneCurrency(rates: rates, openAt: openAt)
    return history
  }

  /// Converts the history in place as `inOneCurrency(rates:openAt:)` returns it.
  ///
  /// The amounts are multiplied in place, on all cores (a copy of a million amounts and a
  /// loop on one core took about 8 ms of a load): every row whose currency has a rate is
  /// converted, and a row without one, which stops the conversion, is found first.
  ///
  /// - Throws: `DataError`, as `inOneCurrency(rates:openAt:)`; the history is then unchanged.
  public mutating func convertToOneCurrency(rates: ExchangeRates?, openAt: Day? = nil) throws {
    guard let currency else { return }
    var counts = [Int](repeating: 0, count: currency.levels.count)
    for c in currency.codes { counts[Int(c)] += 1 }
    let used = currency.levels.indices.filter {
      counts[$0] > 0 && !currency.levels[$0].trimmingSpaces.isEmpty
    }
    let file = report.fileName
    guard let rates else {
      guard used.count > 1 else { return }
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
    // A rate is missing exactly where the currency has no (or an empty) schedule.
    let unrated = codes.indices.map { !codes[$0].isEmpty && schedules[$0]?.isEmpty ?? true }
    if used.contains(where: { unrated[$0] }),
      let i = currency.codes.firstIndex(where: { unrated[Int($0)] })
    {
      throw DataError(
        .currency, file: file, line: Int(sourceLines[i]), columnName: "currency",
        text: codes[Int(currency.codes[i])],
        message: "has no rate in \(rates.fileName); expected a rate for every currency of "
          + "the history")
    }
    let levels = currency.codes
    let issue = issueDate
    let paid = paidDate
    /// The day of row i's rate: the issue date, or `openAt` for an invoice open on that day.
    func rateDay(_ i: Int) -> Day {
      guard let openAt, issue[i] <= openAt else { return issue[i] }
      if let p = paid[i], p <= openAt { return issue[i] }
      return openAt
    }
    /// Multiplies `values[i]` by row i's rate on `day(i)` (only finite values when
    /// `finiteOnly`).
    func convert(_ values: inout [Double], finiteOnly: Bool, on day: (Int) -> Day = rateDay) {
      values.withUnsafeMutableBufferPointer { v in
        let ranges = Parallel.loadingRanges(v.count)
        _ = Parallel.perform(ranges.count) { k in
          for i in ranges[k] {
            guard let schedule = schedules[Int(levels[i])], !finiteOnly || v[i].isFinite,
              let rate = ExchangeRates.rate(in: schedule, on: day(i))
            else { continue }
            v[i] *= rate
          }
        }
      }
    }
    // Invoices issued before a currency's first dated rate take that rate: said, as it is a
    // guess (an undated rate applies to them instead, and says nothing).
    var early = [Int](repeating: 0, count: codes.count)
    for i in 0..<count {
      let k = Int(levels[i])
      if let first = schedules[k]?.first, let day = first.day, rateDay(i) < day { early[k] += 1 }
    }
    let blank = codes.indices.filter { codes[$0].isEmpty }.reduce(0) { $0 + counts[$1] }
    report.conversionWarnings =
      blank == 0
      ? []
      : [
        "\(MessageText.grouped(blank)) "
          + (blank == 1 ? "invoice has" : "invoices have") + " no currency ("
          + "\(InputDialect.lineList(blankLines(codes)))): taken to be in "
          + "\(rates.reportingCurrency ?? "the reporting currency"), not converted"
      ]
    report.conversionWarnings += codes.indices.filter { early[$0] > 0 }.map { k in
      let first = schedules[k]?.first?.day.map { "\($0)" } ?? ""
      return "\(MessageText.grouped(early[k])) \(codes[k]) "
        + (early[k] == 1 ? "invoice was" : "invoices were")
        + " issued before \(first), the first date of its rates in \(rates.fileName): converted "
        + "at that first rate"
    }
    convert(&amount, finiteOnly: false)
    if var limits = creditLimit {
      creditLimit = nil
      // A limit is that day's figure, as a customers file's limit is.
      convert(&limits, finiteOnly: true) { openAt ?? issue[$0] }
      creditLimit = limits
    }
    if var open = openAmount {
      openAmount = nil
      convert(&open, finiteOnly: true)
      openAmount = open
    }
    let target = rates.reportingCurrency ?? "reporting currency"
    // Without a stated reporting currency, the amounts have no code to carry.
    self.currency = rates.reportingCurrency.map {
      Categorical(levels: [$0], codes: [Int32](repeating: 0, count: count))
    }
    let dated = used.contains { schedules[$0]?.contains { $0.day != nil } ?? false }
    report.conversion =
      "amounts in \(used.map { currency.levels[$0] }.joined(separator: ", ")) converted to "
      + "\(target) with the rates in \(rates.fileName)"
      + (dated ? openAt.map { ", those open on \($0) at that day's rates" } ?? "" : "")
  }

  /// The lines of the rows whose currency level is empty in `codes` (the levels, trimmed).
  private func blankLines(_ codes: [String]) -> [Int] {
    guard let currency else { return [] }
    return currency.codes.indices.filter { codes[Int(currency.codes[$0])].isEmpty }.map {
      Int(sourceLines[$0])
    }
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
