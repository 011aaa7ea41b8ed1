import ArgumentParser
import CreditData
import CreditEngine
import CreditModels
import CreditReport

extension CreditRisk {
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Fit the delinquency and time-to-payment models and write a model file.")

    @OptionGroup var input: HistoryOptions

    @Option(help: "Where to write the model JSON (not with --shard).")
    var model: String?

    @OptionGroup var sharding: ShardTrainingOptions

    @OptionGroup var settings: TrainingSettingsOptions

    @Flag(help: "Also print the three models' coefficient tables.")
    var verbose = false

    func validate() throws {
      try sharding.validate(model: model)
    }

    func run() throws {
      try DistinctPaths.check(
        outputs: [("--model", model), ("--stats-out", sharding.statsOut)],
        inputs: input.inputs + [("--state", sharding.state)])
      try OutputPlaces.check(files: [model, sharding.statsOut])
      LargeAllocations.mapSeparately()
      if let shard = sharding.shard {
        try runShard(shard)
        return
      }
      let model = self.model ?? ""
      let progress = Progress()
      progress.stage("reading \(input.history)")
      let (portfolio, hash) = try input.loadPortfolio()
      progress.finish()
      reportLoad(portfolio)
      // Handed over: the history's columns are freed while the models are fitted.
      let trained = try train(consume portfolio, hash: hash) {
        progress.stage($0.progressName)
        LargeAllocations.giveBackFreedPages()
      }
      progress.stage("writing \(model)")
      for n in try ModelFile.write(trained, to: model) { note("warning: \(n)") }
      progress.finish()
      print(TrainingSummary.render(trained, verbose: verbose))
      print("model written to \(model)" + (verbose ? "" : " (coefficient tables: --verbose)"))
    }

    func train(
      _ portfolio: consuming Portfolio, hash: String, stage: (TrainingStage) -> Void = { _ in }
    ) throws -> TrainedModel {
      var options = settings.options
      options.inputHash = hash
      let trained = try Trainer(options: options).train(portfolio, stage: stage)
      for w in trained.warnings { note("warning: \(w)") }
      return trained
    }
  }
}

extension CoxProportionalHazards.TieMethod: ExpressibleByArgument {}

/// Prints what was read and what was set aside, so nothing is dropped silently.
/// - Parameter cutoff: a backtest's cutoff(s), said beside the history's own as-of date.
func reportLoad(_ portfolio: Portfolio, cutoff: String? = nil) {
  let r = portfolio.history.report
  var parts = [
    "read \(MessageText.counted(portfolio.history.count, "invoice")) of "
      + "\(MessageText.counted(portfolio.history.customerIDs.count, "customer")) from \(r.fileName)"
  ]
  if r.blankLinesSkipped > 0 {
    parts.append("\(MessageText.counted(r.blankLinesSkipped, "blank line")) skipped")
  }
  if !r.ignoredColumns.isEmpty {
    parts.append("columns not used: " + MessageText.list(r.ignoredColumns))
  }
  if let cutoff {
    parts.append("history to \(portfolio.asOf), backtest cutoff \(cutoff)")
  } else {
    let after = portfolio.issuedAfterAsOf
    parts.append(
      "as of \(portfolio.asOf)"
        + (after > 0
          ? " (\(MessageText.counted(after, "invoice")) issued after it left out)" : ""))
  }
  note(parts.joined(separator: "; "))
}
