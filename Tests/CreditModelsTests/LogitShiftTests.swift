import CreditModels
import Foundation
import TestSupport
import Testing

// Golden values: Tests/Fixtures/golden/logit_shift_statsmodels.json, written by
// scripts/golden/logit_shift.py (statsmodels' GLM with the linear predictor as offset).

struct LogitShiftTests {
  static func golden(_ name: String) throws -> (eta: [Double], y: [Double], case: [String: Any]) {
    let url = URL(fileURLWithPath: "\(fixturesDirectory())/golden/logit_shift_statsmodels.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let c = try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
    return (
      try #require(c["eta"] as? [Double]), try #require(c["y"] as? [Double]), c
    )
  }

  @Test(arguments: ["drawn", "tail"])
  func matchesStatsmodels(_ name: String) throws {
    let g = try Self.golden(name)
    let fit = try LogitShift().fit(linearPredictors: g.eta, outcomes: g.y)
    #expect(isClose(fit.shift, try #require(g.case["shift"] as? Double), rtol: 1e-8))
    #expect(
      isClose(fit.standardError, try #require(g.case["standard_error"] as? Double), rtol: 1e-6))
    #expect(
      isClose(fit.logLikelihood, try #require(g.case["log_likelihood"] as? Double), rtol: 1e-10))
    #expect(fit.rows == g.y.count)
    #expect(fit.events == Int(g.y.reduce(0, +)))
    // At the estimate the calibrated mean equals the observed rate.
    let mean = g.eta.reduce(0) { $0 + fit.probability(linearPredictor: $1) } / Double(g.y.count)
    #expect(isClose(mean, g.y.reduce(0, +) / Double(g.y.count), rtol: 1e-9))
  }

  @Test func keepsTheRanking() throws {
    let g = try Self.golden("drawn")
    let fit = try LogitShift().fit(linearPredictors: g.eta, outcomes: g.y)
    let q = g.eta.map { fit.probability(linearPredictor: $0) }
    for i in 1..<g.eta.count {
      #expect((g.eta[i] < g.eta[0]) == (q[i] < q[0]))
    }
    #expect(q.allSatisfy { $0 > 0 && $0 < 1 })
  }

  @Test func refusesOneOutcomeOnly() {
    #expect(throws: FitError.self) {
      try LogitShift().fit(linearPredictors: [0.1, -0.3, 2], outcomes: [0, 0, 0])
    }
    #expect(throws: FitError.self) {
      try LogitShift().fit(linearPredictors: [0.1, .nan], outcomes: [0, 1])
    }
  }
}
