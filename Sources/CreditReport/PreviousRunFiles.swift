import CreditData
import CreditEngine
import Foundation

/// Reads an earlier `score --out` folder for `score --previous`: customers.csv,
/// credit_limits.csv and worklist.csv, by column name.
public enum PreviousRunFiles {
  /// The earlier run in `folder`.
  /// - Throws: `DataError` naming the file (and line and column) that cannot be read, or a
  ///   missing column.
  public static func read(folder: String) throws -> PreviousRun {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
    guard exists, isFolder.boolValue else {
      throw DataError(
        .io, file: folder,
        message: (exists ? "is a file, not a folder" : "no such folder")
          + "; --previous expects the --out folder of an earlier score run")
    }
    // A shard's files hold only its customers: the others would all read as new.
    if FileManager.default.fileExists(atPath: folder + "/" + ShardFolder.partName) {
      throw DataError(
        .io, file: folder,
        message:
          "is a shard's folder (it has \(ShardFolder.partName)), with only that shard's customers; merge the shards (creditrisk merge --out DIR FOLDER...) and give --previous the merged folder"
      )
    }
    var customers: [String: PreviousCustomer] = [:]
    var asOf: Day?
    let scores = try table(folder, "customers.csv", ["customer_id", "risk_grade", "risk_score"])
    let ids = scores.text("customer_id")
    let grades = scores.text("risk_grade")
    let points = try scores.table.numbers(column: scores.index["risk_score"] ?? 0)
    for (k, id) in ids.enumerated() {
      customers[id, default: PreviousCustomer()].grade = grades[k]
      customers[id, default: PreviousCustomer()].riskScore =
        points[k].isFinite ? Int(points[k]) : nil
    }
    if let column = scores.table.columnIndex(named: "as_of"), scores.table.rowCount > 0 {
      // A date that is not ISO (a spreadsheet saved the file again: 12/31/2025) would pass
      // for a run that states none, and a later run would then be compared backwards.
      let text = scores.table[0, column]
      asOf = Day(iso: text)
      if asOf == nil, !text.isEmpty {
        throw DataError(
          .value, file: folder + "/customers.csv", line: 2, column: column + 1,
          columnName: "as_of", text: text,
          message:
            "is not a date YYYY-MM-DD as score writes it (was the file saved again by a spreadsheet?); --previous expects the folder of an earlier score run as it wrote it"
        )
      }
    }
    var currency: String?
    if let column = scores.table.columnIndex(named: "currency"), scores.table.rowCount > 0 {
      currency = CSVWriter.original(scores.table[0, column])
    }
    let limits = try table(
      folder, "credit_limits.csv", ["customer_id", "recommended_limit", "hold"])
    let limitIDs = limits.text("customer_id")
    let recommended = try limits.table.numbers(column: limits.index["recommended_limit"] ?? 0)
    let holds = limits.text("hold")
    for (k, id) in limitIDs.enumerated() {
      customers[id, default: PreviousCustomer()].recommendedLimit =
        recommended[k].isFinite ? recommended[k] : nil
      customers[id, default: PreviousCustomer()].hold = holds[k] == "true"
    }
    let work = try table(folder, "worklist.csv", ["customer_id", "amount_at_risk"])
    let amounts = try work.table.numbers(column: work.index["amount_at_risk"] ?? 0)
    for (k, id) in work.text("customer_id").enumerated() where amounts[k].isFinite {
      customers[id, default: PreviousCustomer()].amountAtRisk += amounts[k]
    }
    return PreviousRun(
      asOf: asOf, customers: customers, currency: currency,
      invoiceCustomers: try invoiceCustomers(folder))
  }

  /// The customer of each invoice of the folder's invoices.csv; none when the folder has no
  /// invoices.csv (`check(_:folder:against:)` then has no invoices to compare).
  static func invoiceCustomers(_ folder: String) throws -> [String: String] {
    guard FileManager.default.fileExists(atPath: folder + "/invoices.csv") else { return [:] }
    let invoices = try table(folder, "invoices.csv", ["invoice_id", "customer_id"])
    return Dictionary(
      zip(invoices.text("invoice_id"), invoices.text("customer_id")),
      uniquingKeysWith: { a, _ in a })
  }

  /// Stops a comparison with a run that is not this book's earlier run: a later as-of date
  /// (the changes would run backwards), another currency (amounts in two currencies would be
  /// compared), or another book (most of the invoices open in that run are not this history's
  /// invoices of the same customer).
  /// - Throws: `DataError` naming the earlier run's file and what it holds.
  public static func check(_ previous: PreviousRun, folder: String, against portfolio: Portfolio)
    throws
  {
    let customers = folder + "/customers.csv"
    if let then = previous.asOf, then > portfolio.asOf {
      throw DataError(
        .row, file: customers,
        message:
          "is a run as of \(then.isoString), after this run's as-of date "
          + "\(portfolio.asOf.isoString); --previous expects the folder of an earlier run")
    }
    let h = portfolio.history
    if let then = previous.currency, let now = h.singleCurrency, then != now {
      throw DataError(
        .currency, file: customers,
        message:
          "has its money in \(then), this run in \(now); --previous expects an earlier run "
          + "of the same book")
    }
    guard !previous.invoiceCustomers.isEmpty else { return }
    var same = 0
    for k in 0..<h.count {
      if let then = previous.invoiceCustomers[h.invoiceIDs[k]],
        then == h.customerIDs[Int(h.customerIndex[k])]
      {
        same += 1
      }
    }
    let others = previous.invoiceCustomers.count - same
    if others * 2 > previous.invoiceCustomers.count {
      throw DataError(
        .row, file: folder + "/invoices.csv",
        message:
          "is a run of another book: \(MessageText.grouped(others)) of its "
          + "\(MessageText.grouped(previous.invoiceCustomers.count)) open invoices are not in "
          + "this history or belong to another customer there; --previous expects an earlier "
          + "run of the same book")
    }
  }

  /// A file of the folder with the columns it needs.
  struct File {
    var table: CSVTable
    var index: [String: Int]

    /// A column's cells, with the spreadsheet neutralisation (`'` before `=`, `+`, `-`, `@`,
    /// tab, CR) that `CSVWriter` added taken off again.
    func text(_ name: String) -> [String] {
      table.column(index[name] ?? 0).map(CSVWriter.original)
    }
  }

  static func table(_ folder: String, _ name: String, _ columns: [String]) throws -> File {
    let path = folder + "/" + name
    let table = try CSVReader.table(path: path)
    var index: [String: Int] = [:]
    for column in columns {
      guard let k = table.columnIndex(named: column) else {
        throw DataError(
          .header, file: path, line: 1,
          message: "missing column '\(column)'; expected the files of a 'creditrisk score' run")
      }
      index[column] = k
    }
    return File(table: table, index: index)
  }
}
