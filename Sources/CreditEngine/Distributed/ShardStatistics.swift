import CreditData
import CreditModels
import LinearAlgebra

/// What one shard of a history (its customers' invoices) returns for a round of training
/// from statistics: sums that add up over the shards to those of the whole history.
public struct ShardStatistics: Codable, Sendable {
  /// The round these are for.
  public var stage: ShardTrainingState.Stage
  /// The round's number in its training (1 for the population round): a Newton round's
  /// statistics are sums at that round's trial coefficients, no other's.
  public var round: Int
  /// The as-of date of the training they are for.
  @ISODay public var asOf: Day
  /// The shard, `i/n`.
  public var shard: String
  /// Round 1: the shard's part of the sample's totals.
  var sample: SampleTotals?
  /// Round 2: the numeric features' moments.
  var moments: FeatureMoments?
  /// Newton rounds (and the last round): each unfinished model's sums at its trial point.
  var logistic: NewtonSums?
  var weibull: NewtonSums?
  var cox: CoxShardSums?
  /// Last round: `Σ known (late − pd)²` and the rows the cure model and the rank metrics are
  /// computed on.
  var brier: Double?
  var rows: SampleRows?
}

/// Round 1's totals: the sample's counts, the population's outcome events per day (which
/// every invoice's shrunk features need) and the training rows per pair of region and
/// industry (`pairs[region][industry]`: the rows per region and per industry are its sums).
struct SampleTotals: Codable, Sendable {
  var counts = SampleCounts()
  var population: PopulationCounts?
  var pairs: [String: [String: Int]] = [:]

  mutating func add(_ o: SampleTotals) {
    counts.add(o.counts)
    if let p = o.population { population = population.map { $0.adding(p) } ?? p }
    pairs.merge(o.pairs) { $0.merging($1, uniquingKeysWith: +) }
  }
}

/// Counts of a training sample (all additive over shards).
struct SampleCounts: AdditiveSums, Codable, Sendable {
  var invoicesRead = 0
  var issuedAfterAsOf = 0
  var nonPositiveAmounts = 0
  var used = 0
  var labelled = 0
  var late = 0.0
  var unknown = 0
  var events = 0
  var customers = 0
  /// `Σ max(t, ½)` over the sample (the Weibull fit's exponential start).
  var time = 0.0

  static var counts: [WritableKeyPath<Self, Int>] {
    [
      \.invoicesRead, \.issuedAfterAsOf, \.nonPositiveAmounts, \.used, \.labelled, \.unknown,
      \.events, \.customers,
    ]
  }
  static var sums: [WritableKeyPath<Self, Double>] { [\.late, \.time] }
}

/// The numeric features' rows, means and sums of squared deviations (every
/// `NumericFeature`, in order).
///
/// Shards' moments are combined as Chan, Golub and LeVeque do:
///
/// ```
/// n = n_a + n_b,  x̄ = x̄_a + (x̄_b − x̄_a) n_b / n,  M₂ = M₂a + M₂b + (x̄_b − x̄_a)² n_a n_b / n
/// ```
struct FeatureMoments: Codable, Sendable {
  var rows = 0.0
  var means: [Double]
  var squares: [Double]

  /// The moments of `raw`'s rows (two passes: no cancellation).
  init(_ raw: RawFeatures) {
    let width = NumericFeature.allCases.count
    rows = Double(raw.count)
    means = [Double](repeating: 0, count: width)
    squares = [Double](repeating: 0, count: width)
    for i in 0..<raw.count {
      for f in 0..<width { means[f] += raw.storage[i * raw.rowStride + raw.firstColumn + f] }
    }
    means = means.map { $0 / max(rows, 1) }
    for i in 0..<raw.count {
      for f in 0..<width {
        let d = raw.storage[i * raw.rowStride + raw.firstColumn + f] - means[f]
        squares[f] += d * d
      }
    }
  }

  func adding(_ o: FeatureMoments) -> FeatureMoments {
    guard o.rows > 0 else { return self }
    guard rows > 0 else { return o }
    var merged = self
    merged.rows = rows + o.rows
    for f in means.indices {
      let delta = o.means[f] - means[f]
      merged.means[f] = means[f] + delta * o.rows / merged.rows
      merged.squares[f] = squares[f] + o.squares[f] + delta * delta * rows * o.rows / merged.rows
    }
    return merged
  }
}

/// Training rows sent whole to the driver, in the shard's risk-set order: the design,
/// outcomes and never-pay flags (the cure fit, AUC, concordances), and the raw features,
/// categories and whether the invoice is of the last year (the drift profile).
struct SampleRows: Codable, Sendable {
  var columns: Int
  var design: [Double] = []
  var durations: [Double] = []
  var events: [Bool] = []
  var late: [Double] = []
  var known: [Double] = []
  /// Whether the outcome became known within `DelinquencyCalibration.windowDays`.
  var recentOutcome: [Bool] = []
  var neverPays: [Bool] = []
  /// Every `NumericFeature` of each row, unscaled.
  var raw: [Double] = []
  var regions: [String] = []
  var industries: [String] = []
  /// Issued within `PopulationProfile.recentDays` of the as-of date.
  var recent: [Bool] = []
  /// The customer's id, and the issue, due and payment days (`Day.rawValue`; nil: not paid
  /// by the as-of date), for the open invoices' slope (`DelinquencyCalibration.openSlope`).
  var customers: [String] = []
  var issueDays: [Int32] = []
  var dueDays: [Int32] = []
  var paidDays: [Int32?] = []

  mutating func append(_ o: SampleRows) {
    design += o.design
    durations += o.durations
    events += o.events
    late += o.late
    known += o.known
    recentOutcome += o.recentOutcome
    neverPays += o.neverPays
    raw += o.raw
    regions += o.regions
    industries += o.industries
    recent += o.recent
    customers += o.customers
    issueDays += o.issueDays
    dueDays += o.dueDays
    paidDays += o.paidDays
  }
}
