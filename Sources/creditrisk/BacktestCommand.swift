import ArgumentParser
import CreditData
import CreditEngine
import CreditReport
import CreditSimulation
import Foundation

extension CreditRisk {
  struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train on what was known at a cutoff date and compare with what happened after.",
      discussion: """
        Scores the invoices open at --cutoff with a model trained on the history known then, \
        and compares PD, payment dates and weekly collections with the outcomes over \
        --horizon days, next to the naive baseline "due date + the customer's average delay" \
        (and the customer's past late rate for PD). With --cutoffs FIRST..LAST, a backtest at \
        each month-end, pooled: PD, payment-date error by age at the cutoff, 13-week cash \
        error per cutoff and weekly P10-P90 coverage, with bootstrap intervals over customers.
        """)

    @OptionGroup var input: HistoryOptions

    @OptionGroup var settings: PolicyOptions

    @Option(help: "Cutoff date (YYYY-MM-DD): train on what was known then, score what was open.")
    var cutoff: String?

    @Option(
      help: ArgumentHelp(
        "Month-end cutoffs FIRST..LAST (YYYY-MM or YYYY-MM-DD): a backtest at each, pooled.",
        valueName: "first..last"))
    var cutoffs: String?

    @Option(
      parsing: .unconditional,
      help:
        "Days after the cutoff over which outcomes are observed (default: \(CreditEngine.Backtest.defaultHorizonDays); --cutoffs: \(RollingBacktest.defaultHorizonDays))."
    )
    var horizon: Int?

    @Option(
      parsing: .unconditional, help: "Bootstrap replicates of the pooled intervals (--cutoffs).")
    var replicates: Int = RollingBacktest.defaultReplicates

    @Option(parsing: .unconditional, help: "Seed of the bootstrap draws (--cutoffs).")
    var seed = UnsignedArgument(RollingBacktest.defaultSeed)

    @Option(
      help:
        "Folder with a simulation's truth_invoices.csv (--cutoffs; default: beside --history when there): adds the ceiling."
    )
    var truth: String?

    @OptionGroup var late: LateDaysOption

    @Option(
      help:
        "Folder for backtest.csv, backtest_calibration.csv and backtest_weeks.csv (--cutoffs: backtest_invoices.csv, each invoice at each cutoff, and backtest_weeks.csv with the cutoff first)."
    )
    var out: String?

    @Option(help: "Also write the results as a Markdown document to this file (--cutoff).")
    var markdown: String?

    /// The cutoffs of `--cutoffs FIRST..LAST`: the month-ends of the months from FIRST to LAST.
    static func monthEnds(_ text: String) -> [Day]? {
      let parts = text.components(separatedBy: "..")
      guard parts.count == 2 else { return nil }
      let days = parts.map { p in Day(iso: p) ?? Day(iso: p + "-01") }
      guard let first = days[0], let last = days[1], first <= last else { return nil }
      return RollingBacktest.monthEnds(from: first, through: last)
    }

    func validate() throws {
      if (cutoff == nil) == (cutoffs == nil) {
        throw ValidationError("give either --cutoff DATE or --cutoffs FIRST..LAST")
      }
      try OptionRange.checkDate("--cutoff", cutoff)
      if let c = cutoffs, Self.monthEnds(c) == nil {
        throw ValidationError(
          "--cutoffs '\(c)' is not a range of months; expected FIRST..LAST, e.g. 2012-09..2013-09")
      }
      if let horizon {
        try OptionRange.check("--horizon", horizon, in: 7...OptionRange.days, unit: " days")
      }
      try OptionRange.check("--replicates", replicates, in: 0...100_000)
      try OptionRange.check("--seed", seed)
      if cutoffs != nil, markdown != nil {
        throw ValidationError(
          "--markdown writes a single --cutoff's document; with --cutoffs the report is the "
            + "standard output (redirect it to a file)")
      }
    }

    func run() throws {
      // The folder is not compared with the files read: a file is never replaced by one.
      try DistinctPaths.check(outputs: [("--out", out), ("--markdown", markdown)], inputs: [])
      try DistinctPaths.check(
        outputs: [("--markdown", markdown)], inputs: input.inputs + settings.inputs)
      try OutputPlaces.check(files: [markdown])
      if let cutoffs { return try rolling(Self.monthEnds(cutoffs) ?? []) }
      let result = try backtest()
      print(BacktestSummary.render(result))
      try publish(result)
    }

    /// Writes the files of --out and the Markdown document, all or none of them.
    ///
    /// The document is written beside its place first, so a path that cannot be written (a
    /// missing folder, a folder where the file goes) fails the run before --out is replaced;
    /// then the files are published and the document put in place.
    func publish(_ result: BacktestResult) throws {
      let document = try markdown.map { path in
        try AtomicFile.stage(
          Array(BacktestSummary.markdown(result, command: reproduction).utf8), to: path)
      }
      var documentPlaced = false
      defer { if !documentPlaced { document?.discard() } }
      if let out {
        for n in try BacktestFiles.write(result, to: out) { note("warning: \(n)") }
        print("wrote backtest.csv, backtest_calibration.csv, backtest_weeks.csv to \(out)")
      }
      documentPlaced = true
      for n in try document?.publish() ?? [] { note("warning: \(n)") }
    }

    /// Loads the history and runs the backtest.
    func backtest() throws -> BacktestResult {
      let (portfolio, hash) = try input.loadPortfolio(revaluingOpenInvoices: false)
      reportLoad(portfolio, cutoff: cutoff ?? "\(portfolio.asOf)")
      let options = trainingOptions(inputHash: hash)
      // Validated above.
      let day = cutoff.flatMap { Day(iso: $0) } ?? portfolio.asOf
      try HistoryOptions.check("--cutoff", day, notBeforeTheFirstOf: portfolio.history)
      let result = try CreditEngine.Backtest(
        cutoff: day, horizonDays: horizon ?? CreditEngine.Backtest.defaultHorizonDays,
        training: options,
        policy: try settings.loadPolicy(), ladder: try settings.loadLadder()
      )
      .run(portfolio)
      for w in result.trainedModel?.warnings ?? [] { note("warning: \(w)") }
      return result
    }

    /// The training settings of every cutoff.
    func trainingOptions(inputHash: String) -> TrainingOptions {
      var options = TrainingOptions()
      options.rule = late.rule
      options.inputHash = inputHash
      options.version = CreditRisk.version
      return options
    }

    /// Runs a backtest at each month-end and prints the pooled evaluation.
    func rolling(_ days: [Day]) throws {
      let (portfolio, hash) = try input.loadPortfolio(revaluingOpenInvoices: false)
      let range = days.count == 1 ? "\(days[0])" : "\(days[0])..\(days[days.count - 1])"
      reportLoad(
        portfolio, cutoff: "\(range) (\(MessageText.counted(days.count, "month-end")))")
      // Validated above: at least one month-end.
      try HistoryOptions.check(
        "--cutoffs' last month-end", days[days.count - 1], notBeforeTheFirstOf: portfolio.history)
      let options = trainingOptions(inputHash: hash)
      var backtest = CreditEngine.Backtest(
        cutoff: days[0], training: options, policy: try settings.loadPolicy(),
        ladder: try settings.loadLadder())
      backtest.ceiling = try ceiling(portfolio.history)
      let rolling = RollingBacktest(
        cutoffs: days, horizonDays: horizon ?? RollingBacktest.defaultHorizonDays,
        replicates: replicates, seed: seed.number,
        backtest: backtest)
      let result = try rolling.run(portfolio) { i, day in
        note("cutoff \(i + 1)/\(days.count): \(day)")
      }
      print(RollingBacktestSummary.render(result))
      if let out {
        for n in try RollingBacktestFiles.write(result, to: out) { note("warning: \(n)") }
        print("wrote backtest_invoices.csv and backtest_weeks.csv to \(out)")
      }
    }

    /// The simulation's true median payment date given paid, true PD and true chances of
    /// payment week by week, for a history row open at a cutoff, from `truth_invoices.csv` in
    /// --truth or beside --history; nil without one.
    func ceiling(_ h: InvoiceHistory) throws -> (@Sendable (Int, Day) -> BacktestCeiling?)? {
      let beside = (input.history as NSString).deletingLastPathComponent
      let path = ((truth ?? (beside.isEmpty ? "." : beside)) as NSString)
        .appendingPathComponent("truth_invoices.csv")
      guard truth != nil || FileManager.default.fileExists(atPath: path) else { return nil }
      let oracle = try TruthOracle.load(path: path)
      let ids = h.invoiceIDs
      let issue = h.issueDate
      let graceDays = late.lateDays
      return { k, cutoff in
        oracle[ids[k]].map { t in
          let age = cutoff.days(since: issue[k])
          return BacktestCeiling(
            paymentDate: issue[k].adding(days: t.paymentAgeQuantile(0.5, givenOpenAt: age)),
            pd: t.delinquencyProbability(graceDays: graceDays, givenOpenAt: age),
            paidWithinWeeks: (0...CashForecast.weeks).map {
              t.probabilityPaid(withinDays: 7 * $0, givenOpenAt: age)
            })
        }
      }
    }

    /// The command line that reproduces the Markdown document: every option that reads the
    /// history as given (--fx, --map, ...), so the command runs on the same inputs.
    var reproduction: String {
      let i = input
      var options: [(String, String?)] = [
        ("--history", i.history), ("--customers", i.customers), ("--as-of", i.asOf),
      ]
      options += i.columnMap.map { ("--map", $0) }
      options += i.customersColumnMap.map { ("--customers-map", $0) }
      options += [
        ("--date-format", i.dateFormat), ("--delimiter", i.delimiter), ("--decimal", i.decimal),
        ("--encoding", i.encoding), ("--fx", i.fx), ("--sheet", i.sheet),
        ("--profile", i.profile), ("--policy", settings.policy), ("--ladder", settings.ladder),
        ("--cutoff", cutoff ?? ""),
        ("--horizon", "\(horizon ?? CreditEngine.Backtest.defaultHorizonDays)"),
      ]
      if late.lateDays != DelinquencyRule.defaultLateDays {
        options.append(("--late-days", "\(late.lateDays)"))
      }
      let words = options.compactMap { name, value in value.map { "\(name) \(Self.word($0))" } }
      return (["creditrisk backtest"] + words).joined(separator: " ")
    }

    /// `text` as one shell word: as it is when it holds only safe characters, else quoted.
    static func word(_ text: String) -> String {
      let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/=:,+@%-")
      guard text.isEmpty || !text.allSatisfy(safe.contains) else { return text }
      return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
  }
}
