import LinearAlgebra
import Testing

@testable import CreditModels

/// The Cox fit's states share one array of risks (`CoxRiskSets.State.takeRisk`).
@Suite struct CoxRiskReuseTests {
  /// A state evaluated over an earlier state's risks equals one evaluated in fresh storage, bit
  /// for bit (the null model's too), and taking the risks leaves the earlier state without them.
  @Test func aStateOverTakenRisksEqualsAFreshOne() throws {
    let d = try LevelDesignFitTests.rossi(sorted: true)
    let p = d.full.features
    let sets = try CoxProportionalHazards.prepare(
      d.full, columns: Array(1..<p), durations: d.durations, events: d.events, weights: nil,
      ties: .efron, featureNames: Array(d.names.dropFirst()), verifyRank: true
    ).data
    let beta = (1..<p).map { 0.04 * Double($0) - 0.1 }
    let zero = [Double](repeating: 0, count: p - 1)
    var first = sets.evaluate(zero)
    let taken = first.takeRisk()
    #expect(first.risk.isEmpty && taken.count == sets.active)
    var reused = sets.evaluate(beta, reusing: taken)
    let fresh = sets.evaluate(beta)
    #expect(reused.risk == fresh.risk && reused.logLikelihood == fresh.logLikelihood)
    #expect(reused.riskSetSum == fresh.riskSetSum && reused.shift == fresh.shift)
    let (g0, i0) = sets.derivatives(reused)
    let (g1, i1) = sets.derivatives(fresh)
    #expect(g0 == g1 && i0.elements == i1.elements)
    let null = sets.evaluate(zero, reusing: reused.takeRisk())
    let freshNull = sets.evaluate(zero)
    #expect(null.risk == freshNull.risk && null.logLikelihood == freshNull.logLikelihood)
    #expect(!fresh.risk.allSatisfy { $0 == fresh.risk[0] })
  }

  /// A start worse than the null model leaves the fit where the null model leads it: the same
  /// fit, bit for bit, as without a start.
  @Test func aWorseStartGivesTheFitWithoutOne() throws {
    let d = try LevelDesignFitTests.rossi(sorted: true)
    let p = d.full.features
    let names = Array(d.names.dropFirst())
    let model = CoxProportionalHazards()
    let plain = try model.fit(
      d.full, durations: d.durations, events: d.events, featureNames: names, skippingColumn: 0)
    let started = try model.fit(
      d.full, durations: d.durations, events: d.events, featureNames: names, skippingColumn: 0,
      start: [Double](repeating: 3, count: p - 1))
    #expect(started.coefficients == plain.coefficients)
    #expect(started.logLikelihood == plain.logLikelihood && started.iterations == plain.iterations)
  }
}
