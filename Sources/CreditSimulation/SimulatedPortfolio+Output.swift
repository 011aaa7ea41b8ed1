import CreditData
import Foundation

/// Files: `history.csv`, `customers.csv`, `truth_customers.csv`, `truth.json`, `fx-rates.csv`;
/// the event and per-invoice truth files are in `SimulatedPortfolio+EventOutput.swift`.
extension SimulatedPortfolio {
  /// Columns of `history.csv`: the canonical history schema, in this order; without
  /// `written_off` when `configuration.flagsWriteOffs` is false.
  public static let historyColumns = [
    "invoice_id", "customer_id", "issue_date", "due_date", "amount", "paid_date", "currency",
    "disputed", "paperless", "written_off", "region", "industry",
  ]

  /// Columns of `customers.csv`: the canonical customers schema.
  public static let customerColumns = [
    "customer_id", "credit_limit", "region", "industry", "customer_since",
  ]

  /// Columns of `truth_customers.csv`: the latent customer attributes, followed by
  /// `distressed` and `distress_from` when `configuration.distressedShare` is positive.
  public static let truthCustomerColumns = [
    "customer_id", "latent_risk", "typical_amount", "standard_terms_days", "prefers_paperless",
    "activity", "invoice_count",
  ]

  /// The files `write(to:)` publishes, in order, with their contents.
  public func files() -> [(name: String, bytes: [UInt8])] {
    var files: [(name: String, bytes: [UInt8])] = [
      ("history.csv", historyCSV().bytes), ("customers.csv", customersCSV().bytes),
      ("truth_customers.csv", truthCustomersCSV().bytes),
      ("truth.json", Array(truthJSON().utf8)), ("fx-rates.csv", exchangeRatesCSV().bytes),
      ("truth_invoices.csv", truthInvoicesCSV().bytes),
      ("promises.csv", promisesCSV().bytes), ("truth_promises.csv", truthPromisesCSV().bytes),
      ("disputes.csv", disputesCSV().bytes), ("truth_disputes.csv", truthDisputesCSV().bytes),
      ("truth_collections.json", Array(truthCollectionsJSON().utf8)),
    ]
    if configuration.discountOfferShare > 0 {
      files.append(("discounts.csv", discountsCSV().bytes))
      files.append(("truth_discounts.csv", truthDiscountsCSV().bytes))
    }
    return files
  }

  /// Writes `files()` into `directory` (created if needed) as one set (`OutputSet`): all of
  /// them or none.
  ///
  /// Same seed, same bytes: numbers have fixed precision (money 2 decimals, latent values 6),
  /// dates are ISO, booleans `true`/`false`, and JSON keys are sorted. An earlier run's
  /// `optionalFiles` that this run does not write are removed, not left beside its history.
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up, and about
  ///   an earlier run's files removed.
  /// - Throws: `OutputError` naming the folder and the cause.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    let files = self.files()
    return try OutputSet.publish(
      names: files.map(\.name), to: directory, superseding: Self.optionalFiles
    ) { files[$0].bytes }
  }

  /// The files only some runs write: the discount offers (`discountOfferShare` above 0).
  public static let optionalFiles = ["discounts.csv", "truth_discounts.csv"]

  /// `fx-rates.csv`: a rate of 1 for every simulated currency to the first one (the
  /// reporting currency).
  ///
  /// Every amount is drawn on one scale, whatever the customer's currency label: the rates
  /// say so, and runs on the history pass them with `--fx` (several currencies are never
  /// added up without rates).
  public func exchangeRatesCSV() -> CSVWriter {
    var csv = CSVWriter(header: ["currency", "rate", "reporting_currency"])
    let reporting = configuration.currencies.first?.name ?? ""
    for currency in configuration.currencies {
      csv.appendText(currency.name)
      csv.appendText("1")
      csv.appendText(reporting)
      csv.endRow()
    }
    return csv
  }

  /// `history.csv` in memory: one row per invoice, in invoice-id order.
  public func historyCSV() -> CSVWriter {
    let flags = configuration.flagsWriteOffs
    var csv = CSVWriter(
      header: SimulatedPortfolio.historyColumns.filter { flags || $0 != "written_off" })
    let inv = invoices
    let cust = customers
    for i in 0..<inv.count {
      let c = Int(inv.customerIndex[i])
      csv.appendText(SimulatedInvoices.id(forIndex: i))
      csv.appendText(cust.id[c])
      csv.appendDay(inv.issueDate[i])
      csv.appendDay(inv.dueDate[i])
      csv.appendMoney(inv.amount[i])
      if let paid = inv.paidDate[i] { csv.appendDay(paid) } else { csv.appendEmpty() }
      csv.appendText(cust.currency[c])
      csv.appendText(inv.disputed[i] ? "true" : "false")
      csv.appendText(inv.paperless[i] ? "true" : "false")
      if flags { csv.appendText(inv.writtenOff[i] ? "true" : "false") }
      csv.appendText(cust.region[c])
      csv.appendText(cust.industry[c])
      csv.endRow()
    }
    return csv
  }

  /// `customers.csv` in memory: one row per customer.
  public func customersCSV() -> CSVWriter {
    var csv = CSVWriter(header: SimulatedPortfolio.customerColumns)
    for c in 0..<customers.count {
      csv.appendText(customers.id[c])
      csv.appendMoney(customers.creditLimit[c])
      csv.appendText(customers.region[c])
      csv.appendText(customers.industry[c])
      csv.appendDay(customers.customerSince[c])
      csv.endRow()
    }
    return csv
  }

  /// `truth_customers.csv` in memory: the latent attributes of every customer.
  public func truthCustomersCSV() -> CSVWriter {
    let distress = configuration.distressedShare > 0
    var csv = CSVWriter(
      header: SimulatedPortfolio.truthCustomerColumns
        + (distress ? ["distressed", "distress_from"] : []))
    for c in 0..<customers.count {
      csv.appendText(customers.id[c])
      csv.appendFixed(customers.latentRisk[c], decimals: 6)
      csv.appendMoney(customers.typicalAmount[c])
      csv.appendInteger(customers.standardTermsDays[c])
      csv.appendText(customers.prefersPaperless[c] ? "true" : "false")
      csv.appendFixed(customers.activity[c], decimals: 6)
      csv.appendInteger(customers.invoiceCount[c])
      if distress {
        let from = customers.distressFrom[c]
        csv.appendText(from == nil ? "false" : "true")
        if let from { csv.appendDay(from) } else { csv.appendEmpty() }
      }
      csv.endRow()
    }
    return csv
  }

  /// `truth.json`: pretty-printed `SimulationTruth` with sorted snake_case keys.
  public func truthJSON() -> String { SimulatedPortfolio.json(SimulationTruth(self)) }

  /// Pretty-printed JSON with sorted snake_case keys and a final newline.
  static func json(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    do {
      let data = try encoder.encode(value)
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      // Only finite numbers, strings and arrays are encoded; this cannot fail.
      preconditionFailure("JSON encoding failed: \(error)")
    }
  }
}
