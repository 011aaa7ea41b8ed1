import CreditData
import CreditEngine
import TestSupport

/// Shared inputs for the engine tests.
enum EngineFixtures {
  static var ibmPath: String {
    repositoryRoot() + "/datasets/ibm-accounts-receivable.csv"
  }
  static var samplePath: String { repositoryRoot() + "/datasets/history.csv" }

  static func ibm() throws -> InvoiceHistory { try HistoryLoader.load(path: ibmPath) }
  static func sample() throws -> InvoiceHistory { try HistoryLoader.load(path: samplePath) }

  /// The IBM file cut at 2013-06-30, with 10 days as "late" so both outcomes are common.
  static func trainedIBM() throws -> (Portfolio, TrainedModel) {
    let portfolio = Portfolio(history: try ibm(), asOf: Day(iso: "2013-06-30"))
    var options = TrainingOptions()
    options.rule = DelinquencyRule(lateDays: 10)
    let model = try Trainer(options: options).train(portfolio)
    return (portfolio, model)
  }
}
