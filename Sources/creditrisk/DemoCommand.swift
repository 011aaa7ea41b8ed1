import ArgumentParser
import CreditEngine
import CreditReport
import Foundation

extension CreditRisk {
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train, score and report on the bundled sample in datasets/.")

    @Option(help: "Folder with history.csv, customers.csv and fx-rates.csv.")
    var data: String = "datasets"

    @Option(help: "Output folder.")
    var out: String = "out/demo"

    func run() throws {
      let missing = ["history.csv", "customers.csv", "fx-rates.csv"].filter {
        !FileManager.default.fileExists(atPath: data + "/" + $0)
      }
      if !missing.isEmpty {
        throw CommandError(
          "no sample data in \(data)/ (missing \(missing.joined(separator: ", "))): run "
            + "'creditrisk demo' from the creditrisk repository's root, or give --data DIR "
            + "(e.g. a folder written by 'creditrisk simulate --out DIR')")
      }
      var input = try HistoryOptions.parse([
        "--history", data + "/history.csv", "--customers", data + "/customers.csv",
        "--fx", data + "/fx-rates.csv",
      ])
      input.columnMap = []
      var (portfolio, hash) = try input.loadPortfolio()
      // The sample's promises and disputes, when the folder has them.
      var files: [String] = []
      for name in ["promises", "disputes"]
      where FileManager.default.fileExists(atPath: "\(data)/\(name).csv") {
        files += ["--\(name)", "\(data)/\(name).csv"]
      }
      try CollectionsOptions.parse(files).attach(to: &portfolio, options: input.loadOptions)
      reportLoad(portfolio)
      var training = TrainingOptions()
      training.inputHash = hash
      training.version = CreditRisk.version
      // Trained, scored and analysed once; the model file, the score files and the report are
      // written from the same analysis, as one set: all of them or, on a failure, none.
      let analysis = try PortfolioAnalysis.run(portfolio, model: nil, training: training)
      printWarnings(analysis.warnings)
      let modelAndReport = [
        ("model.json", try ModelFile.encode(analysis.model)),
        ("report.html", Array(Report.html(analysis, of: portfolio, inputHash: hash).utf8)),
      ]
      for n in try ScoreFiles.write(analysis.score, to: out, with: modelAndReport) {
        note("warning: \(n)")
      }
      print(TrainingSummary.render(analysis.model))
      reportScore(analysis.score)
      print(ScoreSummary.render(analysis.score, folder: out))
      print("wrote report.html to \(out)")
    }
  }
}
