import CreditData
import LinearAlgebra

/// How the training invoices were spread over each model feature, kept in the model file so
/// that a scored book can be compared with them (`PopulationDrift`).
///
/// A numeric feature is cut at its training deciles: bin `i` holds the values in
/// `(cutPoints[i − 1], cutPoints[i]]`, the first bin everything up to `cutPoints[0]` and the
/// last everything above the last cut. Deciles that coincide (a feature that is mostly 0, a
/// yes/no flag) are kept once, and a decile equal to the training maximum is dropped, so no
/// bin is empty in training. A category (region, industry) has a bin per training level.
/// `proportions` are the shares of all training invoices in each bin.
public struct PopulationProfile: Codable, Sendable, Equatable {
  /// Bins a numeric feature is cut into (at most; fewer when deciles coincide).
  public static let bins = 10
  /// Rows the deciles are read from: about this many.
  ///
  /// Every k-th training invoice; the proportions are counted over every invoice, the cut
  /// points only place the bins.
  public static let cutSampleRows = 20_000

  /// Training invoices the proportions were counted over.
  public var rows: Int
  /// The model's numeric features, in design order.
  public var numeric: [NumericDistribution]
  /// Region and industry.
  public var categories: [CategoryDistribution]

  /// The profile of training rows of raw features and their categories.
  /// - Parameter features: the features the model uses (`FeatureSpec.numeric`).
  /// - Complexity: O(n · f · b) to count n rows of f features into b bins (on all cores),
  ///   and O(s log s) per feature for the deciles of the s = `cutSampleRows` sampled rows.
  public init(
    raw: RawFeatures, features: [NumericFeature], regions: Categorical, industries: Categorical,
    rows selected: [Int]? = nil
  ) {
    let n = selected?.count ?? raw.count
    let step = max(1, n / Self.cutSampleRows)
    // The sampled rows' values, feature after feature, read a row at a time (a feature at a
    // time cost a cache miss per value), then the features' samples sorted on all cores.
    let sampleRows = stride(from: 0, to: n, by: step).map { selected?[$0] ?? $0 }
    let columns = features.map(\.position)
    var sampled = [Double](repeating: 0, count: sampleRows.count * features.count)
    raw.forEachRow(sampleRows.indices, rows: sampleRows) { i, values in
      for (j, column) in columns.enumerated() {
        sampled[j * sampleRows.count + i] = values[column]
      }
    }
    let cuts = Parallel.perform(features.count) { j -> (cuts: [Double], median: Double) in
      let sample = sampled[(j * sampleRows.count)..<((j + 1) * sampleRows.count)].sorted()
      return (Self.cutPoints(sortedValues: sample), Self.quantile(sortedValues: sample, 0.5))
    }
    let counts = Self.binCounts(
      raw, features: features, cutPoints: cuts.map(\.cuts), rows: selected)
    numeric = features.indices.map { j in
      NumericDistribution(
        feature: features[j], cutPoints: cuts[j].cuts,
        proportions: counts[j].map { Double($0) / Double(max(n, 1)) }, median: cuts[j].median)
    }
    categories = [
      CategoryDistribution(name: "region", regions, rows: selected),
      CategoryDistribution(name: "industry", industries, rows: selected),
    ]
    rows = n
  }

  /// The distinct deciles of sorted values below their maximum.
  ///
  /// Decile j (j = 1 ... bins − 1) is the smallest value with at least j/bins of the values at
  /// or below it: `sorted[⌈j·n/bins⌉ − 1]`.
  package static func cutPoints(sortedValues v: [Double]) -> [Double] {
    guard let top = v.last else { return [] }
    var cuts: [Double] = []
    for j in 1..<bins {
      let q = v[(j * v.count + bins - 1) / bins - 1]
      if q < top, cuts.last.map({ q > $0 }) ?? true { cuts.append(q) }
    }
    return cuts
  }

  /// The smallest value with at least share `p` of the sorted values at or below it; NaN
  /// when there are none.
  static func quantile(sortedValues v: [Double], _ p: Double) -> Double {
    guard !v.isEmpty else { return .nan }
    return v[quantileIndex(p, count: v.count)]
  }

  /// `quantile(sortedValues:_:)` of values in any order (reordered in place), by selection
  /// instead of a sort: O(n) on average.
  static func quantile(selecting values: inout [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    return SampleStatistics.select(quantileIndex(p, count: values.count), from: &values)
  }

  /// Where the quantile `p` of `count` sorted values is.
  private static func quantileIndex(_ p: Double, count: Int) -> Int {
    max(0, Int((p * Double(count)).rounded(.up)) - 1)
  }

  /// For each feature, the rows in each of its bins (chunks of rows on all cores, added in
  /// order).
  ///
  /// A value's bin is the number of cut points below it (a value equal to a cut point belongs
  /// to the bin it closes). Each row's bins are counted in one flat array, feature after
  /// feature, against the cut points laid out the same way: a nested array per feature cost a
  /// uniqueness check per value, and the counting took 8% of training at a million invoices.
  static func binCounts(
    _ raw: RawFeatures, features: [NumericFeature], cutPoints: [[Double]], rows: [Int]? = nil
  ) -> [[Int]] {
    precondition(features.count == cutPoints.count, "cut points for each feature")
    // Feature j: column columns[j] of a row, cut points cuts[cutStart[j] ..< cutStart[j + 1]],
    // bins from binStart[j] on.
    let columns = features.map(\.position)
    let cuts = cutPoints.flatMap { $0 }
    var cutStart = [0]
    var binStart = [0]
    for c in cutPoints {
      cutStart.append(cutStart[cutStart.count - 1] + c.count)
      binStart.append(binStart[binStart.count - 1] + c.count + 1)
    }
    let width = binStart[features.count]
    let parts =
      Parallel.map(rows?.count ?? raw.count) { chunk in
        var counts = [Int](repeating: 0, count: width)
        counts.withUnsafeMutableBufferPointer { counts in
          cuts.withUnsafeBufferPointer { cuts in
            raw.forEachRow(chunk, rows: rows) { _, values in
              for j in columns.indices {
                let x = values[columns[j]]
                var bin = binStart[j]
                // Without a branch per cut point (a value's bin is a coin toss to predict).
                for c in cutStart[j]..<cutStart[j + 1] { bin += x > cuts[c] ? 1 : 0 }
                counts[bin] += 1
              }
            }
          }
        }
        return counts
      }
    var total = [Int](repeating: 0, count: width)
    for part in parts {
      for b in 0..<width { total[b] += part[b] }
    }
    return features.indices.map { Array(total[binStart[$0]..<binStart[$0 + 1]]) }
  }
}

/// A numeric feature's training bins and the share of training invoices in each.
public struct NumericDistribution: Codable, Sendable, Equatable {
  public var feature: NumericFeature
  /// Increasing upper edges of every bin but the last.
  public var cutPoints: [Double]
  /// Share of the training invoices in each bin (`cutPoints.count + 1`, adding up to 1).
  public var proportions: [Double]
  /// The training median (of the sampled rows).
  public var median: Double
}

/// A category's training levels and the share of training invoices at each.
public struct CategoryDistribution: Codable, Sendable, Equatable {
  /// `region` or `industry`.
  public var name: String
  /// The levels seen in training, sorted.
  public var levels: [String]
  /// Share of the training invoices at each level.
  public var proportions: [Double]
}

extension CategoryDistribution {
  /// The shares of the levels of a column of training rows.
  init(name: String, _ values: Categorical, rows: [Int]? = nil) {
    var perCode = [Int](repeating: 0, count: values.levels.count)
    for r in 0..<(rows?.count ?? values.count) { perCode[Int(values.codes[rows?[r] ?? r])] += 1 }
    let seen = zip(values.levels, perCode).filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
    let n = Double(max(rows?.count ?? values.count, 1))
    self.init(name: name, levels: seen.map(\.0), proportions: seen.map { Double($0.1) / n })
  }
}

extension PopulationProfile {
  /// Days before the as-of date whose training invoices make the profile: a year, so that
  /// every season is in it.
  ///
  /// Features that count a customer's past (earlier invoices, tenure) grow with the calendar:
  /// against every training invoice since the history began, the open book of the as-of date
  /// itself would look drifted (on the bundled sample, PSI 0.55 for the earlier invoices
  /// over two years against 0.17 over the last one).
  public static let recentDays = 365
  /// Fewest invoices in that year for it to be the profile; with fewer, every training
  /// invoice is.
  public static let minimumRecentRows = 100

  /// The rows of the invoices `placement` places that were issued in the `recentDays` up to
  /// the as-of date, in order; nil (all of them) when they are fewer than `minimumRecentRows`.
  static func recentRows(_ placement: InvoicePlacement, _ portfolio: Portfolio) -> [Int]? {
    recentRows(flags: recentFlags(placement, portfolio))
  }

  /// Whether each row of the invoices `placement` places was issued in the `recentDays` up to
  /// the as-of date: a byte a row, kept by training while the history's columns are alive
  /// (the rows themselves take 8 bytes each of the recent ones, `recentRows(flags:)`).
  static func recentFlags(_ placement: InvoicePlacement, _ portfolio: Portfolio) -> [Bool] {
    let h = portfolio.history
    let start = portfolio.asOf.adding(days: -recentDays)
    return placement.array { h.issueDate[$0] > start }
  }

  /// The flagged rows (`recentFlags`), in order, in an array of their own size; nil (all of
  /// them) when they are fewer than `minimumRecentRows`.
  static func recentRows(flags recent: [Bool]) -> [Int]? {
    let count = recent.count { $0 }
    guard count >= minimumRecentRows else { return nil }
    return [Int](unsafeUninitializedCapacity: count) { out, initialized in
      for (row, isRecent) in recent.enumerated() where isRecent {
        out[initialized] = row
        initialized += 1
      }
    }
  }
}
