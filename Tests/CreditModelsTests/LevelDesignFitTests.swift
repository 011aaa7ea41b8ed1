import LinearAlgebra
import TestSupport
import Testing

@testable import CreditModels

/// Training keeps the intercept and the one-hot columns as a level per row
/// (`LevelColumns`); the fits must give the fits of the same design with every column stored,
/// to well within their convergence tolerances (the sums are taken by blocks, in another
/// order).
@Suite("Fits on designs with level columns")
struct LevelDesignFitTests {
  /// Rossi's data (in risk-set order when `sorted`): an intercept, age and prio stored, and
  /// the five 0/1 columns as two-level factors; and the same design with every column stored.
  static func rossi(sorted: Bool) throws -> (
    levels: DesignMatrix, full: DesignMatrix, names: [String], durations: [Double],
    events: [Bool]
  ) {
    let csv = try NumericCSV.read(fixturesDirectory() + "/data/rossi.csv")
    func column(_ name: String) -> [Double] {
      NumericCSV.column(name, header: csv.header, columns: csv.columns)
    }
    let week = column("week")
    let arrest = column("arrest")
    var order = Array(week.indices)
    if sorted {
      order.sort { (-week[$0], 1 - arrest[$0], $0) < (-week[$1], 1 - arrest[$1], $1) }
    }
    let stored = ["age", "prio"]
    let binary = ["fin", "race", "wexp", "mar", "paro"]
    let values = stored.map(column)
    let flags = binary.map(column)
    let n = order.count
    let dense = order.flatMap { i in values.map { $0[i] } }
    let factors = flags.enumerated().map { k, flag in
      LevelColumns.Factor(
        codes: order.map { Int32(flag[$0]) }, columns: [-1, Int32(1 + stored.count + k)])
    }
    let levels = LevelColumns(
      intercept: true, dense: stored.count, factors: factors, width: 1 + stored.count + binary.count
    )
    let full = DesignMatrix(
      columns: [[Double](repeating: 1, count: n)]
        + (values + flags).map { c in order.map { c[$0] } })
    return (
      DesignMatrix(observations: n, storage: dense, levels: levels, knownFinite: false), full,
      ["Intercept"] + stored + binary, order.map { week[$0] }, order.map { arrest[$0] != 0 }
    )
  }

  static func expectClose(_ a: [Double], _ b: [Double], rtol: Double) {
    #expect(a.count == b.count)
    for (u, v) in zip(a, b) { #expect(isClose(u, v, rtol: rtol, atol: rtol)) }
  }

  // The sums a Newton step needs, at the same coefficients: logistic and Weibull (one fused
  // pass), Cox (pass 1 and pass 2, with and without weights, Efron and Breslow).
  @Test(arguments: [false, true])
  func sameSumsAsTheFullDesign(sorted: Bool) throws {
    let d = try Self.rossi(sorted: sorted)
    let n = d.durations.count
    let p = d.full.features
    let y = d.events.map { $0 ? 1.0 : 0.0 }
    let weights = (0..<n).map { $0 % 9 == 0 ? 0.0 : 0.5 + Double($0 % 4) }
    let beta = (0..<p).map { 0.03 * Double($0) - 0.05 }
    for w in [nil, weights] {
      let a = LogisticRegression.shardSums(d.levels, y, weights: w, coefficients: beta)
      let b = LogisticRegression.shardSums(d.full, y, weights: w, coefficients: beta)
      #expect(isClose(a.logLikelihood, b.logLikelihood, rtol: 1e-13))
      Self.expectClose(a.gradient, b.gradient, rtol: 1e-12)
      Self.expectClose(a.information, b.information, rtol: 1e-12)
    }
    let days = d.durations
    let c = WeibullAFT.shardSums(
      d.levels, durations: days, events: d.events, coefficients: beta, logRho: 0.2)
    let e = WeibullAFT.shardSums(
      d.full, durations: days, events: d.events, coefficients: beta, logRho: 0.2)
    #expect(isClose(c.logLikelihood, e.logLikelihood, rtol: 1e-13))
    Self.expectClose(c.gradient, e.gradient, rtol: 1e-12)
    Self.expectClose(c.information, e.information, rtol: 1e-12)
    let names = Array(d.names.dropFirst())
    for (w, ties) in [(nil, CoxProportionalHazards.TieMethod.efron), (weights, .breslow)] {
      let sets = try [d.levels, d.full].map { x in
        try CoxProportionalHazards.prepare(
          x, columns: Array(1..<p), durations: days, events: d.events, weights: w, ties: ties,
          featureNames: names, verifyRank: true
        ).data
      }
      #expect(sets[0].mean == sets[1].mean)
      let coefficients = Array(beta.dropFirst())
      let states = sets.map { $0.evaluate(coefficients) }
      #expect(isClose(states[0].logLikelihood, states[1].logLikelihood, rtol: 1e-13))
      let (g0, i0) = sets[0].derivatives(states[0])
      let (g1, i1) = sets[1].derivatives(states[1])
      Self.expectClose(g0, g1, rtol: 1e-11)
      Self.expectClose(i0.elements, i1.elements, rtol: 1e-11)
    }
  }

  @Test(arguments: [false, true])
  func sameFitsAsTheFullDesign(sorted: Bool) throws {
    let d = try Self.rossi(sorted: sorted)
    let y = d.events.map { $0 ? 1.0 : 0.0 }
    let weights = y.indices.map { $0 % 9 == 0 ? 0.0 : 1.0 }
    let designs = [d.levels, d.full]
    let logistic = try designs.map {
      try LogisticRegression(l2: 1).fit(
        $0, y, weights: weights, featureNames: d.names, interceptIndex: 0)
    }
    Self.expectClose(logistic[0].coefficients, logistic[1].coefficients, rtol: 1e-9)
    Self.expectClose(logistic[0].standardErrors, logistic[1].standardErrors, rtol: 1e-9)
    Self.expectClose(
      logistic[0].predictProbability(d.levels), logistic[1].predictProbability(d.full),
      rtol: 1e-9)
    let weibull = try designs.map {
      try WeibullAFT().fit(
        $0, durations: d.durations, events: d.events, featureNames: d.names, interceptIndex: 0)
    }
    Self.expectClose(
      weibull[0].coefficients + [weibull[0].logRho], weibull[1].coefficients + [weibull[1].logRho],
      rtol: 1e-9)
    Self.expectClose(weibull[0].standardErrors, weibull[1].standardErrors, rtol: 1e-9)
    let cox = try designs.map {
      try CoxProportionalHazards().fit(
        $0, durations: d.durations, events: d.events, featureNames: Array(d.names.dropFirst()),
        skippingColumn: 0)
    }
    Self.expectClose(cox[0].coefficients, cox[1].coefficients, rtol: 1e-9)
    Self.expectClose(cox[0].standardErrors, cox[1].standardErrors, rtol: 1e-9)
    #expect(cox[0].concordance == cox[1].concordance)
    Self.expectClose(
      cox[0].baseline.cumulativeHazard, cox[1].baseline.cumulativeHazard, rtol: 1e-9)
    // The cure model reads every column stored: the same fit, bit for bit.
    let cure = try designs.map {
      try MixtureCure().fit(
        $0, durations: d.durations, events: d.events, featureNames: d.names, interceptIndex: 0)
    }
    #expect(cure[0].incidenceCoefficients == cure[1].incidenceCoefficients)
  }
}
