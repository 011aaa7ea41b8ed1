import ArgumentParser
import CreditData
import CreditEngine

/// Options shared by the commands that read a history.
struct HistoryOptions: ParsableArguments {
  @Option(help: "Invoice history CSV (one row per invoice).")
  var history: String

  @Option(
    help: "Optional customers CSV (customer_id, credit_limit, region, industry, customer_since).")
  var customers: String?

  @Option(help: "Snapshot date (YYYY-MM-DD); default: the latest date in the history.")
  var asOf: String?

  @Option(
    name: .customLong("map"),
    help: "Map a canonical column to a source column, e.g. --map amount=Total (repeatable).")
  var columnMap: [String] = []

  @Option(help: "Force the date format: iso, mdy, dmy or dmy-dot (default: detected per column).")
  var dateFormat: String?

  func validate() throws {
    if let asOf, Day(iso: asOf) == nil {
      throw ValidationError("--as-of '\(asOf)' is not a date; expected YYYY-MM-DD")
    }
    for m in columnMap where !m.contains("=") {
      throw ValidationError("--map '\(m)' must look like canonical=SourceColumn")
    }
    if let f = dateFormat, DateFormat(name: f) == nil {
      throw ValidationError(
        "--date-format '\(f)' is not one of: "
          + DateFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
  }

  var loadOptions: LoadOptions {
    var map: [String: String] = [:]
    for m in columnMap {
      let parts = m.split(separator: "=", maxSplits: 1)
      map[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    return LoadOptions(columnMap: map, dateFormat: dateFormat.flatMap { DateFormat(name: $0) })
  }

  /// Reads the history (and customers file) into a portfolio at the as-of date, with the
  /// content hash of the history's bytes (stored in model files).
  func loadPortfolio() throws -> (portfolio: Portfolio, inputHash: String) {
    let bytes = try CSVReader.readFile(path: history)
    let invoices = try HistoryLoader.parse(bytes: bytes, fileName: history, options: loadOptions)
    return (try portfolio(invoices), ContentHash.hex(bytes))
  }

  /// Reads the history (mapped, not copied, and not hashed) into a portfolio at the as-of date.
  func loadUnhashedPortfolio() throws -> Portfolio {
    try portfolio(HistoryLoader.load(path: history, options: loadOptions))
  }

  /// The portfolio of `invoices` with the customers file's attributes, at the as-of date.
  private func portfolio(_ invoices: InvoiceHistory) throws -> Portfolio {
    var info: [String: CustomerInfo] = [:]
    if let customers {
      info = CustomerInfo.byID(try CustomerLoader.load(path: customers, options: loadOptions))
    }
    return Portfolio(history: invoices, customers: info, asOf: asOf.flatMap { Day(iso: $0) })
  }
}

/// Prints a line to standard error (progress, warnings, counts of skipped rows).
///
/// On a terminal the line is cleared first, so a progress line never runs into it.
func note(_ message: String) {
  let clear = isatty(2) != 0 ? "\r\u{1B}[K" : ""
  let bytes = Array((clear + message + "\n").utf8)
  bytes.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
}

#if canImport(Glibc)
  import Glibc
#endif
