import LinearAlgebra
import TestSupport
import Testing

@testable import CreditModels

/// Training keeps the stored features of few values as 16-bit codes (`CodedColumns`), written
/// out tile by tile inside the passes: the sums and the fits are those of the same design
/// with the values stored, bit for bit.
@Suite("Fits on designs with coded columns")
struct CodedDesignFitTests {
  /// `LevelDesignChunkTests.design()` (60,000 rows in risk-set order, three chunks) with its
  /// second stored column a whole number from 0 to 11 and its third a flag, stored and coded.
  static func designs() throws -> (
    plain: DesignMatrix, coded: DesignMatrix, durations: [Double], events: [Bool]
  ) {
    let d = LevelDesignChunkTests.design()
    let n = d.durations.count
    var stored = d.levels.storage
    for i in 0..<n {
      stored[i * 3 + 1] = Double((i * 7) % 12) * 0.2 - 1
      stored[i * 3 + 2] = (i * 5) % 9 < 4 ? 1 : 0
    }
    let levels = try #require(d.levels.levels)
    let plain = DesignMatrix(observations: n, storage: stored, levels: levels, knownFinite: true)
    let coded = CodedColumns.coding(&stored, rows: n, dense: 3, candidates: [1, 2])
    return (
      plain,
      DesignMatrix(
        observations: n, storage: stored, levels: levels, coded: coded, knownFinite: true),
      d.durations, d.events
    )
  }

  @Test func sameSumsAndFitsAsTheStoredDesign() throws {
    let d = try Self.designs()
    #expect(d.coded.coded?.positions == [1, 2] && d.coded.storage.count == d.durations.count)
    let n = d.durations.count
    let p = d.plain.features
    let names = ["Intercept"] + (1..<p).map { "x\($0)" }
    let beta = (0..<p).map { 0.05 * Double($0 % 4) - 0.07 }
    let weights = (0..<n).map { $0 % 11 == 0 ? 0.0 : 1.0 + Double($0 % 3) }
    let y = d.events.map { $0 ? 1.0 : 0.0 }
    let designs = [d.plain, d.coded]
    let sums = designs.map {
      LogisticRegression.shardSums($0, y, weights: weights, coefficients: beta)
    }
    #expect(sums[0].logLikelihood == sums[1].logLikelihood)
    #expect(sums[0].gradient == sums[1].gradient && sums[0].information == sums[1].information)
    for (w, ties) in [(nil, CoxProportionalHazards.TieMethod.efron), (weights, .breslow)] {
      let sets = try designs.map { x in
        try CoxProportionalHazards.prepare(
          x, columns: Array(1..<p), durations: d.durations, events: d.events, weights: w,
          ties: ties, featureNames: Array(names.dropFirst()), verifyRank: true
        ).data
      }
      let states = sets.map { $0.evaluate(Array(beta.dropFirst())) }
      #expect(states[0].logLikelihood == states[1].logLikelihood)
      let (g0, i0) = sets[0].derivatives(states[0])
      let (g1, i1) = sets[1].derivatives(states[1])
      #expect(g0 == g1 && i0.elements == i1.elements)
    }
    let logistic = try designs.map {
      try LogisticRegression(l2: 1).fit(
        $0, y, weights: weights, featureNames: names, interceptIndex: 0)
    }
    #expect(logistic[0].coefficients == logistic[1].coefficients)
    #expect(logistic[0].predictProbability(d.plain) == logistic[1].predictProbability(d.coded))
    let weibull = try designs.map {
      try WeibullAFT().fit(
        $0, durations: d.durations, events: d.events, featureNames: names, interceptIndex: 0)
    }
    #expect(weibull[0].coefficients == weibull[1].coefficients)
    #expect(weibull[0].logRho == weibull[1].logRho)
    let cox = try designs.map {
      try CoxProportionalHazards().fit(
        $0, durations: d.durations, events: d.events, featureNames: Array(names.dropFirst()),
        skippingColumn: 0)
    }
    #expect(cox[0].coefficients == cox[1].coefficients)
    #expect(cox[0].concordance == cox[1].concordance)
    #expect(cox[0].baseline.cumulativeHazard == cox[1].baseline.cumulativeHazard)
  }
}
