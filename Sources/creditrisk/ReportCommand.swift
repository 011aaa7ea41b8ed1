import ArgumentParser
import CreditData
import CreditEngine
import CreditReport

extension CreditRisk {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a self-contained HTML report: KPIs, ageing, risk, worklist, cash, models.",
      discussion: """
        One HTML file with inline SVG charts (no scripts, no network): DSO, best possible \
        DSO, CEI and average days delinquent; ageing; risk grades; credit holds and the largest \
        limit changes; the top of the worklist; \
        the 13-week cash forecast; coefficient tables; ROC, calibration and Kaplan-Meier \
        curves. Without --model the models are trained in memory first.
        """)

    @OptionGroup var input: HistoryOptions

    @Option(help: "Model JSON written by 'creditrisk train' (default: train in memory).")
    var model: String?

    @Option(help: "The HTML file to write.")
    var out: String

    @OptionGroup var settings: PolicyOptions

    @OptionGroup var age: ModelAgeOption

    @OptionGroup var collections: CollectionsOptions

    @Option(
      help: ArgumentHelp(
        "Folder of an earlier score run: the report shows what changed since then.",
        valueName: "dir"))
    var previous: String?

    @Option(
      help:
        "Also backtest at this cutoff (YYYY-MM-DD) and show its ROC and calibration instead of the in-sample ones."
    )
    var backtestCutoff: String?

    @Option(parsing: .unconditional, help: "Horizon of that backtest, in days.")
    var horizon: Int = 90

    func validate() throws {
      try OptionRange.checkDate("--backtest-cutoff", backtestCutoff)
      try OptionRange.check("--horizon", horizon, in: 7...OptionRange.days, unit: " days")
    }

    func run() throws {
      try DistinctPaths.check(
        outputs: [("--out", out)],
        inputs: input.inputs + [("--model", model)] + settings.inputs + collections.inputs)
      try OutputPlaces.check(files: [out])
      var (portfolio, hash) = try input.loadPortfolio()
      try collections.attach(to: &portfolio, options: input.loadOptions)
      reportLoad(portfolio)
      let given = try model.map { try ModelFile.read(path: $0) }
      let earlier = try previous.map { try PreviousRunFiles.read(folder: $0) }
      if let earlier, let folder = previous {
        try PreviousRunFiles.check(earlier, folder: folder, against: portfolio)
      }
      var training = TrainingOptions()
      training.inputHash = hash
      training.version = CreditRisk.version
      var analysis = try PortfolioAnalysis.run(
        portfolio, model: given, training: training,
        policy: try settings.loadPolicy(), ladder: try settings.loadLadder(),
        backtestCutoff: backtestCutoff.flatMap { Day(iso: $0) }, horizonDays: horizon,
        maxModelAgeDays: age.maxModelAge)
      printWarnings(analysis.warnings)
      analysis.changes = earlier.map { RunChanges(previous: $0, current: analysis.score) }
      try Self.write(analysis, of: portfolio, inputHash: hash, to: out)
      print("wrote \(out)")
    }

    /// Renders the analysis as HTML and writes it atomically.
    /// - Parameter inputHash: the history's content hash, shown beside its name.
    static func write(
      _ analysis: PortfolioAnalysis, of portfolio: Portfolio, inputHash: String, to path: String
    ) throws {
      for n in try AtomicFile.write(
        html(analysis, of: portfolio, inputHash: inputHash), to: path)
      {
        note("warning: \(n)")
      }
    }

    /// The analysis as the report's HTML page, naming the history file it was read from and
    /// its content hash (`inputHash`).
    static func html(_ analysis: PortfolioAnalysis, of portfolio: Portfolio, inputHash: String)
      -> String
    {
      let source =
        portfolio.history.report.fileName.split(separator: "/").last.map(String.init) ?? ""
      return HTMLReport.render(
        analysis, source: source, inputHash: inputHash, version: CreditRisk.version)
    }
  }
}
