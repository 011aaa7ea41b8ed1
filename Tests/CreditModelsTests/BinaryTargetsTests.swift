import LinearAlgebra
import Testing

@testable import CreditModels

/// Outcomes and 0/1 weights given as bits of a byte a row fit and score as the same Doubles do.
@Suite struct BinaryTargetsTests {
  /// The rossi design with arrest as the outcome, one row in nine weighing 0: its outcomes and
  /// weights as Doubles and as bits (outcome bit 1, weight bit 4, bit 2 set on every row).
  static func rossi() throws -> (
    x: DesignMatrix, names: [String], y: [Double], weights: [Double], bits: BinaryTargets
  ) {
    let d = try LevelDesignFitTests.rossi(sorted: false)
    let y = d.events.map { $0 ? 1.0 : 0.0 }
    let weights = y.indices.map { $0 % 9 == 0 ? 0.0 : 1.0 }
    let bytes = y.indices.map { i -> UInt8 in
      (y[i] == 1 ? 1 : 0) | 2 | (weights[i] == 1 ? 4 : 0)
    }
    return (d.full, d.names, y, weights, BinaryTargets(bits: bytes, outcome: 1, weight: 4))
  }

  @Test func bitsReadAsTheirDoubles() throws {
    let d = try Self.rossi()
    #expect(d.bits.count == d.y.count)
    #expect(d.bits.outcomes == d.y && d.bits.weights == d.weights)
    #expect(d.weights.contains(0) && d.y.contains(1) && d.y.contains(0))
    #expect(d.bits.firstWeighted == 1)
    let values = BinaryTargets(d.y)
    #expect(values.outcomes == d.y && values.weights == nil && values.firstWeighted == 0)
  }

  /// The logistic fit on bits equals the fit on the Doubles, bit for bit, with and without its
  /// rank check and from a start.
  @Test(arguments: [false, true])
  func logisticFitOnBitsEqualsTheFitOnDoubles(checksRank: Bool) throws {
    let d = try Self.rossi()
    var model = LogisticRegression(l2: 1)
    model.checksRank = checksRank
    let start = checksRank ? nil : [Double](repeating: 0.01, count: d.x.features)
    let doubles = try model.fit(
      d.x, d.y, weights: d.weights, featureNames: d.names, interceptIndex: 0, start: start)
    let bits = try model.fit(
      d.x, targets: d.bits, featureNames: d.names, interceptIndex: 0, start: start)
    #expect(bits.coefficients == doubles.coefficients)
    #expect(bits.covariance.elements == doubles.covariance.elements)
    #expect(bits.logLikelihood == doubles.logLikelihood && bits.iterations == doubles.iterations)
    #expect(bits.nullLogLikelihood == doubles.nullLogLikelihood)
  }

  /// The Brier score and the AUC of bits equal those of the Doubles, bit for bit.
  @Test func metricsOfBitsEqualThoseOfDoubles() throws {
    let d = try Self.rossi()
    let fit = try LogisticRegression(l2: 1).fit(
      d.x, d.y, weights: d.weights, featureNames: d.names, interceptIndex: 0)
    let pd = fit.predictProbability(d.x)
    let brier = ClassificationMetrics.brier(probabilities: pd, outcomes: d.y, weights: d.weights)
    #expect(ClassificationMetrics.brier(probabilities: pd, targets: d.bits) == brier)
    let auc = try #require(
      ClassificationMetrics.auc(scores: pd, outcomes: d.y, weights: d.weights))
    #expect(ClassificationMetrics.auc(scores: pd, targets: d.bits) == auc)
    #expect(ClassificationMetrics.auc(consuming: pd, targets: d.bits) == auc)
    #expect(auc > 0.5 && auc < 1)
  }
}
