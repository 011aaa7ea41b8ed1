#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The ground truth of collections events: promises to pay, dispute resolution, distress
/// and early-payment discounts.
///
/// Promises and disputes are drawn around the payment dates the payment model already fixed,
/// so they leave history.csv unchanged. Distress and discounts change payment dates and are
/// off unless `SimulationConfiguration.distressedShare` or `discountOfferShare` is positive.
///
/// Promises: an invoice still unpaid `promiseAfterDueDays` after its due date gets a promise
/// with probability `promiseShare`, made that many days after due plus a uniform
/// `0...promiseSpreadDays`. The customer means to keep it with probability
/// ```
/// P(keep) = logistic(k0 + k1 latent_risk)
/// ```
/// A promise meant to be kept names a date on or up to `promiseSpreadDays / 2` days after the
/// real payment; a broken one a date before it (or any date, for an invoice never paid).
///
/// Disputes: a disputed invoice's dispute opens a uniform `0...disputeOpenMaxDays` days
/// after issue (never after payment or the snapshot) and takes a Weibull time to resolve
/// with shape `disputeResolutionShape` and the scale of its reason; it is resolved at the
/// latest when the invoice is paid.
///
/// Distress: from its change date, a distressed customer's log days to pay grows by
/// `distressTrendPer30Days` for every 30 days elapsed, up to `distressTrendCapDays`, and its
/// never-pay logit by `distressNeverPayLogit` times the same fraction of the cap.
///
/// Discounts: an offered invoice may be paid within `discountDays` days of issue for
/// `discountPercent` % off. A customer who would otherwise pay later takes it with probability
/// ```
/// P(take) = logistic(t0 + t1 latent_risk)
/// ```
/// and then pays on the last day of the window.
public struct CollectionsModel: Sendable, Equatable, Codable {
  // MARK: - Promises

  /// Probability that an invoice overdue by `promiseAfterDueDays` gets a promise.
  public var promiseShare: Double = 0.35
  /// Days past due after which a promise can be made.
  public var promiseAfterDueDays: Int = 7
  /// Spread of the day the promise is made, and twice the slack of a kept promise's date.
  public var promiseSpreadDays: Int = 14
  /// Logistic intercept k0 of keeping a promise.
  public var promiseKeepIntercept: Double = 1.2
  /// Logistic slope k1 of keeping a promise on latent risk.
  public var promiseKeepRisk: Double = -0.9

  // MARK: - Disputes

  /// A dispute opens within this many days of issue.
  public var disputeOpenMaxDays: Int = 20
  /// Dispute reasons with their share and the Weibull scale of their resolution time (days).
  public var disputeReasons: [DisputeReason] = [
    DisputeReason(name: "pricing", weight: 0.35, resolutionScaleDays: 18),
    DisputeReason(name: "quantity", weight: 0.2, resolutionScaleDays: 12),
    DisputeReason(name: "quality", weight: 0.25, resolutionScaleDays: 30),
    DisputeReason(name: "not_received", weight: 0.15, resolutionScaleDays: 8),
    DisputeReason(name: "duplicate", weight: 0.05, resolutionScaleDays: 5),
  ]
  /// Weibull shape of dispute resolution times.
  public var disputeResolutionShape: Double = 1.3

  // MARK: - Distress

  /// Earliest change date, in days before the snapshot.
  public var distressEarliestDays: Int = 300
  /// Latest change date, in days before the snapshot.
  public var distressLatestDays: Int = 60
  /// Growth of log days to pay per 30 days after the change date.
  public var distressTrendPer30Days: Double = 0.15
  /// Days after the change date at which the trend stops growing.
  public var distressTrendCapDays: Int = 180
  /// Never-pay logit added once the trend reaches its cap.
  public var distressNeverPayLogit: Double = 1.5

  // MARK: - Discounts

  /// Discount in percent of the amount.
  public var discountPercent: Double = 2
  /// Days from issue within which the discount applies.
  public var discountDays: Int = 10
  /// Logistic intercept t0 of taking a discount.
  public var discountTakeUpIntercept: Double = -0.4
  /// Logistic slope t1 of taking a discount on latent risk.
  public var discountTakeUpRisk: Double = -0.8

  /// The defaults described above.
  public init() {}

  /// One dispute reason.
  public struct DisputeReason: Sendable, Equatable, Codable {
    /// The value written to disputes.csv.
    public var name: String
    /// Relative frequency.
    public var weight: Double
    /// Weibull scale of the resolution time in days.
    public var resolutionScaleDays: Double

    /// A reason with its share and resolution scale.
    public init(name: String, weight: Double, resolutionScaleDays: Double) {
      self.name = name
      self.weight = weight
      self.resolutionScaleDays = resolutionScaleDays
    }
  }

  /// Checks the settings.
  /// - Throws: `SimulationError.invalidSetting` naming the first bad one.
  public func validate() throws(SimulationError) {
    guard promiseShare >= 0 && promiseShare <= 1 else {
      throw .invalid("promise share", "must be between 0 and 1")
    }
    guard promiseAfterDueDays >= 0, promiseSpreadDays >= 0, disputeOpenMaxDays >= 0 else {
      throw .invalid("promise and dispute days", "must not be negative")
    }
    guard !disputeReasons.isEmpty,
      disputeReasons.allSatisfy({ $0.weight >= 0 && $0.resolutionScaleDays > 0 }),
      disputeReasons.contains(where: { $0.weight > 0 })
    else { throw .invalid("dispute reasons", "need positive scales and non-negative weights") }
    guard disputeResolutionShape > 0 else {
      throw .invalid("dispute resolution shape", "must be positive")
    }
    guard distressLatestDays >= 0, distressEarliestDays >= distressLatestDays,
      distressTrendCapDays >= 1
    else { throw .invalid("distress window", "needs 0 ≤ latest ≤ earliest and a cap ≥ 1 day") }
    guard discountDays >= 1, discountPercent > 0, discountPercent < 100 else {
      throw .invalid("discount", "needs at least 1 day and a percent in (0, 100)")
    }
  }

  // MARK: - Derived

  /// Probability that a customer of `latentRisk` keeps a promise it makes.
  public func promiseKeepProbability(latentRisk: Double) -> Double {
    logistic(promiseKeepIntercept + promiseKeepRisk * latentRisk)
  }

  /// Probability that a customer of `latentRisk` takes an offered discount.
  public func discountTakeUpProbability(latentRisk: Double) -> Double {
    logistic(discountTakeUpIntercept + discountTakeUpRisk * latentRisk)
  }

  /// The distress progress `min(1, elapsed / cap)` of an invoice issued `elapsed` days after
  /// the change date (0 before it).
  public func distressProgress(daysSinceChange elapsed: Int) -> Double {
    elapsed < 0 ? 0 : min(1, Double(elapsed) / Double(distressTrendCapDays))
  }

  /// The log days-to-pay shift at distress progress `progress`.
  public func distressLogTimeShift(progress: Double) -> Double {
    distressTrendPer30Days * progress * Double(distressTrendCapDays) / 30
  }
}

/// The logistic function `1 / (1 + e^(−z))`.
func logistic(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
