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
        DSO, CEI and average days delinquent; ageing; risk grades; the top of the worklist; \
        the 13-week cash forecast; coefficient tables; ROC, calibration and Kaplan-Meier \
        curves. Without --model the models are trained in memory first.
        """)

    @OptionGroup var input: HistoryOptions

    @Option(help: "Model JSON written by 'creditrisk train' (default: train in memory).")
    var model: String?

    @Option(help: "The HTML file to write.")
    var out: String

    @Option(help: "Credit policy JSON overriding the defaults (grades, limits, holds).")
    var policy: String?

    @Option(
      help:
        "Also backtest at this cutoff (YYYY-MM-DD) and show its ROC and calibration instead of the in-sample ones."
    )
    var backtestCutoff: String?

    @Option(help: "Horizon of that backtest, in days.")
    var horizon: Int = 90

    func validate() throws {
      try OptionRange.checkDate("--backtest-cutoff", backtestCutoff)
      try OptionRange.check("--horizon", horizon, in: 7...OptionRange.days, unit: " days")
    }

    func run() throws {
      let (portfolio, hash) = try input.loadPortfolio()
      reportLoad(portfolio)
      let trained: TrainedModel
      if let model {
        trained = try ModelFile.read(path: model)
      } else {
        var options = TrainingOptions()
        options.inputHash = hash
        options.version = CreditRisk.version
        trained = try Trainer(options: options).train(portfolio)
        for w in trained.warnings { note("warning: \(w)") }
      }
      var diagnostics: ModelDiagnostics?
      if let c = backtestCutoff, let cutoff = Day(iso: c) {
        var options = TrainingOptions()
        options.rule = trained.rule
        let backtest = try CreditEngine.Backtest(
          cutoff: cutoff, horizonDays: horizon, training: options
        )
        .run(portfolio)
        diagnostics = backtest.diagnostics
      }
      let policy =
        try self.policy.map { try readJSON(CreditPolicy.self, path: $0) } ?? CreditPolicy()
      try Self.write(
        portfolio: portfolio, model: trained, policy: policy, diagnostics: diagnostics, to: out)
      print("wrote \(out)")
    }

    /// Analyses the portfolio and writes the HTML report atomically.
    static func write(
      portfolio: Portfolio, model: TrainedModel, policy: CreditPolicy = CreditPolicy(),
      diagnostics: ModelDiagnostics? = nil, to path: String
    ) throws {
      let analysis = try PortfolioAnalysis(
        portfolio: portfolio, model: model, policy: policy, diagnostics: diagnostics)
      let source =
        portfolio.history.report.fileName.split(separator: "/").last.map(String.init) ?? ""
      let html = HTMLReport.render(
        analysis, source: source, version: CreditRisk.version)
      for n in try AtomicFile.write(html, to: path) { note("warning: \(n)") }
    }
  }
}
