import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// The population stability index (PSI) of each model feature between the training invoices
/// (`PopulationProfile`, kept in the model file) and the scored book: the invoices open at the
/// as-of date, with the features each had at its issue date, as the model scores them.
///
/// With `e_i` the share of the training invoices in bin `i` and `a_i` that of the open
/// invoices,
///
/// ```
/// PSI = Σ_i (a_i − e_i) · ln(a_i / e_i)
/// ```
///
/// where a share of 0 counts as `epsilon` (0.0001) on either side, so an empty bin adds a
/// large but finite term. PSI is 0 for the same spread and grows with the shift; the usual
/// reading, kept here: below 0.1 stable, 0.1 to 0.25 a shift to watch, above 0.25 drifted
/// (the model is scoring a population it did not learn from).
public struct PopulationDrift: Sendable, Equatable {
  /// PSI above which a feature has drifted (a `warning:` line).
  public static let threshold = 0.25
  /// PSI from which a shift is worth watching.
  public static let watchThreshold = 0.1
  /// The share an empty bin counts as: one invoice in 10,000.
  public static let epsilon = 0.0001

  /// Training invoices the profile was counted over.
  public var trainingRows: Int
  /// Open invoices compared.
  public var rows: Int
  /// Each feature's PSI, numeric features in design order, then region and industry.
  public var features: [FeatureDrift]

  /// Open invoices needed for the comparison to mean something: with fewer, a bin's share
  /// moves by whole percents with each invoice (and 10 bins of a book of n invoices give a
  /// PSI of about 9/n from chance alone).
  public static let minimumRows = 100

  /// Whether the book is large enough to judge (`minimumRows`).
  public var isJudged: Bool { rows >= Self.minimumRows }

  /// The features that drifted (PSI above `threshold`); none when the book is too small to
  /// judge.
  public var drifted: [FeatureDrift] {
    isJudged ? features.filter { $0.psi > Self.threshold } : []
  }

  /// `Σ (a_i − e_i) ln(a_i / e_i)`, each share at least `epsilon`.
  public static func psi(expected: [Double], actual: [Double]) -> Double {
    precondition(expected.count == actual.count, "one share per bin on each side")
    return zip(expected, actual).reduce(0) { sum, pair in
      let e = max(pair.0, epsilon)
      let a = max(pair.1, epsilon)
      return sum + (a - e) * log(a / e)
    }
  }

  /// Compares the open invoices' raw features and categories with the training profile.
  public init(
    _ profile: PopulationProfile, raw: RawFeatures, regions: Categorical, industries: Categorical
  ) {
    trainingRows = profile.rows
    rows = raw.count
    let n = Double(max(raw.count, 1))
    let counts = PopulationProfile.binCounts(
      raw, features: profile.numeric.map(\.feature), cutPoints: profile.numeric.map(\.cutPoints))
    // A feature at a time, the features on both cores.
    let numeric = profile.numeric
    var features = Parallel.array(numeric.count, minimumChunk: 1) { j in
      let d = numeric[j]
      let actual = counts[j].map { Double($0) / n }
      var values = (0..<raw.count).map { raw[d.feature, $0] }
      let median = PopulationProfile.quantile(selecting: &values, 0.5)
      return FeatureDrift(d, actual: actual, median: median)
    }
    for d in profile.categories {
      let values = d.name == "region" ? regions : industries
      features.append(FeatureDrift(d, values))
    }
    self.features = features
  }
}

/// One feature's PSI between the training invoices and the open book, and what moved.
public struct FeatureDrift: Sendable, Equatable {
  /// The design's name: `log_amount`, ..., `region`, `industry`.
  public var feature: String
  public var psi: Double
  /// Share of the training invoices and of the open invoices in each bin.
  public var expected: [Double]
  public var actual: [Double]
  /// What moved most, in words: the medians and the bin whose share changed most.
  public var moved: String

  /// `stable` (PSI below 0.1), `watch` (0.1 to 0.25) or `drifted` (above 0.25).
  public var status: String {
    psi > PopulationDrift.threshold
      ? "drifted" : psi >= PopulationDrift.watchThreshold ? "watch" : "stable"
  }

  public init(feature: String, psi: Double, expected: [Double], actual: [Double], moved: String) {
    self.feature = feature
    self.psi = psi
    self.expected = expected
    self.actual = actual
    self.moved = moved
  }

  /// A numeric feature: the bin whose share moved most and the medians.
  init(_ d: NumericDistribution, actual: [Double], median: Double) {
    let f = d.feature
    let b = Self.mostMoved(expected: d.proportions, actual: actual)
    let text: String
    if f.isFlag {
      let last = d.cutPoints.count
      text = "\(f.describe(1)): \(Self.shares(d.proportions[last], actual[last]))"
    } else {
      let shares = Self.shares(d.proportions[b], actual[b])
      let cuts = d.cutPoints
      // Edges or medians that read the same in words (a narrow bin of shrunk rates, both
      // "13% of earlier invoices late") are said once.
      let bin =
        cuts.isEmpty
        ? "all values"
        : b == 0
          ? "up to \(f.describe(cuts[0]))"
          : b == cuts.count
            ? "above \(f.describe(cuts[b - 1]))"
            : f.describe(cuts[b - 1]) == f.describe(cuts[b])
              ? "at about \(f.describe(cuts[b]))"
              : "from \(f.describe(cuts[b - 1])) to \(f.describe(cuts[b]))"
      // No median now (nothing open has the value): nothing to put in words, and `describe`
      // of NaN would turn it into an integer.
      var medians = ""
      if !median.isNaN {
        let (was, now) = (f.describe(d.median), f.describe(median))
        medians =
          was == now
          ? "median \(was) in training and now; " : "median \(was) in training, \(now) now; "
      }
      text = medians + "\(bin): \(shares)"
    }
    self.init(
      feature: f.name, psi: PopulationDrift.psi(expected: d.proportions, actual: actual),
      expected: d.proportions, actual: actual, moved: text)
  }

  /// A category: the level whose share moved most, levels unseen in training as one more bin.
  init(_ d: CategoryDistribution, _ values: Categorical) {
    let index = Dictionary(uniqueKeysWithValues: d.levels.enumerated().map { ($1, $0) })
    let bin = values.levels.map { index[$0] ?? d.levels.count }
    var counts = [Int](repeating: 0, count: d.levels.count + 1)
    for c in values.codes { counts[bin[Int(c)]] += 1 }
    let actual = counts.map { Double($0) / Double(max(values.count, 1)) }
    let expected = d.proportions + [0]
    let b = Self.mostMoved(expected: expected, actual: actual)
    let level =
      b == d.levels.count
      ? "levels not seen in training" : "\(d.name) \(d.levels[b].isEmpty ? "(empty)" : d.levels[b])"
    self.init(
      feature: d.name, psi: PopulationDrift.psi(expected: expected, actual: actual),
      expected: expected, actual: actual,
      moved: "\(level): \(Self.shares(expected[b], actual[b]))")
  }

  /// The bin with the largest `|a − e|` (the first of equals).
  static func mostMoved(expected: [Double], actual: [Double]) -> Int {
    var best = 0
    for i in expected.indices
    where abs(actual[i] - expected[i]) > abs(actual[best] - expected[best]) {
      best = i
    }
    return best
  }

  static func shares(_ e: Double, _ a: Double) -> String {
    "\(percent(e)) of training invoices, \(percent(a)) of open invoices"
  }

  /// A share in percent with one decimal: `12.5%`.
  static func percent(_ share: Double) -> String {
    "\(AmountText.oneDecimal(100 * share))%"
  }
}

extension NumericFeature {
  /// A yes/no feature (0 or 1).
  var isFlag: Bool { self == .disputed || self == .paperless || self == .hasCreditLimit }
}
