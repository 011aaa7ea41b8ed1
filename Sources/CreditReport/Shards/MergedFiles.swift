import CreditData
import CreditEngine

/// The score files of a whole portfolio, put together from its shards' folders
/// (`creditrisk merge`): byte for byte what one `score` run writes (`ShardMerge` says how).
public enum MergedFiles {
  /// The files, in the shards' order of names.
  /// - Throws: `ShardError` when the folders are not one run's complete set of shards, or a
  ///   file does not match its shard.json.
  public static func render(_ shards: [ShardFolder]) throws -> [(name: String, bytes: [UInt8])] {
    let parts = shards.map(\.part)
    if let problem = ShardMerge.problem(parts, names: shards.map(\.path)) {
      throw ShardError(problem)
    }
    guard let names = shards.first?.part.files else { return [] }
    for shard in shards where shard.part.files != names {
      throw ShardError(
        "\(shards[0].path) has \(names.joined(separator: ", ")) but \(shard.path) \(shard.part.files.joined(separator: ", ")): the shards of one run write the same files"
      )
    }
    let merge = ShardMerge(parts)
    var files: [(name: String, bytes: [UInt8])] = []
    for name in names {
      let documents = shards.map { CSVRecords($0.files[name] ?? []) }
      try check(name, documents, shards)
      switch name {
      case "invoices.csv": files.append((name, join(documents, merge.invoices)))
      case "customers.csv":
        files.append((name, try withReasons(documents, merge.customers, merge.reasons)))
      case "credit_limits.csv": files.append((name, join(documents, merge.customers)))
      case "worklist.csv": files.append((name, ranked(documents, merge.worklist)))
      case "aging.csv": files.append((name, join(documents, merge.ageing)))
      case "payment_plans.csv": files.append((name, join(documents, merge.paymentPlans)))
      case "discount_offers.csv": files.append((name, join(documents, merge.discountOffers)))
      case "cash_forecast.csv":
        files.append((name, ScoreFiles.cashForecast(merge.forecastResult).bytes))
      default: throw ShardError("\(shards[0].path)/\(name): merge does not know this file")
      }
    }
    return files
  }

  /// Every shard's `name` has the first one's header and as many rows as its shard.json
  /// has keys for.
  private static func check(_ name: String, _ documents: [CSVRecords], _ shards: [ShardFolder])
    throws
  {
    for (i, document) in documents.enumerated() {
      if document.header != documents[0].header {
        throw ShardError(
          "\(shards[i].path)/\(name) has other columns than \(shards[0].path)/\(name): the shards of one run write the same columns"
        )
      }
      let part = shards[i].part
      let expected: Int? =
        switch name {
        case "invoices.csv": part.invoices.historyRow.count
        case "customers.csv", "credit_limits.csv": part.customers.count
        case "worklist.csv": part.worklist.count
        case "aging.csv": part.ageing.count
        case "payment_plans.csv": part.paymentPlans.count
        case "discount_offers.csv": part.discountOffers.count
        default: nil
        }
      if let expected, expected != document.rowCount {
        throw ShardError(
          "\(shards[i].path)/\(name) has \(document.rowCount) rows, its \(ShardFolder.partName) \(expected): the folder was changed after scoring; score the shard again"
        )
      }
    }
  }

  /// The header, then the rows in `order`.
  private static func join(_ documents: [CSVRecords], _ order: [ShardMerge.Row]) -> [UInt8] {
    var out = Array(documents.first?.header ?? [])
    for at in order { out += documents[at.part].row(at.row) }
    return out
  }

  /// The header, then the rows in `order`, their reason cells replaced by `reasons`.
  private static func withReasons(
    _ documents: [CSVRecords], _ order: [ShardMerge.Row], _ reasons: [[String]]
  ) throws -> [UInt8] {
    guard let first = documents.first else { return [] }
    let names = first.columnNames
    let columns = (1...3).compactMap { names.firstIndex(of: "reason_\($0)") }
    guard columns.count == 3 else {
      throw ShardError("customers.csv of the shards has no reason_1, reason_2 and reason_3")
    }
    var out = Array(first.header)
    for (n, at) in order.enumerated() {
      let document = documents[at.part]
      let cells = document.cells(document.records[at.row + 1])
      for (j, cell) in cells.enumerated() {
        if j > 0 { out.append(44) }
        if let r = columns.firstIndex(of: j) {
          out += textCell(reasons[n][r])
        } else {
          out += document.bytes[cell]
        }
      }
      out.append(10)
    }
    return out
  }

  /// The header, then the rows in `order` with their first cell (rank) 1, 2, ...
  private static func ranked(_ documents: [CSVRecords], _ order: [ShardMerge.Row]) -> [UInt8] {
    var out = Array(documents.first?.header ?? [])
    for (n, at) in order.enumerated() {
      let row = documents[at.part].row(at.row)
      out += Array("\(n + 1)".utf8)
      out += row[(row.firstIndex(of: 44) ?? row.endIndex)...]
    }
    return out
  }

  /// A text cell as `CSVWriter` writes it (quoted and neutralised as needed).
  static func textCell(_ text: String) -> [UInt8] {
    var writer = CSVWriter(header: [""])
    let start = writer.bytes.count
    writer.appendText(text)
    return Array(writer.bytes[start...])
  }
}
