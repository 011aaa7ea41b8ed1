import LinearAlgebra
import TestSupport
import Testing

// `@testable` for the risk sets' sums over tied events.
@testable import CreditModels

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Cox tied-event sums")
struct CoxTiedSumsTests {
  /// 40,000 rows on 30 whole days, 80 % events: about a thousand tied events a day.
  static func riskSets(ties: CoxProportionalHazards.TieMethod) throws -> CoxRiskSets {
    var rng = SeededGenerator(seed: 77)
    let n = 40_000
    let x = DesignMatrix(
      columns: (0..<3).map { _ in (0..<n).map { _ in Double.random(in: -1..<1, using: &rng) } })
    let durations = (0..<n).map { _ in Double(Int.random(in: 1...30, using: &rng)) }
    let events = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) < 0.8 }
    return try CoxProportionalHazards.prepare(
      x, columns: [0, 1, 2], durations: durations, events: events, weights: nil, ties: ties,
      featureNames: ["a", "b", "c"], verifyRank: false
    ).data
  }

  @Test(
    "each event time's sums are its own loop's, in any number of runs",
    arguments: [CoxProportionalHazards.TieMethod.efron, .breslow])
  func sameSumsInAnyRuns(ties: CoxProportionalHazards.TieMethod) throws {
    let data = try Self.riskSets(ties: ties)
    let state = data.evaluate([0.3, -0.2, 0.1])
    let outside = state.riskOutsideEvents
    let tied = zip(state.riskSetSum, outside).map { $0 - $1 }
    let one = data.tiedSums(outside: outside, tied: tied, runs: 1)
    #expect(one.count == data.groups && data.groups == 30)
    for runs in [2, 3, 8, 40] {
      let cut = data.tiedSums(outside: outside, tied: tied, runs: runs)
      #expect(cut.map(\.logs) == one.map(\.logs), "\(runs) runs")
      #expect(cut.map(\.a) == one.map(\.a) && cut.map(\.b) == one.map(\.b))
      #expect(cut.map(\.alpha) == one.map(\.alpha) && cut.map(\.ratio) == one.map(\.ratio))
      #expect(cut.map(\.delta) == one.map(\.delta))
    }
    // The definitions, summed afresh for each event time.
    for k in 0..<data.groups {
      let d = data.eventCount[k]
      #expect(d > 900)
      guard ties == .efron else {
        #expect(one[k].logs == log(outside[k] + tied[k]))
        continue
      }
      let phis = (0..<d).map { outside[k] + (1 - Double($0) / Double(d)) * tied[k] }
      let fs = (0..<d).map { Double($0) / Double(d) }
      #expect(one[k].logs == phis.reduce(0) { $0 + log($1) })
      #expect(one[k].a == phis.reduce(0) { $0 + 1 / $1 })
      #expect(one[k].b == zip(fs, phis).reduce(0) { $0 + $1.0 / $1.1 })
      let alpha = phis.reduce(0) { $0 + 1 / ($1 * $1) }
      let ratio = zip(fs, phis).reduce(0) { $0 + $1.0 / ($1.1 * $1.1) } / alpha
      #expect(one[k].alpha == alpha && one[k].ratio == ratio)
      #expect(
        one[k].delta
          == zip(fs, phis).reduce(0) { $0 + ($1.0 - ratio) * ($1.0 - ratio) / ($1.1 * $1.1) })
    }
  }
}
