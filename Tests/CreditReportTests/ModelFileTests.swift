import CreditData
import CreditEngine
import CreditReport
import Foundation
import TestSupport
import Testing

/// The model file: the fitted models round-trip whole, and a file of another format or with
/// parts that do not fit is refused with an error naming the file.
@Suite struct ModelFileTests {
  /// The bundled sample and the model trained on it.
  static let trained: (Portfolio, TrainedModel)? = {
    guard let history = try? HistoryLoader.load(path: repositoryRoot() + "/datasets/history.csv"),
      case let portfolio = Portfolio(history: history),
      let model = try? Trainer().train(portfolio)
    else { return nil }
    return (portfolio, model)
  }()

  @Test func roundTripKeepsEveryFitAndEveryScore() throws {
    let (portfolio, model) = try #require(Self.trained)
    let bytes = try ModelFile.encode(model)
    let read = try ModelFile.decode(bytes, path: "model.json")
    #expect(try ModelFile.encode(read) == bytes)
    #expect(read.asOf == model.asOf)
    #expect(read.delinquency.covariance == model.delinquency.covariance)
    #expect(read.timeToPaymentCox.baseline == model.timeToPaymentCox.baseline)
    #expect(read.timeToPaymentWeibull.logRho == model.timeToPaymentWeibull.logRho)
    #expect(read.warnings == model.warnings)
    let a = Scorer(model: model).score(portfolio)
    let b = Scorer(model: read).score(portfolio)
    #expect(a.invoices == b.invoices)
    #expect(a.customers == b.customers)
    #expect(a.cashForecast == b.cashForecast)
  }

  /// `model` with its JSON edited by `edit`.
  func edited(_ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
    let (_, model) = try #require(Self.trained)
    var json = try #require(
      try JSONSerialization.jsonObject(with: Data(ModelFile.encode(model))) as? [String: Any])
    edit(&json)
    return Array(try JSONSerialization.data(withJSONObject: json))
  }

  @Test func olderFormatIsRefusedNamingTheFile() throws {
    let bytes = try edited { $0["format"] = "creditrisk-model/1" }
    #expect(
      throws: ModelFileError(
        path: "old/model.json",
        problem: .wrongFormat(found: "creditrisk-model/1", expected: TrainedModel.currentFormat))
    ) {
      try ModelFile.decode(bytes, path: "old/model.json")
    }
    let message = ModelFileError(
      path: "old/model.json",
      problem: .wrongFormat(found: "creditrisk-model/1", expected: "creditrisk-model/2")
    ).description
    #expect(message.hasPrefix("old/model.json: model file format 'creditrisk-model/1'"))
  }

  @Test func partsThatDoNotFitAreRefused() throws {
    let (_, model) = try #require(Self.trained)
    let n = model.timeToPaymentCox.coefficients.count
    let bytes = try edited { json in
      var cox = json["timeToPaymentCox"] as? [String: Any] ?? [:]
      cox["coefficients"] = (cox["coefficients"] as? [Double] ?? []).dropLast() as [Double]
      json["timeToPaymentCox"] = cox
    }
    do {
      _ = try ModelFile.decode(bytes, path: "m.json")
      Issue.record("a short coefficient list was accepted")
    } catch let error as ModelFileError {
      guard case .inconsistent(let why) = error.problem else {
        Issue.record("unexpected problem \(error)")
        return
      }
      #expect(why == "timeToPaymentCox has \(n - 1) coefficients; the features need \(n)")
    }
  }
}
