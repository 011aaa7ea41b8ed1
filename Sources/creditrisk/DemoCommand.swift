import ArgumentParser
import CreditEngine
import CreditReport

extension CreditRisk {
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train, score and report on the bundled sample in datasets/.")

    @Option(help: "Folder with history.csv, customers.csv and fx-rates.csv.")
    var data: String = "datasets"

    @Option(help: "Output folder.")
    var out: String = "out/demo"

    func run() throws {
      let folder = try makeDirectory(out)
      var input = try HistoryOptions.parse([
        "--history", data + "/history.csv", "--customers", data + "/customers.csv",
        "--fx", data + "/fx-rates.csv",
      ])
      input.columnMap = []
      let (portfolio, hash) = try input.loadPortfolio()
      reportLoad(portfolio)
      var training = TrainingOptions()
      training.inputHash = hash
      training.version = CreditRisk.version
      // Trained, scored and analysed once; the model file, the six CSVs and the report are
      // written from the same analysis.
      let analysis = try PortfolioAnalysis.run(portfolio, model: nil, training: training)
      printWarnings(analysis.warnings)
      try ModelFile.write(analysis.model, to: folder + "/model.json")
      print(TrainingSummary.render(analysis.model))
      reportScore(analysis.score)
      try ScoreFiles.write(analysis.score, to: folder)
      print(ScoreSummary.render(analysis.score, folder: folder))
      try Report.write(analysis, of: portfolio, to: folder + "/report.html")
      print("wrote report.html to \(folder)")
    }
  }
}
