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
