import ArgumentParser
import CreditData
import CreditEngine
import Dispatch

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
    try OptionRange.checkDate("--as-of", asOf)
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
  ///
  /// The history is mapped, not copied, and hashed while it is parsed.
  func loadPortfolio() throws -> (portfolio: Portfolio, inputHash: String) {
    var hash = ""
    let portfolio = try portfolio {
      let (invoices, contentHash) = try HistoryLoader.loadHashed(
        path: history, options: loadOptions)
      hash = contentHash
      return invoices
    }
    return (portfolio, hash)
  }

  /// Reads the history (mapped, not copied, and not hashed) into a portfolio at the as-of date.
  func loadUnhashedPortfolio() throws -> Portfolio {
    try portfolio { try HistoryLoader.load(path: history, options: loadOptions) }
  }

  /// The portfolio of the history `readHistory` returns, with the customers file's
  /// attributes, at the as-of date.
  ///
  /// The customers file is read on another thread meanwhile: it is small, and reading it
  /// after the history left one core idle (about 8 ms for 20,000 customers). An error in the
  /// history is reported before one in the customers file, as when they are read in turn.
  private func portfolio(_ readHistory: () throws -> InvoiceHistory) throws -> Portfolio {
    let options = loadOptions
    let info = customers.map { path in
      BackgroundResult { CustomerInfo.byID(try CustomerLoader.load(path: path, options: options)) }
    }
    let invoices: InvoiceHistory
    do {
      invoices = try readHistory()
    } catch {
      _ = info?.result
      throw error
    }
    let byID = try info?.result.get() ?? [:]
    return Portfolio(history: invoices, customers: byID, asOf: asOf.flatMap { Day(iso: $0) })
  }
}

/// Work started on another thread; `result` waits for it.
private final class BackgroundResult<T: Sendable>: @unchecked Sendable {
  private let done = DispatchGroup()
  /// Written once by the work, read after `done` says it finished.
  private var value: Result<T, any Error>?

  init(_ work: @escaping @Sendable () throws -> T) {
    done.enter()
    DispatchQueue.global().async {
      self.value = Result(catching: work)
      self.done.leave()
    }
  }

  /// What the work returned or threw, once it has finished.
  var result: Result<T, any Error> {
    done.wait()
    guard let value else { preconditionFailure("background work left no result") }
    return value
  }
}

/// Prints a line to standard error (progress, warnings, counts of skipped rows).
///
/// On a terminal the line is cleared first, so a progress line never runs into it. The
/// message is one line with control and invisible characters escaped (`MessageText`).
func note(_ message: String) {
  let clear = isatty(2) != 0 ? "\r\u{1B}[K" : ""
  let bytes = Array((clear + MessageText.oneLine(message, limit: 500) + "\n").utf8)
  bytes.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
}

#if canImport(Glibc)
  import Glibc
#endif
