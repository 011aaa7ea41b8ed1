import CreditModels
import TestSupport
import Testing

@Suite("Concordance index")
struct ConcordanceTests {
  /// lifelines' `_naive_concordance_summary_statistics`, O(n²), as the reference.
  static func naive(_ t: [Double], _ s: [Double], _ e: [Bool]) -> (Double, Double, Double) {
    var pairs = 0.0
    var correct = 0.0
    var tied = 0.0
    for a in t.indices {
      for b in (a + 1)..<t.count {
        let valid: Bool
        if t[a] == t[b] {
          valid = e[a] != e[b]
        } else {
          valid = (e[a] && e[b]) || (e[a] && t[a] < t[b]) || (e[b] && t[b] < t[a])
        }
        guard valid else { continue }
        pairs += 1
        if s[a] == s[b] {
          tied += 1
        } else if s[a] < s[b] {
          if t[a] < t[b] || (t[a] == t[b] && e[a] && !e[b]) { correct += 1 }
        } else {
          if t[a] > t[b] || (t[a] == t[b] && !e[a] && e[b]) { correct += 1 }
        }
      }
    }
    return (correct, tied, pairs)
  }

  @Test("agrees with the O(n²) definition on random data with ties", arguments: 0..<20)
  func matchesNaive(seed: Int) {
    var rng = SeededGenerator(seed: UInt64(seed))
    let n = 50 + seed * 10
    // Few distinct values, so times and scores tie often; some negative scores and -0.0.
    let t = (0..<n).map { _ in Double(Int.random(in: 0..<12, using: &rng)) }
    let s = (0..<n).map { _ -> Double in
      let v = Double(Int.random(in: -6..<6, using: &rng)) / 2
      return v == 0 ? -0.0 : v
    }
    let e = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) < 0.6 }
    let fast = Concordance.counts(durations: t, scores: s, events: e)
    let (correct, tied, pairs) = Self.naive(t, s, e)
    #expect(Double(fast.concordant) == correct)
    #expect(Double(fast.tied) == tied)
    #expect(Double(fast.admissible) == pairs)
    #expect(fast.index == (correct + tied / 2) / pairs)
  }

  @Test func matchesLifelinesOnRossi() throws {
    // lifelines 0.30.3: concordance_index(df.week, df.age, df.arrest) and (…, df.prio, …).
    let (header, columns) = try NumericCSV.read(fixturesDirectory() + "/data/rossi.csv")
    let week = NumericCSV.column("week", header: header, columns: columns)
    let arrest = NumericCSV.column("arrest", header: header, columns: columns).map { $0 != 0 }
    let age = NumericCSV.column("age", header: header, columns: columns)
    let prio = NumericCSV.column("prio", header: header, columns: columns)
    #expect(Concordance.index(durations: week, scores: age, events: arrest) == 0.6136395660138086)
    #expect(Concordance.index(durations: week, scores: prio, events: arrest) == 0.4120637828190315)
  }

  @Test func edgeCases() {
    #expect(Concordance.index(durations: [1, 2], scores: [1, 2], events: [false, false]).isNaN)
    #expect(
      Concordance.index(durations: [1, 2, 3], scores: [1, 2, 3], events: [true, true, true]) == 1)
    #expect(
      Concordance.index(durations: [1, 2, 3], scores: [3, 2, 1], events: [true, true, true]) == 0)
    #expect(
      Concordance.index(durations: [1, 2, 3], scores: [5, 5, 5], events: [true, true, true]) == 0.5)
  }
}
