import ArgumentParser
import CreditEngine
import CreditReport

extension CreditRisk {
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train, score and report on the bundled sample in datasets/.")

    @Option(help: "Folder with history.csv and customers.csv.")
    var data: String = "datasets"

    @Option(help: "Output folder.")
    var out: String = "out/demo"

    func run() throws {
      let folder = try makeDirectory(out)
      var input = try HistoryOptions.parse([
        "--history", data + "/history.csv", "--customers", data + "/customers.csv",
      ])
      input.columnMap = []
      let (portfolio, hash) = try input.loadPortfolio()
      reportLoad(portfolio)
      var train = try Train.parse(["--history", input.history, "--model", folder + "/model.json"])
      train.input = input
      let trained = try train.train(portfolio, hash: hash)
      try ModelFile.write(trained, to: folder + "/model.json")
      print(TrainingSummary.render(trained))
      let score = try Score.parse([
        "--history", input.history, "--model", folder + "/model.json", "--out", folder,
      ])
      let scored = try score.score(portfolio, model: trained)
      try ScoreFiles.write(scored, to: folder)
      print(ScoreSummary.render(scored, folder: folder))
      try Report.write(portfolio: portfolio, model: trained, to: folder + "/report.html")
      print("wrote report.html to \(folder)")
    }
  }
}
