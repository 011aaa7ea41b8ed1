import CreditData
import CreditModels
import LinearAlgebra

/// Where a training from shard statistics stands: the settings, what the rounds so far have
/// settled, and what the shards compute next.
///
/// The rounds, each one pass of every shard over its own customers' invoices
/// (`ShardTrainer.statistics`) and one step of the driver over the summed statistics
/// (`absorb`):
/// 1. `population`: the sample's counts, the population's outcome events per day (which
///    every invoice's shrunk features need) and the rows per category level;
/// 2. `moments`: the numeric features' means and spreads, for the scaling;
/// 3. `newton`: the logistic, Weibull and Cox sums at each model's trial point, one Newton
///    step (or step halving) per round, until all three have converged;
/// 4. `final`: the Cox sums at the estimate (the baseline hazard), the Brier sum and the rows
///    of the cure fit and the rank metrics, from which the driver assembles the model.
public struct ShardTrainingState: Codable, Sendable {
  /// The rounds.
  public enum Stage: String, Codable, Sendable {
    case population, moments, newton, final, done
  }

  public static let currentFormat = "creditrisk-shard-training/2"
  public var format = ShardTrainingState.currentFormat
  /// What the shards compute next (`done`: `model` is set).
  public internal(set) var stage = Stage.population
  /// Rounds absorbed so far.
  public internal(set) var rounds = 0
  @ISODay public var asOf: Day
  public var options: Settings
  /// Round 1's totals over every shard.
  var sample: SampleTotals?
  var features: FeatureSpec?
  var logistic: NewtonProgress?
  var weibull: NewtonProgress?
  var cox: NewtonProgress?
  /// The trained model, once `stage == .done`.
  public internal(set) var model: TrainedModel?

  /// The settings of `creditrisk train` that a training from statistics takes.
  public struct Settings: Codable, Sendable {
    public var lateDays: Int
    public var l2: Double
    public var ties: CoxProportionalHazards.TieMethod
    public var shrinkage: Double
    public var version: String

    public init(_ options: TrainingOptions) {
      lateDays = options.rule.lateDays
      l2 = options.l2
      ties = options.ties
      shrinkage = options.shrinkage
      version = options.version
    }

    var rule: DelinquencyRule { DelinquencyRule(lateDays: lateDays) }
  }

  /// The first round's state.
  public init(asOf: Day, options: TrainingOptions) {
    self.asOf = asOf
    self.options = Settings(options)
  }

  /// The sample's counts, once round 1 is settled.
  var counts: SampleCounts? { sample?.counts }

  /// Whether the training has finished.
  public var isDone: Bool { stage == .done }

  /// Design column names (intercept first), once the features are settled.
  var names: [String] { features.map { ["Intercept"] + $0.columnNames } ?? [] }

  /// The share of customers whose rows the last round sends whole (all of them up to
  /// `PaymentTiming.maximumRows` training invoices).
  var rowShare: Double {
    Swift.min(1, Double(PaymentTiming.maximumRows) / Double(Swift.max(counts?.used ?? 1, 1)))
  }

  /// Whether customer `id`'s rows are sent whole in the last round: all when the sample has
  /// at most `PaymentTiming.maximumRows` invoices, else those of the customers whose hash
  /// (`CustomerShard.hash`) falls in the first `rowShare` of its range, whatever the shards.
  func sendsRows(of id: String) -> Bool {
    rowShare >= 1 || Double(CustomerShard.hash(id) >> 11) * 0x1p-53 < rowShare
  }
}
