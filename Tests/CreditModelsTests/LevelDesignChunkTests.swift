import LinearAlgebra
import TestSupport
import Testing

@testable import CreditModels

/// The block sums of designs with level columns over several row chunks (each chunk centres
/// its own Cox sums over the levels, on event times cut by the chunks' boundaries), against
/// the same design with every column stored.
@Suite("Designs with level columns over row chunks")
struct LevelDesignChunkTests {
  /// 60,000 rows in risk-set order (three chunks): an intercept, three stored normal values,
  /// a four-level factor (baseline code 2) and a three-level one (baseline code 0); whole-day
  /// durations from 1 to 40 (many ties), 70% events.
  static func design() -> (
    levels: DesignMatrix, full: DesignMatrix, durations: [Double], events: [Bool]
  ) {
    let n = 60_000
    let d = 3
    var rng = SeededGenerator(seed: 17)
    var rows: [(t: Double, event: Bool, x: [Double], a: Int32, b: Int32)] = (0..<n).map { _ in
      let x = (0..<d).map { _ in rng.normal() }
      let a = Int32(rng.next() % 4)
      let b = Int32(rng.next() % 3)
      let t = Double(1 + rng.next() % 40)
      return (t, rng.next() % 10 < 7, x, a, b)
    }
    rows.sort { ($1.t, $0.event ? 0 : 1) < ($0.t, $1.event ? 0 : 1) }
    let aColumns: [Int32] = [4, 5, -1, 6]
    let bColumns: [Int32] = [-1, 7, 8]
    let width = 9
    let levels = LevelColumns(
      intercept: true, dense: d,
      factors: [
        .init(codes: rows.map(\.a), columns: aColumns),
        .init(codes: rows.map(\.b), columns: bColumns),
      ],
      width: width)
    var full = [Double](repeating: 0, count: n * width)
    for (i, row) in rows.enumerated() {
      full[i * width] = 1
      for j in 0..<d { full[i * width + 1 + j] = row.x[j] }
      if aColumns[Int(row.a)] >= 0 { full[i * width + Int(aColumns[Int(row.a)])] = 1 }
      if bColumns[Int(row.b)] >= 0 { full[i * width + Int(bColumns[Int(row.b)])] = 1 }
    }
    return (
      DesignMatrix(
        observations: n, storage: rows.flatMap(\.x), levels: levels, knownFinite: true),
      DesignMatrix(observations: n, features: width, storage: full),
      rows.map(\.t), rows.map(\.event)
    )
  }

  @Test func sameSumsOverRowChunks() throws {
    let d = Self.design()
    let n = d.durations.count
    let p = d.full.features
    let beta = (0..<p).map { 0.05 * Double($0 % 4) - 0.07 }
    let weights = (0..<n).map { $0 % 11 == 0 ? 0.0 : 1.0 + Double($0 % 3) }
    let y = d.events.map { $0 ? 1.0 : 0.0 }
    let a = LogisticRegression.shardSums(d.levels, y, weights: weights, coefficients: beta)
    let b = LogisticRegression.shardSums(d.full, y, weights: weights, coefficients: beta)
    #expect(isClose(a.logLikelihood, b.logLikelihood, rtol: 1e-13))
    LevelDesignFitTests.expectClose(a.gradient, b.gradient, rtol: 1e-11)
    LevelDesignFitTests.expectClose(a.information, b.information, rtol: 1e-11)
    let names = (1..<p).map { "x\($0)" }
    for w in [nil, weights] {
      let sets = try [d.levels, d.full].map { x in
        try CoxProportionalHazards.prepare(
          x, columns: Array(1..<p), durations: d.durations, events: d.events, weights: w,
          ties: .efron, featureNames: names, verifyRank: true
        ).data
      }
      #expect(sets[0].x.levels != nil && sets[1].x.levels == nil)
      let states = sets.map { $0.evaluate(Array(beta.dropFirst())) }
      #expect(isClose(states[0].logLikelihood, states[1].logLikelihood, rtol: 1e-13))
      let (g0, i0) = sets[0].derivatives(states[0])
      let (g1, i1) = sets[1].derivatives(states[1])
      LevelDesignFitTests.expectClose(g0, g1, rtol: 1e-10)
      LevelDesignFitTests.expectClose(i0.elements, i1.elements, rtol: 1e-10)
    }
  }
}
