import ArgumentParser
import CreditData
import CreditEngine
import CreditReport

extension CreditRisk {
  struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train on what was known at a cutoff date and compare with what happened after.",
      discussion: """
        Scores the invoices open at --cutoff with a model trained on the history known then, \
        and compares PD, payment dates and weekly collections with the outcomes over \
        --horizon days, next to the naive baseline "due date + the customer's average delay" \
        (and the customer's past late rate for PD).
        """)

    @OptionGroup var input: HistoryOptions

    @Option(help: "Cutoff date (YYYY-MM-DD): train on what was known then, score what was open.")
    var cutoff: String

    @Option(help: "Days after the cutoff over which outcomes are observed.")
    var horizon: Int = 90

    @Option(help: "Days past due that count as seriously late (the delinquency target).")
    var lateDays: Int = DelinquencyRule.defaultLateDays

    @Option(help: "Folder for backtest.csv, backtest_calibration.csv and backtest_weeks.csv.")
    var out: String?

    @Option(help: "Also write the results as a Markdown document to this file.")
    var markdown: String?

    func validate() throws {
      try OptionRange.checkDate("--cutoff", cutoff)
      try OptionRange.check("--horizon", horizon, in: 7...OptionRange.days, unit: " days")
      try OptionRange.check("--late-days", lateDays, in: 1...OptionRange.days, unit: " days")
    }

    func run() throws {
      let result = try backtest()
      print(BacktestSummary.render(result))
      if let out {
        for n in try BacktestFiles.write(result, to: out) { note("warning: \(n)") }
        print("wrote backtest.csv, backtest_calibration.csv, backtest_weeks.csv to \(out)")
      }
      if let markdown {
        try AtomicFile.write(BacktestSummary.markdown(result, command: reproduction), to: markdown)
      }
    }

    /// Loads the history and runs the backtest.
    func backtest() throws -> BacktestResult {
      let (portfolio, hash) = try input.loadPortfolio()
      reportLoad(portfolio)
      var options = TrainingOptions()
      options.rule = DelinquencyRule(lateDays: lateDays)
      options.inputHash = hash
      options.version = CreditRisk.version
      // Validated above.
      let day = Day(iso: cutoff) ?? portfolio.asOf
      let result = try CreditEngine.Backtest(cutoff: day, horizonDays: horizon, training: options)
        .run(portfolio)
      for w in result.trainedModel?.warnings ?? [] { note("warning: \(w)") }
      return result
    }

    /// The command line that reproduces the Markdown document.
    var reproduction: String {
      var parts = ["creditrisk backtest --history \(input.history)"]
      if let c = input.customers { parts.append("--customers \(c)") }
      parts.append("--cutoff \(cutoff) --horizon \(horizon)")
      if lateDays != DelinquencyRule.defaultLateDays { parts.append("--late-days \(lateDays)") }
      return parts.joined(separator: " ")
    }
  }
}
