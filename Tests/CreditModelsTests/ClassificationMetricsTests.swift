import CreditModels
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Classification metrics")
struct ClassificationMetricsTests {
  // Sorted: 0.1 (0), 0.35 (1), 0.4 (0), 0.8 (1).
  static let scores = [0.1, 0.4, 0.35, 0.8]
  static let outcomes: [Double] = [0, 0, 1, 1]

  @Test func handComputedCase() {
    let m = ClassificationMetrics(probabilities: Self.scores, outcomes: Self.outcomes, bins: 2)
    // Pairs (event, non-event): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓.
    #expect(m.auc == 0.75)
    // Gaps |F₁ − F₀| after each score: 0.5, 0, 0.5, 0.
    #expect(m.ks == 0.5)
    #expect(isClose(m.brier, (0.01 + 0.16 + 0.4225 + 0.04) / 4, rtol: 1e-15))
    #expect(isClose(m.logLoss, -(log(0.9) + log(0.6) + log(0.35) + log(0.8)) / 4, rtol: 1e-15))
    #expect(m.calibration.count == 2)
    #expect(m.calibration[0].count == 2)
    #expect(isClose(m.calibration[0].meanPredicted, 0.225, rtol: 1e-15))
    #expect(m.calibration[0].observedRate == 0.5)
    #expect(m.calibration[0].lowest == 0.1 && m.calibration[0].highest == 0.35)
    #expect(isClose(m.calibration[1].meanPredicted, 0.6, rtol: 1e-15))
    #expect(m.calibration[1].observedRate == 0.5)
  }

  @Test func tiesCountOneHalf() {
    // Pairs: (0.5, 0.2) 1, (0.5, 0.5) ½, (0.9, 0.2) 1, (0.9, 0.5) 1 → 3.5 / 4.
    #expect(
      ClassificationMetrics.auc(scores: [0.2, 0.5, 0.5, 0.9], outcomes: [0, 1, 0, 1]) == 0.875)
    #expect(ClassificationMetrics.auc(scores: [0.5, 0.5, 0.5], outcomes: [0, 1, 1]) == 0.5)
    #expect(ClassificationMetrics.ks(scores: [0.5, 0.5, 0.5], outcomes: [0, 1, 1]) == 0)
    #expect(ClassificationMetrics.auc(scores: [0.1, 0.9], outcomes: [1, 1]) == nil)
  }

  @Test func perfectAndReversedRankings() {
    let y: [Double] = [0, 0, 1, 1]
    #expect(ClassificationMetrics.auc(scores: [1, 2, 3, 4], outcomes: y) == 1)
    #expect(ClassificationMetrics.ks(scores: [1, 2, 3, 4], outcomes: y) == 1)
    #expect(ClassificationMetrics.auc(scores: [4, 3, 2, 1], outcomes: y) == 0)
  }

  @Test func weightsMatchDuplicatedRows() {
    let w: [Double] = [2, 1, 0, 3]
    let rows = [0, 0, 1, 3, 3, 3]
    let weighted = ClassificationMetrics(
      probabilities: Self.scores, outcomes: Self.outcomes, weights: w, bins: 3)
    let expanded = ClassificationMetrics(
      probabilities: rows.map { Self.scores[$0] }, outcomes: rows.map { Self.outcomes[$0] },
      bins: 3)
    #expect(weighted.auc == expanded.auc)
    #expect(weighted.ks == expanded.ks)
    #expect(isClose(weighted.brier, expanded.brier, rtol: 1e-15))
    #expect(isClose(weighted.logLoss, expanded.logLoss, rtol: 1e-15))
  }

  // Weights of 0 and 1 (rows kept or dropped, as training weighs rows with a known outcome)
  // take their own path through the sort: the same AUC and KS as the kept rows alone, bit for
  // bit, with ties across kept and dropped rows.
  @Test func zeroOneWeightsMatchTheKeptRows() {
    var state: UInt64 = 3
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let n = 5_000
    let scores = (0..<n).map { _ in Double(next(400)) / 400 }
    let outcomes = (0..<n).map { _ in Double(next(3) == 0 ? 1 : 0) }
    let weights = (0..<n).map { _ in Double(next(10) == 0 ? 0 : 1) }
    let kept = (0..<n).filter { weights[$0] == 1 }
    let keptScores = kept.map { scores[$0] }
    let keptOutcomes = kept.map { outcomes[$0] }
    #expect(
      ClassificationMetrics.auc(scores: scores, outcomes: outcomes, weights: weights)
        == ClassificationMetrics.auc(scores: keptScores, outcomes: keptOutcomes))
    #expect(
      ClassificationMetrics.ks(scores: scores, outcomes: outcomes, weights: weights)
        == ClassificationMetrics.ks(scores: keptScores, outcomes: keptOutcomes))
    // The scores' own storage as the sort keys: the same AUC, bit for bit, with 0/1 weights,
    // with other weights (each row carried through the sort) and with none.
    let other = weights.enumerated().map { $0.element * Double(1 + $0.offset % 3) }
    for w in [weights, other, nil] {
      #expect(
        ClassificationMetrics.auc(consuming: scores, outcomes: outcomes, weights: w)
          == ClassificationMetrics.auc(scores: scores, outcomes: outcomes, weights: w))
    }
  }

  @Test func fastAUCMatchesAllPairs() {
    var rng = SeededGenerator(seed: 77)
    let n = 600
    // Rounded scores force many ties.
    let scores = (0..<n).map { _ in (Double.random(in: 0..<1, using: &rng) * 20).rounded() / 20 }
    let y = scores.map { Double.random(in: 0..<1, using: &rng) < $0 ? 1.0 : 0.0 }
    let w = (0..<n).map { _ in Double.random(in: 0..<2, using: &rng) }
    var concordant = 0.0
    var pairs = 0.0
    for i in 0..<n where y[i] == 1 {
      for k in 0..<n where y[k] == 0 {
        let weight = w[i] * w[k]
        pairs += weight
        concordant += weight * (scores[i] > scores[k] ? 1 : scores[i] == scores[k] ? 0.5 : 0)
      }
    }
    let auc = ClassificationMetrics.auc(scores: scores, outcomes: y, weights: w)
    #expect(isClose(auc ?? .nan, concordant / pairs, rtol: 1e-12))
  }

  /// The AUC as computed before the radix sort: a stable comparison sort of the rows by
  /// score, weights summed per group of equal scores in row order, then the same sweep.
  static func referenceAUC(_ s: [Double], _ y: [Double], _ w: [Double]?) -> Double? {
    let order = s.indices.sorted { (s[$0], $0) < (s[$1], $1) }
    var groups: [(positive: Double, negative: Double)] = []
    var k = 0
    while k < order.count {
      var group = (positive: 0.0, negative: 0.0)
      let score = s[order[k]]
      while k < order.count, s[order[k]] == score {
        let i = order[k]
        if y[i] == 1 { group.positive += w?[i] ?? 1 } else { group.negative += w?[i] ?? 1 }
        k += 1
      }
      groups.append(group)
    }
    let positives = groups.reduce(0) { $0 + $1.positive }
    let negatives = groups.reduce(0) { $0 + $1.negative }
    guard positives > 0, negatives > 0 else { return nil }
    var below = 0.0
    var concordant = 0.0
    for g in groups {
      concordant += g.positive * (below + 0.5 * g.negative)
      below += g.negative
    }
    return concordant / (positives * negatives)
  }

  @Test("AUC equals the all-pairs count exactly, and the comparison-sort sweep bit for bit")
  func aucMatchesBruteForceExactly() {
    var rng = SeededGenerator(seed: 2024)
    for trial in 0..<400 {
      let n = Int.random(in: 1...50, using: &rng)
      // Few distinct values (ties, -0.0 next to 0.0, negative scores) or continuous ones.
      let s = (0..<n).map { _ -> Double in
        if trial % 2 == 0 {
          let v = Double(Int.random(in: -4...4, using: &rng)) / 4
          return v == 0 && Bool.random(using: &rng) ? -0.0 : v
        }
        return Double.random(in: -1..<1, using: &rng)
      }
      let share = [0.5, 0.1, 0.9, 0.0, 1.0][trial % 5]
      let y = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) < share ? 1.0 : 0.0 }
      let w = (0..<n).map { _ in
        Bool.random(using: &rng) ? 0 : Double.random(in: 0..<3, using: &rng)
      }
      // Unweighted, every partial sum is a whole or half count, so the sweep is exact and
      // so is the brute force: the two quotients are the same Double.
      var concordant = 0.0
      var pairs = 0.0
      for i in 0..<n where y[i] == 1 {
        for k in 0..<n where y[k] == 0 {
          pairs += 1
          concordant += s[i] > s[k] ? 1 : s[i] == s[k] ? 0.5 : 0
        }
      }
      let auc = ClassificationMetrics.auc(scores: s, outcomes: y)
      #expect(auc == (pairs > 0 ? concordant / pairs : nil), "trial \(trial)")
      #expect(auc == Self.referenceAUC(s, y, nil), "trial \(trial)")
      if w.contains(where: { $0 > 0 }) {
        let weighted = ClassificationMetrics.auc(scores: s, outcomes: y, weights: w)
        #expect(weighted == Self.referenceAUC(s, y, w), "trial \(trial)")
      }
    }
  }

  @Test("AUC at 300,000 rows equals the comparison-sort sweep bit for bit")
  func aucMatchesReferenceAtScale() {
    // Above 2¹⁸ rows the radix sort switches to 16-bit digits.
    var rng = SeededGenerator(seed: 5)
    let n = 300_000
    let s = (0..<n).map { i in
      i % 3 == 0
        ? (Double.random(in: 0..<1, using: &rng) * 100).rounded() / 100
        : Double.random(in: 0..<1, using: &rng)
    }
    let y = s.map { Double.random(in: 0..<1, using: &rng) < $0 ? 1.0 : 0.0 }
    let w = (0..<n).map { _ in Double.random(in: 0..<2, using: &rng) }
    #expect(ClassificationMetrics.auc(scores: s, outcomes: y) == Self.referenceAUC(s, y, nil))
    #expect(
      ClassificationMetrics.auc(scores: s, outcomes: y, weights: w)
        == Self.referenceAUC(s, y, w))
  }

  @Test func logLossClipsCertainMistakes() {
    let loss = ClassificationMetrics.logLoss(probabilities: [0, 1], outcomes: [1, 1])
    #expect(isClose(loss, -log(1e-15) / 2, rtol: 1e-3))
    #expect(loss.isFinite)
  }

  @Test func calibrationDecilesAreBalanced() {
    let p = (0..<95).map { Double($0) / 100 }
    let y = p.map { $0 > 0.5 ? 1.0 : 0.0 }
    let table = ClassificationMetrics.calibration(probabilities: p, outcomes: y)
    #expect(table.count == 10)
    #expect(table.map(\.count).reduce(0, +) == 95)
    #expect(table.allSatisfy { $0.count == 9 || $0.count == 10 })
    #expect(zip(table, table.dropFirst()).allSatisfy { $0.highest <= $1.lowest })
  }
}
