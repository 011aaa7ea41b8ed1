import CreditEngine
import CreditReport
import Foundation
import Testing

/// The training population in the model file: a file written before it was kept still
/// scores (drift not checked, and said so); a damaged one is refused naming the file.
@Suite struct ModelFilePopulationTests {
  func edited(_ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
    try ModelFileTests().edited(edit)
  }

  @Test func aModelWithoutItScoresWithoutDrift() throws {
    let (portfolio, _) = try #require(ModelFileTests.trained)
    let old = try ModelFile.decode(
      try edited { $0["trainingPopulation"] = nil }, path: "old/model.json")
    #expect(old.trainingPopulation == nil)
    let result = Scorer(model: old).score(portfolio)
    #expect(result.populationDrift == nil)
    #expect(ScoreSummary.driftLine(result).hasPrefix("population drift: not checked"))
  }

  @Test func sharesThatDoNotAddUpAreRefused() throws {
    let bytes = try edited { json in
      var population = json["trainingPopulation"] as? [String: Any] ?? [:]
      var numeric = population["numeric"] as? [[String: Any]] ?? []
      numeric[0]["proportions"] = [0.5, 0.9]
      population["numeric"] = numeric
      json["trainingPopulation"] = population
    }
    #expect {
      try ModelFile.decode(bytes, path: "m.json")
    } throws: { error in
      "\(error)".hasPrefix(
        "m.json: inconsistent model: trainingPopulation 'log_amount' has 2 shares")
    }
  }

  /// A median no feature can have (it would not turn into words) is refused.
  @Test func valuesBeyondAnyFeatureAreRefused() throws {
    let bytes = try edited { json in
      var population = json["trainingPopulation"] as? [String: Any] ?? [:]
      var numeric = population["numeric"] as? [[String: Any]] ?? []
      numeric[0]["median"] = 1e300
      population["numeric"] = numeric
      json["trainingPopulation"] = population
    }
    #expect {
      try ModelFile.decode(bytes, path: "m.json")
    } throws: { error in
      "\(error)".contains("trainingPopulation values of 'log_amount' lie beyond 40.0")
    }
  }

  @Test func cutPointsOutOfOrderAreRefused() throws {
    let bytes = try edited { json in
      var population = json["trainingPopulation"] as? [String: Any] ?? [:]
      var numeric = population["numeric"] as? [[String: Any]] ?? []
      numeric[0]["cutPoints"] = Array((numeric[0]["cutPoints"] as? [Double] ?? []).reversed())
      population["numeric"] = numeric
      json["trainingPopulation"] = population
    }
    #expect {
      try ModelFile.decode(bytes, path: "m.json")
    } throws: { error in
      "\(error)".contains("cut points of 'log_amount' are not increasing numbers")
    }
  }
}
