import Foundation
import TestSupport
import Testing

@testable import CreditModels

// Golden values: Tests/Fixtures/golden/logit_group_shift_statsmodels.json, written by
// scripts/golden/logit_group_shift.py (statsmodels' GLM with the linear predictor as offset,
// the rows' weights as var_weights, and its sandwich clustered by group, uncorrected, times
// G/(G-1)).

/// The shifts weighted and clustered by group against statsmodels: estimates to 1e-10
/// relative, clustered standard errors to 1e-8, and the shrunk values `c · c² / (c² + s²)`
/// to 2e-8 (the standard error's tolerance carried through the shrinkage, whose relative
/// change is at most twice that of `s`).
struct LogitGroupShiftGoldenTests {
  struct Rows {
    var eta: [Double]
    var z: [Double]
    var y: [Double]
    var groups: [Int]
    var weights: [Double]
  }

  /// The fixture's data sets: customers of uneven sizes (ρ ≈ 0.05), and one customer with most
  /// of the rows among small ones (ρ ≈ 0.35).
  static let datasets = ["uneven", "one_big_customer"]

  static func golden(_ name: String) throws -> (rows: Rows, json: [String: Any]) {
    let url = URL(
      fileURLWithPath: "\(fixturesDirectory())/golden/logit_group_shift_statsmodels.json")
    let file = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let json = try #require((file["datasets"] as? [String: Any])?[name] as? [String: Any])
    let r = try #require(json["rows"] as? [String: Any])
    let rows = Rows(
      eta: try #require(r["eta"] as? [Double]), z: try #require(r["z"] as? [Double]),
      y: try #require(r["y"] as? [Double]), groups: try #require(r["groups"] as? [Int]),
      weights: try #require(r["weights"] as? [Double]))
    return (rows, json)
  }

  static func value(_ json: [String: Any], _ name: String, _ key: String) throws -> Double {
    let c = try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
    return try #require(c[key] as? Double)
  }

  /// Intercept only, with given weights: the weighted shift and its clustered standard error.
  @Test(arguments: datasets)
  func weightedShiftMatchesStatsmodels(_ dataset: String) throws {
    let (r, json) = try Self.golden(dataset)
    var fit = try LogitShift().fit(linearPredictors: r.eta, outcomes: r.y, weights: r.weights)
    #expect(isClose(fit.shift, try Self.value(json, "intercept", "shift"), rtol: 1e-10))
    let se = try #require(
      LogitShift.clusteredStandardError(
        linearPredictors: r.eta, outcomes: r.y, groups: r.groups, shift: fit.shift,
        weights: r.weights))
    #expect(isClose(se, try Self.value(json, "intercept", "standard_error"), rtol: 1e-8))
    fit.clusteredStandardError = se
    #expect(isClose(fit.usedShift, try Self.value(json, "intercept", "used_shift"), rtol: 2e-8))
  }

  /// The line `[1, z − z̄]` with the same weights and clusters.
  @Test(arguments: datasets)
  func weightedLineMatchesStatsmodels(_ dataset: String) throws {
    let (r, json) = try Self.golden(dataset)
    let centre = r.z.reduce(0, +) / Double(r.z.count)
    #expect(isClose(centre, try #require(json["centre"] as? Double), rtol: 1e-12))
    let d = r.z.map { $0 - centre }
    let (a, b, _) = try LogitLineShift().solve(r.eta, d, r.y, r.weights)
    #expect(isClose(a, try Self.value(json, "line", "shift"), rtol: 1e-10))
    #expect(isClose(b, try Self.value(json, "line", "slope"), rtol: 1e-10))
    let se = try LogitLineShift.clusteredErrors(r.eta, d, r.y, r.groups, a, b, r.weights)
    #expect(se.groups == (try #require(json["groups"] as? Int)))
    #expect(isClose(se.a, try Self.value(json, "line", "shift_standard_error"), rtol: 1e-8))
    #expect(isClose(se.b, try Self.value(json, "line", "slope_standard_error"), rtol: 1e-8))
    #expect(
      isClose(
        LogitLineShiftFit.shrunk(a, se.a), try Self.value(json, "line", "used_shift"), rtol: 2e-8))
    #expect(
      isClose(
        LogitLineShiftFit.shrunk(b, se.b), try Self.value(json, "line", "used_slope"), rtol: 2e-8))
  }

  /// `fitByGroups` whole: its rounds of weights and correlation, re-done around statsmodels.
  @Test(arguments: datasets)
  func fitByGroupsMatchesTheReference(_ dataset: String) throws {
    let (r, json) = try Self.golden(dataset)
    let fit = try LogitShift().fitByGroups(
      linearPredictors: r.eta, outcomes: r.y, groups: r.groups)
    #expect(isClose(fit.shift, try Self.value(json, "by_groups", "shift"), rtol: 1e-10))
    let rho = try #require(fit.groupCorrelation)
    #expect(isClose(rho, try Self.value(json, "by_groups", "group_correlation"), rtol: 1e-8))
    let se = try #require(fit.clusteredStandardError)
    #expect(isClose(se, try Self.value(json, "by_groups", "standard_error"), rtol: 1e-8))
    #expect(isClose(fit.usedShift, try Self.value(json, "by_groups", "used_shift"), rtol: 2e-8))
  }

  /// `LogitLineShift.fit` whole, with its rounds of weights and correlation.
  @Test(arguments: datasets)
  func lineShiftMatchesTheReference(_ dataset: String) throws {
    let (r, json) = try Self.golden(dataset)
    let fit = try LogitLineShift().fit(
      linearPredictors: r.eta, variable: r.z, outcomes: r.y, groups: r.groups)
    let name = "line_by_groups"
    #expect(isClose(fit.shift, try Self.value(json, name, "shift"), rtol: 1e-10))
    #expect(isClose(fit.slope, try Self.value(json, name, "slope"), rtol: 1e-10))
    #expect(
      isClose(fit.groupCorrelation, try Self.value(json, name, "group_correlation"), rtol: 1e-8))
    #expect(
      isClose(
        fit.shiftStandardError, try Self.value(json, name, "shift_standard_error"), rtol: 1e-8))
    #expect(
      isClose(
        fit.slopeStandardError, try Self.value(json, name, "slope_standard_error"), rtol: 1e-8))
    #expect(isClose(fit.usedShift, try Self.value(json, name, "used_shift"), rtol: 2e-8))
    #expect(isClose(fit.usedSlope, try Self.value(json, name, "used_slope"), rtol: 2e-8))
    #expect(fit.groups == (try #require(json["groups"] as? Int)))
  }
}
