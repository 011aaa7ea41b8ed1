/// One point of an ROC curve.
public struct ROCPoint: Sendable, Equatable {
  /// Share of non-events scored at or above the threshold.
  public var falsePositiveRate: Double
  /// Share of events scored at or above the threshold.
  public var truePositiveRate: Double

  public init(falsePositiveRate: Double, truePositiveRate: Double) {
    self.falsePositiveRate = falsePositiveRate
    self.truePositiveRate = truePositiveRate
  }
}

extension ClassificationMetrics {
  /// The ROC curve: (FPR, TPR) after lowering the threshold past each group of tied scores,
  /// from (0, 0) to (1, 1).
  ///
  /// Tied scores move both rates at once (a diagonal segment), so the trapezoid area under
  /// these points equals `auc(scores:outcomes:weights:)`.
  /// - Returns: nil when either class has zero total weight.
  /// - Complexity: O(n): one radix sort of the scores, then one sweep.
  public static func rocCurve(
    scores: [Double], outcomes: [Double], weights: [Double]? = nil
  ) -> [ROCPoint]? {
    let groups = tiedGroups(scores: scores, outcomes: outcomes, weights: weights)
    let positives = groups.reduce(0) { $0 + $1.positive }
    let negatives = groups.reduce(0) { $0 + $1.negative }
    guard positives > 0, negatives > 0 else { return nil }
    var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)]
    var tp = 0.0
    var fp = 0.0
    // Highest scores first: those are flagged at the strictest threshold.
    for g in groups.reversed() {
      tp += g.positive
      fp += g.negative
      points.append(
        ROCPoint(falsePositiveRate: fp / negatives, truePositiveRate: tp / positives))
    }
    return points
  }
}
