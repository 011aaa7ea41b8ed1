import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

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
  /// Region levels seen in training too rarely for a column, or that the rows with a known
  /// outcome do not tell from the baseline (`levelsPooledForOutcomes`); they join the baseline.
  public var pooledRegionLevels: [String]
  /// Industry levels seen in training too rarely for a column, or that the region alone tells
  /// apart (`aliasedIndustryLevels`) or the rows with a known outcome do not tell from the
  /// baseline (`levelsPooledForOutcomes`); they join the baseline.
  public var pooledIndustryLevels: [String]
  /// The pooled industry levels that the region alone tells apart in training (nil: none).
  public var aliasedIndustryLevels: [AliasedLevel]?
  /// The pooled levels (`region=LATAM`) that the training rows with a known outcome do not
  /// tell from their baseline: none of those rows theirs, or all of them, or told apart by
  /// the other category alone among them (`leavingOutDependent`; nil: none).
  public var levelsPooledForOutcomes: [String]?
  /// Features left out because they were constant in training.
  public var dropped: [String]
  /// Features left out because they were combinations of other columns on every training
  /// row (`leavingOutDependent`; nil: none).
  public var dependentFeatures: [DependentFeature]?

  /// Least training rows a category level needs for a column of its own; rarer levels
  /// join the baseline (a handful of rows gives an estimate with a huge standard error).
  public static let minimumLevelCount = 10

  /// Column names of the design, without the intercept.
  public var columnNames: [String] {
    numeric.map(\.name) + regionLevels.map { "region=\($0)" }
      + industryLevels.map { "industry=\($0)" }
  }

  /// Learns the scaling and levels from training rows.
  public init(raw: RawFeatures, regions: [String], industries: [String]) {
    self.init(
      raw: raw, regions: Categorical(values: regions), industries: Categorical(values: industries))
  }

  /// Learns the scaling and levels from training rows, categories given as codes.
  public init(raw: RawFeatures, regions: Categorical, industries: Categorical) {
    let n = Double(raw.count)
    // Means, then sums of squared deviations (two passes: no cancellation), each over row
    // chunks on both cores, the chunks added in order.
    let width = NumericFeature.allCases.count
    func columnSums(around center: [Double]?) -> [Double] {
      Parallel.map(raw.count) { rows in
        // Summed where they are, not through the array's checks at every value.
        [Double](unsafeUninitializedCapacity: width) { sums, initialized in
          sums.initialize(repeating: 0)
          raw.forEachRow(rows) { _, row in
            if let center {
              for f in 0..<width { sums[f] += (row[f] - center[f]) * (row[f] - center[f]) }
            } else {
              for f in 0..<width { sums[f] += row[f] }
            }
          }
          initialized = width
        }
      }.reduce(into: [Double](repeating: 0, count: width)) { total, part in
        for f in 0..<width { total[f] += part[f] }
      }
    }
    let columnMeans = columnSums(around: nil).map { $0 / max(n, 1) }
    let levels = FeatureSpec.categoryLevels(
      pairs: FeatureSpec.pairCounts(regions: regions, industries: industries))
    self.init(
      rows: n, means: columnMeans, squares: columnSums(around: columnMeans),
      regions: levels.regions, industries: levels.industries, aliased: levels.aliased)
  }

  /// The spec from the numeric features' means and sums of squared deviations over `rows`
  /// training rows (every `NumericFeature`, in order), and the category levels
  /// (`categoryLevels`).
  ///
  /// A feature whose variance is below 1e-12 of its squared mean (or of 1) is constant in
  /// training and dropped.
  init(
    rows n: Double, means columnMeans: [Double], squares: [Double],
    regions: CategoryLevels, industries: CategoryLevels, aliased: [AliasedLevel]
  ) {
    var numeric: [NumericFeature] = []
    var means: [Double] = []
    var sds: [Double] = []
    var dropped: [String] = []
    for (f, feature) in NumericFeature.allCases.enumerated() {
      let (mean, variance) = (columnMeans[f], squares[f] / max(n - 1, 1))
      if variance > 1e-12 * max(1, mean * mean) {
        numeric.append(feature)
        means.append(mean)
        sds.append(variance.squareRoot())
      } else {
        dropped.append(feature.name)
      }
    }
    self.numeric = numeric
    self.means = means
    self.standardDeviations = sds
    (regionBaseline, regionLevels, pooledRegionLevels) = (
      regions.baseline, regions.levels, regions.pooled
    )
    (industryBaseline, industryLevels, pooledIndustryLevels) = (
      industries.baseline, industries.levels, industries.pooled
    )
    aliasedIndustryLevels = aliased.isEmpty ? nil : aliased
    self.dropped = dropped
  }

  /// The design matrix for rows of raw features (all rows of `raw`).
  /// - Parameter intercept: put a column of ones first (logistic, Weibull; not Cox).
  /// - Returns: the design and how many rows had a category level unseen in training.
  public func design(
    raw: RawFeatures, regions: [String], industries: [String], intercept: Bool
  ) -> (design: DesignMatrix, unseenLevels: Int) {
    design(
      raw: raw, regions: Categorical(values: regions), industries: Categorical(values: industries),
      intercept: intercept)
  }

  /// The design matrix for `rows` of raw features (default: all), categories given as codes.
  /// - Parameters:
  ///   - intercept: put a column of ones first (logistic, Weibull; not Cox).
  ///   - rows: the rows of `raw` (and of `regions`, `industries`) to take, in this order.
  /// - Returns: the design and how many rows had a category level unseen in training.
  /// - Complexity: O(n p) for n rows and p columns; no per-row lookups by text.
  public func design(
    raw: RawFeatures, regions: Categorical, industries: Categorical, intercept: Bool,
    rows: [Int]? = nil
  ) -> (design: DesignMatrix, unseenLevels: Int) {
    precondition(raw.coded == nil, "a copied design is made from features written out")
    let n = rows?.count ?? raw.count
    let writer = DesignRows(self, regions: regions, industries: industries, intercept: intercept)
    let p = writer.width
    let stride = raw.rowStride
    let first = raw.firstColumn
    var unseen = 0
    var finite = true
    let storage = [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
      let base = SendablePointer(out.start)
      // Row chunks on both cores; each chunk writes (and so first touches) every value of its
      // own rows.
      let perChunk = raw.storage.withUnsafeBufferPointer { values in
        Parallel.map(n) { chunk -> (unseen: Int, finite: Bool) in
          var unseen = 0
          var check = 0.0
          for r in chunk {
            let i = rows?[r] ?? r
            if writer.write(
              base.pointer + r * p, features: values.start + i * stride + first, categoryRow: i,
              check: &check)
            {
              unseen += 1
            }
          }
          return (unseen, check == 0)
        }
      }
      unseen = perChunk.reduce(0) { $0 + $1.unseen }
      finite = perChunk.allSatisfy(\.finite)
      initialized = n * p
    }
    return (
      DesignMatrix(observations: n, features: p, storage: storage, knownFinite: finite), unseen
    )
  }

  /// The design matrix with an intercept for all rows of `raw`, made in `raw`'s own storage,
  /// its intercept and category columns kept as levels (`LevelColumns`).
  ///
  /// The design stores only the standardised numeric features, each row written over the raw
  /// row it comes from; the intercept and the one-hot region and industry columns are the
  /// rows' category codes. Its rows have the values `design(raw:regions:industries:intercept:)`
  /// gives them, bit for bit. At a million rows and 22 columns of which 9 are the intercept
  /// and the levels, that is 104 MB of design instead of 176 MB, and no second buffer: each
  /// chunk of rows turns its raw rows into design rows front to back (a design row is never
  /// longer than the raw row it replaces, so it only overwrites rows already read); the
  /// chunks' blocks are then moved down into place one after another.
  ///
  /// Features kept as codes (`RawFeatures.coded`) stay codes: `codedDesign(reusing:...)`.
  package func design(
    reusing raw: consuming RawFeatures, regions: Categorical, industries: Categorical
  ) -> (design: DesignMatrix, unseenLevels: Int) {
    if raw.coded != nil {
      return codedDesign(reusing: consume raw, regions: regions, industries: industries)
    }
    let n = raw.count
    let writer = DesignRows(self, regions: regions, industries: industries, intercept: true)
    var storage = raw.storage
    raw.storage = []  // `storage` is now the only reference: written in place, not copied.
    let (unseen, finite) = writer.narrowRows(
      &storage, count: n, wide: raw.rowStride, narrow: numeric.count, first: raw.firstColumn,
      read: NumericFeature.allCases.count
    ) { features, row, check in
      writer.writeNumeric(row, features: features, check: &check)
    }
    return (
      DesignMatrix(
        observations: n, storage: storage, levels: writer.levelColumns(), knownFinite: finite),
      unseen
    )
  }

  /// Writes design rows: the intercept, the standardised numeric features and the one-hot
  /// category columns (shared by the copied and the in-place design).
  struct DesignRows {
    /// Columns of a design row.
    let width: Int
    let intercept: Bool
    let featureIndex: [Int]
    let means: [Double]
    let standardDeviations: [Double]
    let regionColumn: [Int]
    let industryColumn: [Int]
    let regions: Categorical
    let industries: Categorical

    init(_ spec: FeatureSpec, regions: Categorical, industries: Categorical, intercept: Bool) {
      let offset = intercept ? 1 : 0
      width = offset + spec.numeric.count + spec.regionLevels.count + spec.industryLevels.count
      self.intercept = intercept
      featureIndex = spec.numeric.map(\.position)
      means = spec.means
      standardDeviations = spec.standardDeviations
      regionColumn = FeatureSpec.columns(
        of: regions, levels: spec.regionLevels, baseline: spec.regionBaseline,
        pooled: spec.pooledRegionLevels, first: offset + spec.numeric.count)
      industryColumn = FeatureSpec.columns(
        of: industries, levels: spec.industryLevels, baseline: spec.industryBaseline,
        pooled: spec.pooledIndustryLevels,
        first: offset + spec.numeric.count + spec.regionLevels.count)
      self.regions = regions
      self.industries = industries
    }

    /// Writes every value of a design row from the raw features at `features` (feature f at
    /// `features[f]`) and the categories of `categoryRow`; adds `0 · v` of each standardised
    /// value to `check` (0 for every finite v and NaN otherwise, so one sum checks them all).
    /// - Returns: whether a category level of the row was never seen in training.
    @inline(__always)
    func write(
      _ row: UnsafeMutablePointer<Double>, features: UnsafePointer<Double>, categoryRow i: Int,
      check: inout Double
    ) -> Bool {
      let offset = intercept ? 1 : 0
      if intercept { row[0] = 1 }
      writeNumeric(row + offset, features: features, check: &check)
      let categories = offset + featureIndex.count
      (row + categories).update(repeating: 0, count: width - categories)
      let region = regionColumn[Int(regions.codes[i])]
      let industry = industryColumn[Int(industries.codes[i])]
      if region >= 0 { row[region] = 1 }
      if industry >= 0 { row[industry] = 1 }
      return isUnseen(categoryRow: i)
    }

    /// Writes the standardised numeric features of a row to `out` (see `write`).
    @inline(__always)
    func writeNumeric(
      _ out: UnsafeMutablePointer<Double>, features: UnsafePointer<Double>, check: inout Double
    ) {
      for (j, f) in featureIndex.enumerated() {
        let v = (features[f] - means[j]) / standardDeviations[j]
        out[j] = v
        check += 0 * v
      }
    }

    /// Turns the `n` raw rows of `wide` values in `storage` into design rows of `narrow`
    /// values, in place, on both cores.
    ///
    /// Row r's raw values `first ..< first + read` are copied out first (the design row may
    /// overlap the raw row it replaces), then `write(raw, row, &check)` writes its design row.
    /// Each chunk of rows works front to back
    /// in its own block (a design row is never longer than the raw row it replaces, so it only
    /// overwrites rows already read); the chunks' blocks are then moved down into place.
    /// - Returns: the rows with a category level never seen in training, and whether every
    ///   value written is finite (`check` left at 0).
    func narrowRows(
      _ storage: inout [Double], count n: Int, wide: Int, narrow: Int, first: Int, read: Int,
      _ write: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, inout Double) -> Void
    ) -> (unseen: Int, finite: Bool) {
      typealias Part = (rows: Range<Int>, unseen: Int, finite: Bool)
      let perChunk = storage.withUnsafeMutableBufferPointer { values -> [Part] in
        guard let start = values.baseAddress else { return [] }  // no rows
        let base = SendablePointer(start)
        return Parallel.map(n) { chunk -> Part in
          var unseen = 0
          var check = 0.0
          var row = base.pointer + chunk.lowerBound * wide
          withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(read, 1)) { source in
            let raw = source.baseAddress.unsafelyUnwrapped
            for r in chunk {
              raw.update(from: base.pointer + r * wide + first, count: read)
              write(raw, row, &check)
              if isUnseen(categoryRow: r) { unseen += 1 }
              row += narrow
            }
          }
          return (chunk, unseen, check == 0)
        }
      }
      storage.withUnsafeMutableBufferPointer { values in
        for part in perChunk where part.rows.lowerBound * narrow != part.rows.lowerBound * wide {
          _ = memmove(
            values.start + part.rows.lowerBound * narrow,
            values.start + part.rows.lowerBound * wide,
            part.rows.count * narrow * MemoryLayout<Double>.stride)
        }
      }
      storage.removeLast(n * (wide - narrow))
      return (perChunk.reduce(0) { $0 + $1.unseen }, perChunk.allSatisfy(\.finite))
    }

    /// Whether a category level of row `i` was never seen in training.
    @inline(__always)
    func isUnseen(categoryRow i: Int) -> Bool {
      regionColumn[Int(regions.codes[i])] == FeatureSpec.unseenLevel
        || industryColumn[Int(industries.codes[i])] == FeatureSpec.unseenLevel
    }

    /// The intercept and the category columns as levels (an unseen level has no column).
    func levelColumns() -> LevelColumns {
      func factor(_ values: Categorical, _ columns: [Int]) -> LevelColumns.Factor {
        LevelColumns.Factor(codes: values.codes, columns: columns.map { Int32(max($0, -1)) })
      }
      return LevelColumns(
        intercept: intercept, dense: featureIndex.count,
        factors: [factor(regions, regionColumn), factor(industries, industryColumn)],
        width: width)
    }
  }

  /// Rows from which training keeps its features of whole-number values as codes
  /// (`FeatureCodes`), in the sweep and in the design.
  ///
  /// Writing the coded rows out in every pass of the fits costs CPU for 42 bytes a row
  /// saved; below this the design's memory is not what limits a run.
  package static let codedDesignRows = 4_000_000

  /// Marks a level with no column that is not the baseline either.
  static let unseenLevel = -2

  /// For each level of `values`: its design column, -1 for the baseline and the levels pooled
  /// into it, `unseenLevel` for a level never seen in training.
  static func columns(
    of values: Categorical, levels: [String], baseline: String, pooled: [String], first: Int
  ) -> [Int] {
    let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    let pooled = Set(pooled)
    return values.levels.map { level in
      if let j = index[level] { return first + j }
      return level == baseline || pooled.contains(level) ? -1 : unseenLevel
    }
  }

  /// The reason text for design column `j` (without intercept).
  public func reason(forColumn j: Int) -> String {
    if j < numeric.count { return numeric[j].adverseReason }
    let r = j - numeric.count
    if r < regionLevels.count { return "Region \(regionLevels[r])" }
    return "Industry \(industryLevels[r - regionLevels.count])"
  }
}
