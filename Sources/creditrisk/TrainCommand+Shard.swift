import ArgumentParser
import CreditData
import CreditEngine
import CreditReport

/// The options of `train --shard`: one shard's round of a training from statistics.
struct ShardTrainingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Train from statistics: evaluate the customers of shard i of n (1-based; customer c is in shard FNV-1a 64 of its id mod n, plus 1) for the round --state says, and write the statistics to --stats-out.",
      valueName: "i/n"),
    transform: { text in
      guard let shard = CustomerShard(argument: text) else {
        throw ValidationError("--shard '\(text)' must look like i/n with 1 <= i <= n")
      }
      return shard
    })
  var shard: CustomerShard?

  @Option(help: "With --shard: the training state file (from creditrisk solve).")
  var state: String?

  @Option(help: "With --shard: where to write the statistics (- for standard output).")
  var statsOut: String?

  func validate(model: String?) throws {
    if shard == nil {
      guard model != nil else {
        throw ValidationError("Missing expected argument '--model <model>'")
      }
      guard state == nil, statsOut == nil else {
        throw ValidationError("--state and --stats-out go with --shard")
      }
      return
    }
    guard model == nil else {
      throw ValidationError("--model does not go with --shard (creditrisk solve writes the model)")
    }
    guard state != nil, statsOut != nil else {
      throw ValidationError("--shard needs --state FILE and --stats-out FILE")
    }
  }
}

extension CreditRisk.Train {
  /// `train --shard i/n`: this shard's statistics for the state's round.
  func runShard(_ shard: CustomerShard) throws {
    guard let statePath = sharding.state, let out = sharding.statsOut else { return }
    let state = try ShardTrainingFiles.state(
      try CSVReader.readFile(path: statePath), path: statePath)
    if let asOf = input.asOf, Day(iso: asOf) != state.asOf {
      throw ValidationError(
        "--as-of \(asOf) differs from the training state's as-of date \(state.asOf) (\(statePath))")
    }
    try settings.check(against: state.options, statePath: statePath)
    let loaded = try input.loadUnhashedPortfolio()
    let portfolio = Portfolio(
      history: loaded.history.keeping(shard), customers: customersByID(loaded), asOf: state.asOf)
    let stats = try ShardTrainer.statistics(
      portfolio, shard: shard.description, state: state)
    let bytes = try ShardTrainingFiles.encode(stats)
    if out == "-" {
      bytes.withUnsafeBytes { raw in _ = Glibc.write(1, raw.baseAddress, raw.count) }
    } else {
      try ShardTrainingFiles.write(stats, to: out)
      // What the part held of other shards, said: a part cut by another rule than the
      // customer hash loses those rows from the training.
      let (invoices, customers) = (
        loaded.history.count - portfolio.history.count,
        loaded.history.customerIDs.count - portfolio.history.customerIDs.count
      )
      let others =
        invoices == 0
        ? ""
        : " (\(MessageText.grouped(invoices)) invoices of \(MessageText.grouped(customers)) customers of other shards left out)"
      note(
        "shard \(shard.description): \(MessageText.grouped(portfolio.history.count)) invoices of \(MessageText.grouped(portfolio.history.customerIDs.count)) customers\(others), \(state.stage.rawValue) round -> \(out)"
      )
    }
  }

  /// The portfolio's customer attributes by id.
  private func customersByID(_ portfolio: Portfolio) -> [String: CustomerInfo] {
    var byID: [String: CustomerInfo] = [:]
    for (id, info) in zip(portfolio.history.customerIDs, portfolio.customers) {
      if let info { byID[id] = info }
    }
    return byID
  }
}

#if canImport(Glibc)
  import Glibc
#endif
