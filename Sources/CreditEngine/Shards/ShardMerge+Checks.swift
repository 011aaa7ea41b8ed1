extension ShardMerge {
  /// What keeps `parts` from being one run's complete set of shards; nil when they are.
  ///
  /// One line naming the shards by `names` (part i's is `names[i]`: its folder).
  ///
  /// They must be of this format, agree on the number of shards, the as-of date and every
  /// input (`ShardPart.inputs`: the history, model, policy, ladder and collections files'),
  /// and be shards 1 ... n once each; their rows must add up to the portfolio's.
  public static func problem(_ parts: [ShardPart], names: [String]) -> String? {
    guard let first = parts.first else { return "no shard folders given" }
    for (i, part) in parts.enumerated() where part.format != ShardPart.currentFormat {
      return
        "\(names[i]): shard format \(part.format), expected \(ShardPart.currentFormat) (score it again with this version)"
    }
    for (i, part) in parts.enumerated().dropFirst() {
      if part.shards != first.shards {
        return
          "\(names[0]) is shard \(first.shard)/\(first.shards) but \(names[i]) is \(part.shard)/\(part.shards): the shards of one run have the same n"
      }
      if part.asOf != first.asOf {
        return
          "\(names[0]) is scored at \(first.asOf) but \(names[i]) at \(part.asOf): the shards of one run have the same as-of date"
      }
      let keys = Set(first.inputs.keys).union(part.inputs.keys).sorted()
      if let key = keys.first(where: { first.inputs[$0] != part.inputs[$0] }) {
        return
          "\(names[0]) and \(names[i]) were scored with different \(key) (\(first.inputs[key] ?? "none") vs \(part.inputs[key] ?? "none")): the shards of one run share every input"
      }
      if (part.portfolioInvoices, part.portfolioCustomers)
        != (first.portfolioInvoices, first.portfolioCustomers)
        || part.expectedNew != first.expectedNew || part.reasonFactors != first.reasonFactors
        || part.forecast != first.forecast
      {
        return
          "\(names[0]) and \(names[i]) disagree on the portfolio (open invoices, customers, run-rate, the model's columns or the cash forecast's inputs): the shards of one run read the same history"
      }
    }
    var seen = [Int: Int]()
    for (i, part) in parts.enumerated() {
      if let j = seen[part.shard] {
        return
          "\(names[j]) and \(names[i]) are both shard \(part.shard)/\(part.shards): give each shard once"
      }
      seen[part.shard] = i
    }
    if let missing = (1...first.shards).first(where: { seen[$0] == nil }) {
      let count = (1...first.shards).filter { seen[$0] == nil }.count
      return
        "shard \(missing)/\(first.shards) is missing\(count > 1 ? " (and \(count - 1) more)" : ""): merge needs all \(first.shards) shard folders"
    }
    let invoices = parts.reduce(0) { $0 + $1.invoices.historyRow.count }
    let customers = parts.reduce(0) { $0 + $1.customers.count }
    if invoices != first.portfolioInvoices || customers != first.portfolioCustomers {
      return
        "the shards hold \(invoices) open invoices and \(customers) customers, the portfolio \(first.portfolioInvoices) and \(first.portfolioCustomers): a shard folder was changed after scoring"
    }
    return nil
  }
}
