import ArgumentParser
import CreditData
import CreditEngine
import CreditReport
import Foundation

extension CreditRisk.Score {
  /// `score --shard i/n`: scores the customers of one shard and writes its part of the score
  /// files with shard.json, for `creditrisk merge`.
  func runShard(_ spec: CustomerShard) throws {
    let progress = Progress()
    progress.stage("reading \(model)")
    let trained = try ModelFile.read(path: model)
    progress.stage("reading \(input.history)")
    var (portfolio, historyHash) = try input.loadPortfolio()
    try collections.attach(to: &portfolio, options: input.loadOptions)
    progress.finish()
    reportLoad(portfolio)
    progress.stage("scoring shard \(spec.description)")
    let policy = try settings.loadPolicy()
    let ladder = try settings.loadLadder()
    let scorer = Scorer(model: trained, policy: policy, ladder: ladder)
    var (result, part) = scorer.scoreShard(portfolio, shard: spec)
    reportScore(result)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let o = try input.loadOptions
    let reading: [Any?] = [
      o.dateFormat, o.encoding, o.delimiter, o.decimalMark, o.headerLine, o.sheet,
    ]
    let settings =
      [
        String(decoding: try encoder.encode(policy), as: UTF8.self),
        String(decoding: try encoder.encode(ladder), as: UTF8.self),
        "\(portfolio.collections.discountTerms)",
        o.columnMap.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
          separator: ","),
      ] + reading.map { String(describing: $0) }
    part.inputs = try shardInputs(
      historyHash: historyHash, model: trained, settings: settings.joined(separator: "|"))
    progress.stage("writing \(out)")
    for n in try ShardFolder.write(result, part: part, to: out) { note("warning: \(n)") }
    progress.finish()
    print(
      "shard \(spec.description): \(result.invoices.count) of \(part.portfolioInvoices) open invoices, \(result.customers.count) of \(part.portfolioCustomers) customers -> \(out)"
    )
    print("put the \(spec.count) shard folders together with: creditrisk merge --out DIR FOLDER...")
  }

  /// The content hashes of every input of the run, which the shards of one run share.
  private func shardInputs(historyHash: String, model: TrainedModel, settings: String) throws
    -> [String: String]
  {
    var inputs = [
      "history": historyHash, "model": ContentHash.hex(try ModelFile.encode(model)),
      "settings": ContentHash.hex(Array(settings.utf8)),
    ]
    let files = [
      ("customers file", input.customers), ("fx file", input.fx),
      ("promises file", collections.promises), ("disputes file", collections.disputes),
      ("discounts file", collections.discounts),
    ]
    for case (let name, let path?) in files {
      inputs[name] = ContentHash.hex(try CSVReader.readFile(path: path))
    }
    return inputs
  }
}
