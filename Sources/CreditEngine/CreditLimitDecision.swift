/// A credit-limit recommendation (a row of credit_limits.csv), with how it was computed.
public struct CreditLimitDecision: Sendable, Equatable {
  public var customerID: String
  public var currentLimit: Double?
  public var recommendedLimit: Double
  public var hold: Bool
  /// The customer's exposure: its open balance at the as-of date (credit notes included).
  public var openBalance: Double
  /// Each cause of the hold, in words (empty without a hold).
  public var holdReasons: [String]
  /// What the credit team does about the limit.
  public var action: LimitAction
  /// The steps from the customer's volume to the recommended limit.
  public var computation: LimitComputation

  /// How far the open balance is above the recommended limit (0 when it is not).
  public var excessExposure: Double { max(0, openBalance - recommendedLimit) }

  /// A decision from its parts (its reason is made from them: `reason`).
  public init(
    customerID: String, currentLimit: Double?, recommendedLimit: Double, hold: Bool,
    openBalance: Double, holdReasons: [String], action: LimitAction,
    computation: LimitComputation
  ) {
    self.customerID = customerID
    self.currentLimit = currentLimit
    self.recommendedLimit = recommendedLimit
    self.hold = hold
    self.openBalance = openBalance
    self.holdReasons = holdReasons
    self.action = action
    self.computation = computation
  }
}

/// What a limit decision asks of the credit team.
public enum LimitAction: String, Sendable, Equatable {
  /// Nothing beyond applying the recommended limit.
  case none
  /// Stop new orders on credit until the hold is released.
  case hold
  /// The open balance is above the recommended limit: collect the excess before new orders.
  case reduceExposure = "reduce exposure"
}

/// The steps of a recommended limit, with every number used.
///
/// `base = monthlyVolume × gradeFactor`; with a current limit the base is kept within
/// `[floor, ceiling]` (`current × (1 − maximumDecrease)`, `current × (1 + maximumIncrease)`);
/// the result is rounded to `roundingUnit` (but never past the ceiling, the floor or the
/// current limit); on hold it is
/// held at the current limit when it would rise.
public struct LimitComputation: Sendable, Equatable {
  /// Positive amounts invoiced within the look-back.
  public var volume: Double
  public var lookbackDays: Int
  /// `volume / (lookbackDays / (365 / 12))`.
  public var monthlyVolume: Double
  public var grade: String
  /// Months of sales allowed for the grade.
  public var gradeFactor: Double
  /// `monthlyVolume × gradeFactor`.
  public var base: Double
  /// The lowest and highest limit one review may give (nil without a current limit).
  public var floor: Double?
  public var ceiling: Double?
  /// The base kept within the floor and ceiling.
  public var capped: Double
  /// 1,000, or 100 below 10,000.
  public var roundingUnit: Double
  /// The capped value rounded (kept at the current limit rather than rounded past it).
  public var rounded: Double
  /// The hold kept the limit at the current one instead of raising it.
  public var increaseWithheld: Bool
  /// The policy's largest rise and cut of one review, as fractions of the current limit
  /// (what the floor and ceiling are made with).
  public var maximumIncrease: Double = 0
  public var maximumDecrease: Double = 0
  /// The capped value was rounded to the unit (false: kept at the current limit rather than
  /// rounded past it).
  public var roundedToUnit = true
  /// The nearest unit lay beyond the ceiling (or floor), so the capped value was rounded to
  /// the unit toward the current limit instead: down at the ceiling, up at the floor.
  public var roundedTowardCurrent = false
}
