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

    @Option(help: "Where to write the model JSON.")
    var model: String

    @Option(help: "Days past due that count as seriously late (the delinquency target).")
    var lateDays: Int = DelinquencyRule.defaultLateDays

    @Option(help: "Ridge penalty of the delinquency model on standardised features.")
    var l2: Double = 1.0

    @Option(help: "Cox tie handling: efron or breslow.")
    var ties: CoxProportionalHazards.TieMethod = .efron

    @Flag(help: "Also print the three models' coefficient tables.")
    var verbose = false

    func validate() throws {
      try OptionRange.check("--late-days", lateDays, in: 1...OptionRange.days, unit: " days")
      try OptionRange.check("--l2", l2, in: 0...1e6)
    }

    func run() throws {
      let progress = Progress()
      progress.stage("reading \(input.history)")
      let (portfolio, hash) = try input.loadPortfolio()
      progress.finish()
      reportLoad(portfolio)
      let trained = try train(portfolio, hash: hash) { progress.stage($0.progressName) }
      progress.stage("writing \(model)")
      for n in try ModelFile.write(trained, to: model) { note("warning: \(n)") }
      progress.finish()
      print(TrainingSummary.render(trained, verbose: verbose))
      print("model written to \(model)" + (verbose ? "" : " (coefficient tables: --verbose)"))
    }

    func train(
      _ portfolio: Portfolio, hash: String, stage: (TrainingStage) -> Void = { _ in }
    ) throws -> TrainedModel {
      var options = TrainingOptions()
      options.rule = DelinquencyRule(lateDays: lateDays)
      options.l2 = l2
      options.ties = ties
      options.inputHash = hash
      options.version = CreditRisk.version
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
    "read \(portfolio.history.count) invoices of \(portfolio.history.customerIDs.count) customers from \(r.fileName)"
  ]
  if r.blankLinesSkipped > 0 { parts.append("\(r.blankLinesSkipped) blank lines skipped") }
  if !r.ignoredColumns.isEmpty {
    parts.append("columns not used: " + MessageText.list(r.ignoredColumns))
  }
  if let cutoff {
    parts.append("history to \(portfolio.asOf), backtest cutoff \(cutoff)")
  } else {
    parts.append("as of \(portfolio.asOf)")
  }
  note(parts.joined(separator: "; "))
}
