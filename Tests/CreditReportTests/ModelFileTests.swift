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
  /// Names out of line with the features (two numeric features swapped with their means and
  /// scales, or a fit's name edited) are refused: the coefficients are applied by position.
  @Test func namesOutOfLineWithTheFeaturesAreRefused() throws {
    let swapped = try edited { json in
      var features = json["features"] as? [String: Any] ?? [:]
      var numeric = features["numeric"] as? [String] ?? []
      numeric.swapAt(0, 1)
      features["numeric"] = numeric
      json["features"] = features
    }
    let renamed = try edited { json in
      var cox = json["timeToPaymentCox"] as? [String: Any] ?? [:]
      var names = cox["featureNames"] as? [String] ?? []
      names[2] = "bogus"
      cox["featureNames"] = names
      json["timeToPaymentCox"] = cox
    }
    for (bytes, why) in [
      (
        swapped,
        "delinquency.featureNames[1] is 'log_amount' where the features (features.numeric and "
          + "the category levels) put 'terms_30'; expected the names in the features' order"
      ),
      (
        renamed,
        "timeToPaymentCox.featureNames[2] is 'bogus' where the features (features.numeric and "
          + "the category levels) put 'disputed'; expected the names in the features' order"
      ),
    ] {
      #expect(throws: ModelFileError(path: "m.json", problem: .inconsistent(why))) {
        try ModelFile.decode(bytes, path: "m.json")
      }
    }
  }
}
