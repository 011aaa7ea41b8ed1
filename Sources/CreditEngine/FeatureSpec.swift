import LinearAlgebra

/// How raw features become model columns: which are used, their scaling, and category levels.
///
/// Every numeric feature is standardised with the training mean and standard deviation, so
/// coefficients are comparable and the ridge penalty treats them alike; categories become
/// one-hot columns against their most frequent training level (the baseline). Features that are
/// constant in training are left out and named in `dropped`.
public struct FeatureSpec: Codable, Sendable, Equatable {
  /// The numeric features used, in column order.
  public var numeric: [NumericFeature]
  /// Training means, one per `numeric` feature.
  public var means: [Double]
  /// Training standard deviations, one per `numeric` feature.
  public var standardDeviations: [Double]
  /// Region levels with their own column (the baseline is not listed).
  public var regionLevels: [String]
  /// The region every other value maps to.
  public var regionBaseline: String
  /// Industry levels with their own column.
  public var industryLevels: [String]
  /// The industry every other value maps to.
  public var industryBaseline: String
  /// Features left out because they were constant in training.
  public var dropped: [String]

  /// Least training rows a category level needs for a column of its own; rarer levels
  /// join the baseline (a handful of rows gives an estimate with a huge standard error).
  public static let minimumLevelCount = 10

  /// Column names of the design, without the intercept.
  public var columnNames: [String] {
    numeric.map(\.rawValue) + regionLevels.map { "region=\($0)" }
      + industryLevels.map { "industry=\($0)" }
  }

  /// Learns the scaling and levels from training rows.
  public init(raw: RawFeatures, regions: [String], industries: [String]) {
    var numeric: [NumericFeature] = []
    var means: [Double] = []
    var sds: [Double] = []
    var dropped: [String] = []
    let n = Double(raw.count)
    for (f, feature) in NumericFeature.allCases.enumerated() {
      let v = raw.values(f)
      let mean = v.reduce(0, +) / max(n, 1)
      let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(n - 1, 1)
      if variance > 1e-12 * max(1, mean * mean) {
        numeric.append(feature)
        means.append(mean)
        sds.append(variance.squareRoot())
      } else {
        dropped.append(feature.rawValue)
      }
    }
    self.numeric = numeric
    self.means = means
    self.standardDeviations = sds
    (regionBaseline, regionLevels) = FeatureSpec.levels(regions)
    (industryBaseline, industryLevels) = FeatureSpec.levels(industries)
    self.dropped = dropped
  }

  /// The most frequent value (ties: alphabetical first) and the other frequent-enough levels, sorted.
  static func levels(_ values: [String]) -> (baseline: String, levels: [String]) {
    var counts: [String: Int] = [:]
    for v in values { counts[v, default: 0] += 1 }
    guard
      let baseline = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?
        .key
    else { return ("", []) }
    let levels = counts.filter { $0.key != baseline && $0.value >= minimumLevelCount }.keys.sorted()
    return (baseline, levels)
  }

  /// The design matrix for rows of raw features (all rows of `raw`).
  /// - Parameter intercept: put a column of ones first (logistic, Weibull; not Cox).
  /// - Returns: the design and how many rows had a category level unseen in training.
  public func design(
    raw: RawFeatures, regions: [String], industries: [String], intercept: Bool
  ) -> (design: DesignMatrix, unseenLevels: Int) {
    let n = raw.count
    let offset = intercept ? 1 : 0
    let p = offset + numeric.count + regionLevels.count + industryLevels.count
    var storage = [Double](repeating: 0, count: n * p)
    let featureIndex = numeric.map { NumericFeature.allCases.firstIndex(of: $0)! }
    let regionIndex = Dictionary(uniqueKeysWithValues: regionLevels.enumerated().map { ($1, $0) })
    let industryIndex = Dictionary(
      uniqueKeysWithValues: industryLevels.enumerated().map { ($1, $0) })
    let knownRegions = Set(regionLevels + [regionBaseline])
    let knownIndustries = Set(industryLevels + [industryBaseline])
    var unseen = 0
    let values = raw.storage
    for i in 0..<n {
      let base = i * p
      if intercept { storage[base] = 1 }
      for (j, f) in featureIndex.enumerated() {
        storage[base + offset + j] = (values[f * n + i] - means[j]) / standardDeviations[j]
      }
      var seen = true
      if let r = regionIndex[regions[i]] {
        storage[base + offset + numeric.count + r] = 1
      } else if !knownRegions.contains(regions[i]) {
        seen = false
      }
      if let r = industryIndex[industries[i]] {
        storage[base + offset + numeric.count + regionLevels.count + r] = 1
      } else if !knownIndustries.contains(industries[i]) {
        seen = false
      }
      if !seen { unseen += 1 }
    }
    return (DesignMatrix(observations: n, features: p, storage: storage), unseen)
  }

  /// The reason text for design column `j` (without intercept).
  public func reason(forColumn j: Int) -> String {
    if j < numeric.count { return numeric[j].adverseReason }
    let r = j - numeric.count
    if r < regionLevels.count { return "Region \(regionLevels[r])" }
    return "Industry \(industryLevels[r - regionLevels.count])"
  }
}
