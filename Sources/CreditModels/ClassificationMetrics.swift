#if canImport(Glibc)
  import Glibc
#endif

/// Discrimination and calibration of predicted probabilities against 0/1 outcomes, as data.
///
/// All statistics accept optional non-negative sample weights (a weight of 3 counts a row
/// three times). Rows of weight 0 are ignored.
///
/// Usage:
///
/// ```
/// let metrics = ClassificationMetrics(probabilities: fit.predictProbability(x), outcomes: y)
/// metrics.auc   // 0.5 = no discrimination, 1 = perfect ranking
/// ```
public struct ClassificationMetrics: Sendable {
  /// One bin of a calibration table.
  public struct CalibrationBin: Sendable, Equatable {
    /// Smallest and largest predicted probability in the bin.
    public var lowest: Double
    public var highest: Double
    /// Weighted mean predicted probability.
    public var meanPredicted: Double
    /// Weighted observed event rate.
    public var observedRate: Double
    /// Rows in the bin.
    public var count: Int
    /// Sum of the rows' weights (`count` when unweighted).
    public var weight: Double
  }

  /// Area under the ROC curve; nil when one outcome class is empty.
  public let auc: Double?
  /// Kolmogorov-Smirnov statistic; nil when one outcome class is empty.
  public let ks: Double?
  /// Brier score.
  public let brier: Double
  /// Mean negative log-likelihood (cross-entropy).
  public let logLoss: Double
  /// Calibration by quantile bins of the predicted probability.
  public let calibration: [CalibrationBin]

  /// Computes every metric.
  /// - Parameters:
  ///   - probabilities: predicted `P(y = 1)`, each in [0, 1].
  ///   - outcomes: observed outcomes, each 0 or 1.
  ///   - weights: non-negative sample weights; nil means all 1.
  ///   - bins: number of calibration bins; 10 (deciles) is the usual credit-scoring table.
  /// - Complexity: O(n log n).
  public init(
    probabilities: [Double], outcomes: [Double], weights: [Double]? = nil, bins: Int = 10
  ) {
    auc = Self.auc(scores: probabilities, outcomes: outcomes, weights: weights)
    ks = Self.ks(scores: probabilities, outcomes: outcomes, weights: weights)
    brier = Self.brier(probabilities: probabilities, outcomes: outcomes, weights: weights)
    logLoss = Self.logLoss(probabilities: probabilities, outcomes: outcomes, weights: weights)
    calibration = Self.calibration(
      probabilities: probabilities, outcomes: outcomes, weights: weights, bins: bins)
  }

  // MARK: - Discrimination

  /// Area under the ROC curve (Mann-Whitney statistic).
  ///
  /// The probability that a random event scores higher than a random non-event, ties
  /// counting one half:
  ///
  /// ```
  /// AUC = Σ_{i: y=1} Σ_{k: y=0} s_i s_k [1(score_i > score_k) + ½ 1(score_i = score_k)] / (W₁ W₀)
  /// ```
  ///
  /// computed by sorting once and sweeping groups of tied scores.
  /// - Returns: nil when either class has zero total weight.
  /// - Complexity: O(n): one radix sort of the scores, then one sweep.
  public static func auc(scores: [Double], outcomes: [Double], weights: [Double]? = nil) -> Double?
  {
    check(scores, outcomes, weights)
    return auc(scores: scores, targets: BinaryTargets(outcomes, weights: weights))
  }

  /// `auc(scores:outcomes:weights:)` of outcomes and weights given as `BinaryTargets`.
  package static func auc(scores: [Double], targets: BinaryTargets) -> Double? {
    check(scores, targets)
    var keys = scores.map(SortKeys.ordered)
    return keys.withUnsafeMutableBufferPointer { keys in
      targets.withRows { auc(keys: keys, rows: $0) }
    }
  }

  /// `auc(scores:outcomes:weights:)` of scores the caller gives up: their storage holds the
  /// sort keys, so the AUC needs no second array of every row's score (training's in-sample
  /// AUC on millions of rows, when the probabilities are not kept).
  package static func auc(
    consuming scores: consuming [Double], outcomes: [Double], weights: [Double]? = nil
  ) -> Double? {
    check(scores, outcomes, weights)
    return auc(consuming: scores, targets: BinaryTargets(outcomes, weights: weights))
  }

  /// `auc(consuming:outcomes:weights:)` of outcomes and weights given as `BinaryTargets`.
  package static func auc(
    consuming scores: consuming [Double], targets: BinaryTargets
  ) -> Double? {
    check(scores, targets)
    return scores.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: UInt64.self) { keys in
        for i in keys.indices { keys[i] = SortKeys.ordered(Double(bitPattern: keys[i])) }
        return targets.withRows { auc(keys: keys, rows: $0) }
      }
    }
  }

  /// The AUC of the scores' `SortKeys.ordered` keys, which the sort reorders in place.
  private static func auc(
    keys: UnsafeMutableBufferPointer<UInt64>, rows: BinaryTargets.Rows
  ) -> Double? {
    // The sums run group by group in ascending score order, exactly as over `tiedGroups`,
    // without materialising the groups.
    var positives = 0.0
    var negatives = 0.0
    var below = 0.0  // weight of non-events with a strictly lower score
    var concordant = 0.0
    forEachTiedGroup(keys: keys, rows: rows) { positive, negative in
      concordant += positive * (below + 0.5 * negative)
      below += negative
      positives += positive
      negatives += negative
    }
    guard positives > 0, negatives > 0 else { return nil }
    return concordant / (positives * negatives)
  }

  /// Kolmogorov-Smirnov statistic: the largest gap between the score distributions of events
  /// and non-events, `max_t |F₁(t) − F₀(t)|`, evaluated after each group of tied scores.
  /// - Returns: nil when either class has zero total weight.
  /// - Complexity: O(n): one radix sort of the scores, then one sweep.
  public static func ks(scores: [Double], outcomes: [Double], weights: [Double]? = nil) -> Double? {
    let groups = tiedGroups(scores: scores, outcomes: outcomes, weights: weights)
    let positives = groups.reduce(0) { $0 + $1.positive }
    let negatives = groups.reduce(0) { $0 + $1.negative }
    guard positives > 0, negatives > 0 else { return nil }
    var f1 = 0.0
    var f0 = 0.0
    var best = 0.0
    for g in groups {
      f1 += g.positive
      f0 += g.negative
      best = max(best, abs(f1 / positives - f0 / negatives))
    }
    return best
  }

  // MARK: - Accuracy of probabilities

  /// Brier score, the weighted mean of `(p − y)²`.
  public static func brier(
    probabilities: [Double], outcomes: [Double], weights: [Double]? = nil
  ) -> Double {
    check(probabilities, outcomes, weights)
    return weightedMean(probabilities.count, weights: weights) { i, w in
      let d = probabilities[i] - outcomes[i]
      return w * d * d
    }
  }

  /// `brier(probabilities:outcomes:weights:)` of outcomes and weights given as
  /// `BinaryTargets`: the same sums in the same order.
  package static func brier(probabilities: [Double], targets: BinaryTargets) -> Double {
    check(probabilities, targets)
    return targets.withRows { rows in
      var sum = 0.0
      var total = 0.0
      for i in 0..<rows.count {
        let w = rows.weight(i)
        let d = probabilities[i] - rows.outcome(i)
        sum += w * d * d
        total += w
      }
      return sum / total
    }
  }

  /// Probabilities are clipped to `[ε, 1 − ε]` in `logLoss`, so a confident wrong prediction
  /// costs `−log ε ≈ 34.5` instead of infinity (scikit-learn clips the same way).
  public static let logLossClip = 1e-15

  /// Log loss (cross-entropy), the weighted mean of `−[y log p + (1 − y) log(1 − p)]`, with p
  /// clipped to `[logLossClip, 1 − logLossClip]`.
  public static func logLoss(
    probabilities: [Double], outcomes: [Double], weights: [Double]? = nil
  ) -> Double {
    check(probabilities, outcomes, weights)
    return weightedMean(probabilities.count, weights: weights, skippingZeroWeights: true) {
      i, w in
      let p = min(max(probabilities[i], logLossClip), 1 - logLossClip)
      // log1p(−p) keeps the precision of log(1 − p) for small p.
      return -(w * (outcomes[i] == 1 ? log(p) : log1p(-p)))
    }
  }

  /// `Σᵢ contribution(i, wᵢ) / Σᵢ wᵢ`, summed in row order (weights 1 when nil); with
  /// `skippingZeroWeights`, rows whose weight is not positive are left out of both sums
  /// (their contribution is not evaluated).
  private static func weightedMean(
    _ count: Int, weights: [Double]?, skippingZeroWeights: Bool = false,
    _ contribution: (Int, Double) -> Double
  ) -> Double {
    var sum = 0.0
    var total = 0.0
    for i in 0..<count {
      let w = weights?[i] ?? 1
      if skippingZeroWeights, !(w > 0) { continue }
      sum += contribution(i, w)
      total += w
    }
    return sum / total
  }

  // MARK: - Calibration

  /// Calibration table: rows sorted by predicted probability and cut into `bins` groups of
  /// (as nearly as possible) equal row count; per bin, the mean prediction and observed rate.
  ///
  /// Rows with equal predictions may fall in adjacent bins (cuts are by rank, so the bins stay
  /// balanced even when many predictions tie). Fewer rows than bins give one bin per row.
  /// - Complexity: O(n log n).
  public static func calibration(
    probabilities: [Double], outcomes: [Double], weights: [Double]? = nil, bins: Int = 10
  ) -> [CalibrationBin] {
    check(probabilities, outcomes, weights)
    precondition(bins > 0, "bins must be positive")
    let order = probabilities.indices.sorted {
      (probabilities[$0], $0) < (probabilities[$1], $1)
    }
    let n = order.count
    let k = min(bins, n)
    return (0..<k).map { b in
      let slice = order[(n * b / k)..<(n * (b + 1) / k)]
      var weight = 0.0
      var predicted = 0.0
      var observed = 0.0
      for i in slice {
        let w = weights?[i] ?? 1
        weight += w
        predicted += w * probabilities[i]
        observed += w * outcomes[i]
      }
      let first = slice.first.map { probabilities[$0] } ?? 0
      let last = slice.last.map { probabilities[$0] } ?? 0
      return CalibrationBin(
        lowest: first, highest: last, meanPredicted: weight > 0 ? predicted / weight : 0,
        observedRate: weight > 0 ? observed / weight : 0, count: slice.count, weight: weight)
    }
  }

  // MARK: - Helpers

  /// Event and non-event weight per distinct score, in increasing score order.
  static func tiedGroups(
    scores: [Double], outcomes: [Double], weights: [Double]?
  ) -> [(positive: Double, negative: Double)] {
    var groups: [(positive: Double, negative: Double)] = []
    forEachTiedGroup(scores: scores, outcomes: outcomes, weights: weights) { positive, negative in
      groups.append((positive, negative))
    }
    return groups
  }

  /// Calls `body` with the event and non-event weight of each distinct score, ascending.
  ///
  /// Within a group the weights are summed in row order.
  /// The scores are sorted by a stable radix sort (`SortKeys`), not a comparison sort with a
  /// closure per comparison (~10x slower at a million scores). Unweighted, each score carries
  /// its outcome through the sort and a group's weights are its counts, which is what adding
  /// 1.0 per row gives below 2⁵³ rows; weighted, it carries its row, so the sums run in row
  /// order as with a stable comparison sort.
  /// - Complexity: O(n): one radix sort (`SortKeys.sort(_:carrying:)`, unweighted
  ///   `SortKeys.sortGroupingTies`), one sweep and one call per distinct score.
  @inline(__always)
  static func forEachTiedGroup(
    scores: [Double], outcomes: [Double], weights: [Double]?,
    _ body: (_ positive: Double, _ negative: Double) -> Void
  ) {
    check(scores, outcomes, weights)
    var keys = scores.map(SortKeys.ordered)
    keys.withUnsafeMutableBufferPointer { keys in
      BinaryTargets(outcomes, weights: weights).withRows {
        forEachTiedGroup(keys: keys, rows: $0, body)
      }
    }
  }

  /// `forEachTiedGroup(scores:outcomes:weights:_:)` of the scores' `SortKeys.ordered` keys
  /// (checked by the caller), which the sort reorders in place.
  @inline(__always)
  private static func forEachTiedGroup(
    keys: UnsafeMutableBufferPointer<UInt64>, rows targets: BinaryTargets.Rows,
    _ body: (_ positive: Double, _ negative: Double) -> Void
  ) {
    precondition(keys.count <= Int(UInt32.max), "too many scores")
    let n = keys.count
    if !targets.zeroOrOneWeights {
      var rows = (0..<n).map { UInt32(truncatingIfNeeded: $0) }
      SortKeys.sort(keys, carrying: &rows)
      var start = 0
      while start < n {
        var positive = 0.0
        var negative = 0.0
        var m = start
        repeat {
          let i = Int(rows[m])
          let w = targets.weight(i)
          if targets.outcome(i) == 1 { positive += w } else { negative += w }
          m += 1
        } while m < n && keys[m] == keys[start]
        body(positive, negative)
        start = m
      }
      return
    }
    // No weights, or weights that only keep or drop rows (a training set's rows with a known
    // outcome): each row's label (bit 0) and whether it counts (bit 1) travel with its key
    // through the sort, and the sums are whole numbers, the same in any order, so the sort
    // need not keep tied rows in order; the two bits go in the keys
    // (`SortKeys.sortPackingPayloads`: no array of labels beside them).
    let sorted = SortKeys.sortPackingPayloads(keys, payloadBits: 2) { i in
      (targets.outcome(i) == 1 ? 1 : 0) | (targets.weight(i) == 1 ? 2 : 0)
    }
    sorted.forEachGroup { group in
      var positive = 0
      var negative = 0
      for m in group {
        let label = sorted.payload(m)
        positive += Int(label & (label >> 1) & 1)
        negative += Int(~label & (label >> 1) & 1)
      }
      body(Double(positive), Double(negative))
    }
  }

  /// `check(_:_:_:)` of outcomes and weights given as `BinaryTargets` (bits are 0 or 1).
  static func check(_ values: [Double], _ targets: BinaryTargets) {
    switch targets.storage {
    case .values(let y, let weights): check(values, y, weights)
    case .bits(let bits, _, let weight):
      precondition(values.count == bits.count, "scores and outcomes differ in length")
      precondition(!values.isEmpty, "no observations")
      precondition(!values.contains { $0.isNaN }, "scores contain NaN")
      precondition(bits.contains { $0 & weight != 0 }, "all weights are zero")
    }
  }

  /// Shapes and domains are the caller's responsibility (programmer errors trap).
  static func check(_ values: [Double], _ outcomes: [Double], _ weights: [Double]?) {
    precondition(values.count == outcomes.count, "scores and outcomes differ in length")
    precondition(!values.isEmpty, "no observations")
    precondition(!values.contains { $0.isNaN }, "scores contain NaN")
    // y (y − 1) is 0 exactly for y ∈ {0, 1} (a subnormal y gives a subnormal product; NaN and
    // ±∞ fail), without the branch on `y == 0` that random outcomes mispredict half the time.
    precondition(outcomes.allSatisfy { $0 * ($0 - 1) == 0 }, "outcomes must be 0 or 1")
    if let weights {
      precondition(weights.count == values.count, "weights differ in length")
      precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "weights must be >= 0")
      precondition(weights.contains { $0 > 0 }, "all weights are zero")
    }
  }
}
