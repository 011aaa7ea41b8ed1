/// Exchange rates to one reporting currency (the CLI's `--fx rates.csv`).
///
/// The file has `currency` and `rate` columns (one unit of the currency is `rate` units of
/// the reporting currency) and optionally `date` (the day from which a rate applies; each
/// invoice takes the latest rate dated on or before its issue date, or the earliest rate
/// when all are later) and `reporting_currency` (one code in every row; its own rate is 1,
/// listed or not). Without that column the reporting currency is the one whose rate is 1 in
/// every row, when there is exactly one.
///
/// ```
/// currency,rate,date
/// EUR,1.08,2013-01-01
/// USD,1,2013-01-01
/// ```
public struct ExchangeRates: Sendable, Equatable {
  /// The file the rates came from, for messages.
  public var fileName: String
  /// The currency amounts are converted to, when the file says.
  public var reportingCurrency: String?
  /// Currency -> (first day it applies, or nil for always; rate), sorted by day.
  public var rates: [String: [(day: Day?, rate: Double)]]

  public static func == (a: ExchangeRates, b: ExchangeRates) -> Bool {
    a.fileName == b.fileName && a.reportingCurrency == b.reportingCurrency
      && a.rates.keys.sorted() == b.rates.keys.sorted()
      && a.rates.allSatisfy { k, v in
        b.rates[k].map { w in w.count == v.count && zip(v, w).allSatisfy { $0 == $1 } } ?? false
      }
  }

  /// Reads the rates file at `path`.
  ///
  /// The file may also be separated by semicolons (rates with decimal commas) or tabs, in
  /// UTF-16 or Windows-1252, as Excel saves it (`ExportReader.commaSeparated`).
  ///
  /// - Throws: `DataError` for a missing column, a rate that is not a positive number, a
  ///   date that is not `YYYY-MM-DD` or `D.M.YYYY`, a second rate of a currency for the same
  ///   date (or a second undated one): which of the two applies would be a guess; for rows
  ///   naming different reporting currencies, and for a rate of the reporting currency that is
  ///   not 1.
  public static func load(path: String) throws -> ExchangeRates {
    let name = InputFile.displayName(path)
    let table = try InputFile.withContents(path: path, mapped: false) {
      // A semicolon file's rates are written with decimal commas (`0,92`).
      let bytes = try ExportReader.commaSeparated(Array($0), fileName: name) { header in
        header.indices.filter { header[$0].lowercased() == "rate" }
      }
      return try CSVTable(bytes: bytes, fileName: name)
    }
    guard let c = table.columnIndex(named: "currency"), let r = table.columnIndex(named: "rate")
    else {
      throw DataError(
        .header, file: name, line: 1,
        message: "missing column 'currency' or 'rate'; expected currency,rate[,date] with one "
          + "unit of the currency worth 'rate' units of the reporting currency")
    }
    let d = table.columnIndex(named: "date")
    let to = table.columnIndex(named: "reporting_currency")
    let values = try table.numbers(column: r)
    var rates: [String: [(day: Day?, rate: Double)]] = [:]
    // The first row naming each reporting currency, for the message when rows differ.
    var reporting: [(code: String, row: Int)] = []
    // The line of each currency's rate by date (nil: undated).
    var lines: [String: [Day?: Int]] = [:]
    for row in 0..<table.rowCount {
      let code = table[row, c].trimmingSpaces.uppercased()
      guard !code.isEmpty else {
        throw DataError(
          .value, file: name, line: table.lines[row], column: c + 1, columnName: "currency",
          text: table[row, c], message: "is empty; expected the currency this rate converts")
      }
      let rate = values[row]
      guard rate.isFinite, rate > 0 else {
        throw DataError(
          .value, file: name, line: table.lines[row], column: r + 1, columnName: "rate",
          text: table[row, r], message: "is not a positive rate; expected a number above 0")
      }
      var day: Day?
      if let d, !table[row, d].trimmingSpaces.isEmpty {
        guard let parsed = rateDay(table[row, d].trimmingSpaces) else {
          throw DataError(
            .value, file: name, line: table.lines[row], column: d + 1, columnName: "date",
            text: table[row, d], message: "is not a date; expected YYYY-MM-DD or DD.MM.YYYY")
        }
        day = parsed
      }
      if let earlier = lines[code]?[day] {
        throw DataError(
          .value, file: name, line: table.lines[row], column: c + 1, columnName: "currency",
          text: table[row, c],
          message: "has a second rate for \(day.map { "\($0)" } ?? "every date") (line "
            + "\(earlier) gives one); expected one rate per currency and date")
      }
      lines[code, default: [:]][day] = table.lines[row]
      if let to {
        let named = table[row, to].trimmingSpaces.uppercased()
        if let first = reporting.first, !named.isEmpty, named != first.code {
          throw DataError(
            .value, file: name, line: table.lines[row], column: to + 1,
            columnName: "reporting_currency", text: table[row, to],
            message: "differs from \(first.code) (line \(table.lines[first.row])); expected "
              + "one reporting currency for every rate, as each rate is in its units")
        }
        if reporting.isEmpty, !named.isEmpty { reporting.append((named, row)) }
      }
      rates[code, default: []].append((day, rate))
    }
    for k in rates.keys {
      rates[k]?.sort { ($0.day?.rawValue ?? Int32.min) < ($1.day?.rawValue ?? Int32.min) }
    }
    if let stated = reporting.first?.code,
      let row = (0..<table.rowCount).first(where: {
        table[$0, c].trimmingSpaces.uppercased() == stated && values[$0] != 1
      })
    {
      // A rate for the reporting currency itself other than 1 would rescale its own amounts
      // while they keep its code.
      throw DataError(
        .value, file: name, line: table.lines[row], column: r + 1, columnName: "rate",
        text: table[row, r],
        message: "is the rate of \(stated), the reporting currency (line "
          + "\(table.lines[reporting[0].row])); expected 1, as one unit of it is one unit of "
          + "itself")
    }
    // The stated reporting currency is worth 1 of itself without a row saying so.
    if let stated = reporting.first?.code, rates[stated] == nil { rates[stated] = [(nil, 1)] }
    let ones = rates.filter { $0.value.allSatisfy { $0.rate == 1 } }.map(\.key)
    let currency = reporting.first?.code ?? (ones.count == 1 ? ones.first : nil)
    return ExchangeRates(fileName: name, reportingCurrency: currency, rates: rates)
  }

  /// The day a rate applies from: `YYYY-MM-DD`, or `D.M.YYYY` as a German or French export
  /// writes it (never ambiguous, unlike a slash date); nil for anything else.
  static func rateDay(_ text: String) -> Day? {
    if let day = Day(iso: text) { return day }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
      let iso = DateText.iso(y, m, d)
    else { return nil }
    return Day(iso: iso)
  }

  /// The rate of `currency` for an invoice issued on `day`, or nil when the file has none.
  public func rate(_ currency: String, on day: Day) -> Double? {
    schedule(currency).flatMap { Self.rate(in: $0, on: day) }
  }

  /// The dated rates of `currency` (any case), or nil when the file has none: look it up once
  /// per currency, then `rate(in:on:)` per invoice.
  public func schedule(_ currency: String) -> [(day: Day?, rate: Double)]? {
    rates[currency.uppercased()]
  }

  /// The rate of `schedule` for an invoice issued on `day`: the latest dated on or before it,
  /// else the earliest; nil when the schedule is empty.
  public static func rate(in schedule: [(day: Day?, rate: Double)], on day: Day) -> Double? {
    guard let first = schedule.first else { return nil }
    var chosen = first.rate
    for entry in schedule {
      if let d = entry.day, d > day { break }
      chosen = entry.rate
    }
    return chosen
  }
}
