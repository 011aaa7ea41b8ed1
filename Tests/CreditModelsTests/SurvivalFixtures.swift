import CreditModels
import Foundation
import LinearAlgebra
import TestSupport

/// Survival fixtures: a dataset from Tests/Fixtures/data and a golden JSON from
/// Tests/Fixtures/golden (written by scripts/golden/generate.py).
struct SurvivalFixture {
  let golden: [String: Any]
  let covariates: [String]
  let x: DesignMatrix
  let durations: [Double]
  let events: [Bool]

  init(golden name: String) throws {
    let url = URL(fileURLWithPath: fixturesDirectory() + "/golden/" + name)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    guard let golden = object as? [String: Any] else { throw FixtureError.malformed(name) }
    self.golden = golden
    covariates = golden["covariates"] as? [String] ?? []
    let dataset = golden["dataset"] as? String ?? ""
    let (header, columns) = try NumericCSV.read(fixturesDirectory() + "/data/" + dataset)
    x = DesignMatrix(
      columns: covariates.map { NumericCSV.column($0, header: header, columns: columns) })
    durations = NumericCSV.column(
      golden["duration"] as? String ?? "", header: header, columns: columns)
    events = NumericCSV.column(golden["event"] as? String ?? "", header: header, columns: columns)
      .map { $0 != 0 }
  }

  func number(_ key: String) -> Double { Self.double(golden[key]) }

  /// A `{name: value}` object as values in covariate order.
  func byName(_ key: String) -> [Double] {
    let dict = golden[key] as? [String: Any] ?? [:]
    return covariates.map { Self.double(dict[$0]) }
  }

  var predictions: [String: Any] { golden["predictions"] as? [String: Any] ?? [:] }

  func prediction(_ key: String) -> [Double] {
    (predictions[key] as? [Any] ?? []).map(Self.double)
  }

  func predictionMatrix(_ key: String) -> [[Double]] {
    (predictions[key] as? [[Any]] ?? []).map { $0.map(Self.double) }
  }

  /// The prediction rows as a design.
  var predictionRows: DesignMatrix {
    let rows = (predictions["rows"] as? [Any] ?? []).map { Int(Self.double($0)) }
    return x.selecting(rows: rows)
  }

  /// JSON numbers; null (lifelines' inf) reads as +infinity.
  static func double(_ v: Any?) -> Double {
    if let n = v as? NSNumber { return n.doubleValue }
    return .infinity
  }
}

enum FixtureError: Error { case malformed(String) }

/// Largest relative error between two equally long vectors (infinities must match).
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "length mismatch \(a.count) vs \(b.count)")
  var worst = 0.0
  for (u, v) in zip(a, b) {
    if u == v { continue }
    if !u.isFinite || !v.isFinite { return .infinity }
    worst = max(worst, relativeError(u, v))
  }
  return worst
}
