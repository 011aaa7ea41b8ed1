import TestSupport
import Testing

// `@testable` for the counts of sorted scores cut into several runs (`parts`).
@testable import CreditModels

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
    // The scores' own storage as the sort keys: the same index.
    #expect(Concordance.index(durations: t, consuming: s, events: e) == fast.index)
  }

  /// Concordant, tied and admissible pairs straight from the definition: every ordered pair
  /// (i, j), i ≠ j, with `E_i` and `T_i < T_j`, or `T_i == T_j` and `!E_j`.
  static func bruteForce(_ t: [Double], _ s: [Double], _ e: [Bool]) -> PairCounts {
    var counts = PairCounts()
    for i in t.indices where e[i] {
      for j in t.indices where j != i && (t[i] < t[j] || (t[i] == t[j] && !e[j])) {
        counts.admissible += 1
        if s[i] < s[j] { counts.concordant += 1 } else if s[i] == s[j] { counts.tied += 1 }
      }
    }
    return counts
  }

  /// Expected counts (`Concordance.Counts` has no public initialiser).
  struct PairCounts: Equatable {
    var concordant = 0
    var tied = 0
    var admissible = 0

    init() {}

    init(_ counts: Concordance.Counts) {
      (concordant, tied, admissible) = (counts.concordant, counts.tied, counts.admissible)
    }
  }

  /// How the durations of a random case are drawn.
  enum DurationKind: CaseIterable {
    /// Whole days from a handful of values (many ties), `-0.0` among them.
    case fewDays
    /// Whole days 0..<730 (the table path with a wide span).
    case days
    /// Whole numbers spread wider than the row count (ranked by sorting).
    case sparseWhole
    /// Continuous, negative ones too (ranked by sorting, next to no ties).
    case continuous
  }

  /// How the scores of a random case are drawn.
  enum ScoreKind: CaseIterable {
    /// Halves in −3...3 with `-0.0` and `0.0` both present (many ties).
    case fewValues
    /// Continuous, either sign, with an infinity now and then.
    case continuous
    /// One value for every row.
    case constant
  }

  @Test(
    "counts equal the pairwise definition on small random data",
    arguments: DurationKind.allCases, ScoreKind.allCases)
  func matchesBruteForce(durationKind: DurationKind, scoreKind: ScoreKind) {
    var rng = SeededGenerator(seed: 0xC0C0)
    for trial in 0..<150 {
      let n = trial < 3 ? trial : Int.random(in: 3...60, using: &rng)
      let t = (0..<n).map { _ -> Double in
        switch durationKind {
        case .fewDays:
          let d = Double(Int.random(in: 0..<4, using: &rng))
          return d == 0 && Bool.random(using: &rng) ? -0.0 : d
        case .days: return Double(Int.random(in: 0..<730, using: &rng))
        case .sparseWhole: return Double(Int.random(in: -5..<5, using: &rng) * 100_003)
        case .continuous: return Double.random(in: -10..<100, using: &rng)
        }
      }
      let s = (0..<n).map { _ -> Double in
        switch scoreKind {
        case .fewValues:
          let v = Double(Int.random(in: -6...6, using: &rng)) / 2
          return v == 0 && Bool.random(using: &rng) ? -0.0 : v
        case .continuous:
          let u = Int.random(in: 0..<40, using: &rng)
          return u == 0 ? .infinity : u == 1 ? -.infinity : Double.random(in: -5..<5, using: &rng)
        case .constant: return 1.5
        }
      }
      // Every fifth case all events, every fifth all censored, the rest mixed.
      let eventShare = [1.0, 0.0, 0.9, 0.5, 0.2][trial % 5]
      let e = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) < eventShare }
      let fast = Concordance.counts(durations: t, scores: s, events: e)
      #expect(PairCounts(fast) == Self.bruteForce(t, s, e), "trial \(trial), n \(n)")
      // The sorted scores swept in several runs, each run's rows paired with the events of
      // the runs before it afterwards: the same counts.
      for parts in [2, 3, 7] {
        #expect(
          Concordance.counts(durations: t, scores: s, events: e, parts: parts) == fast,
          "trial \(trial), n \(n), \(parts) runs")
      }
    }
  }

  @Test("counts at 300,000 rows equal the pair counts of their (time, event, score) cells")
  func matchesCellCountsAtScale() {
    // Above 2¹⁸ rows the radix sort switches to 16-bit digits. Five random times and seven
    // random scores (every digit of their keys differs) keep the exact answer cheap: count
    // the rows per cell, then pair the cells.
    var rng = SeededGenerator(seed: 31)
    let times = (0..<5).map { _ in Double.random(in: 1..<100, using: &rng) }
    let values = (0..<7).map { _ in Double.random(in: -1..<1, using: &rng) }
    let n = 300_000
    var t: [Double] = []
    var s: [Double] = []
    var e: [Bool] = []
    var cells = [Int](repeating: 0, count: 5 * 2 * 7)
    for _ in 0..<n {
      let a = Int.random(in: 0..<5, using: &rng)
      let b = Int.random(in: 0..<7, using: &rng)
      let event = Double.random(in: 0..<1, using: &rng) < 0.7
      t.append(times[a])
      s.append(values[b])
      e.append(event)
      cells[(a * 2 + (event ? 1 : 0)) * 7 + b] += 1
    }
    var expected = PairCounts()
    for a in 0..<5 {
      for b in 0..<7 {
        let events = cells[(a * 2 + 1) * 7 + b]
        for a2 in 0..<5 {
          for event2 in [false, true] {
            guard times[a] < times[a2] || (times[a] == times[a2] && !event2) else { continue }
            for b2 in 0..<7 {
              let pairs = events * cells[(a2 * 2 + (event2 ? 1 : 0)) * 7 + b2]
              expected.admissible += pairs
              if values[b] < values[b2] {
                expected.concordant += pairs
              } else if values[b] == values[b2] {
                expected.tied += pairs
              }
            }
          }
        }
      }
    }
    #expect(PairCounts(Concordance.counts(durations: t, scores: s, events: e)) == expected)
    let days = t.map { $0.rounded() }
    #expect(
      Concordance.counts(durations: days, scores: s, events: e)
        == Concordance.counts(durations: days.map { $0 + 0.25 }, scores: s, events: e))
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
