import CreditModels
import TestSupport
import Testing

@Suite("Concordance index")
struct ConcordanceTests {
  /// The pair counts straight from the definition, O(n²): (concordant, tied, admissible).
  static func bruteForce(
    durations: [Double], scores: [Double], events: [Bool]
  ) -> [Int] {
    var counts = (concordant: 0, tied: 0, admissible: 0)
    let n = durations.count
    for i in 0..<n {
      for j in 0..<n where i != j && events[i] {
        // i must come first: strictly earlier, or at the same time against a censored j.
        let first = durations[i] < durations[j] || (durations[i] == durations[j] && !events[j])
        guard first else { continue }
        counts.admissible += 1
        if scores[i] < scores[j] { counts.concordant += 1 }
        if scores[i] == scores[j] { counts.tied += 1 }
      }
    }
    return [counts.concordant, counts.tied, counts.admissible]
  }

  static func fast(durations: [Double], scores: [Double], events: [Bool]) -> [Int] {
    let c = Concordance.counts(durations: durations, scores: scores, events: events)
    return [c.concordant, c.tied, c.admissible]
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
  func matchesTheDefinitionWithManyTies(seed: Int) {
    var g = SeededGenerator(seed: UInt64(seed))
    let n = 50 + seed * 37
    let durations = (0..<n).map { _ in Double(Int.random(in: 0...6, using: &g)) }
    let scores = (0..<n).map { _ in Double(Int.random(in: -3...3, using: &g)) * 0.5 }
    let events = (0..<n).map { _ in Double.random(in: 0..<1, using: &g) < 0.6 }
    let fast = Self.fast(durations: durations, scores: scores, events: events)
    #expect(fast == Self.bruteForce(durations: durations, scores: scores, events: events))
  }

  @Test func distinctValuesAndSignedZero() {
    var g = SeededGenerator(seed: 99)
    let n = 300
    let durations = (0..<n).map { _ in Double.random(in: 0..<10, using: &g) }
    var scores = (0..<n).map { _ in g.normal() }
    scores[3] = 0.0
    scores[7] = -0.0
    let events = (0..<n).map { i in i % 3 != 0 }
    let fast = Self.fast(durations: durations, scores: scores, events: events)
    #expect(fast == Self.bruteForce(durations: durations, scores: scores, events: events))
  }

  @Test func noEventsGivesNaN() {
    #expect(
      Concordance.index(durations: [1, 2], scores: [1, 2], events: [false, false]).isNaN)
  }
}
