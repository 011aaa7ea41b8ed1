import CreditData

/// Checks a scored book's decisions against the data they rest on, recomputing every
/// customer's record straight from the history (not from the scorer's tallies).
///
/// Counted (each should be 0):
/// - reasons that contradict the customer's own values: the value quoted is not the
///   customer's, or is not on the adverse side of the portfolio's median it quotes, or the
///   words say something the record does not (a high open balance or overdue amount of 0, a
///   recent late payment for a customer never late, a short relationship at or above the
///   median, a late share or a slow payer with no late days);
/// - customers on hold whose recommended limit is above the current one;
/// - recommended limits beyond the policy's cap or floor for one review (`maximumIncrease`,
///   `maximumDecrease` of the current limit);
/// - recommended limits below the open balance with neither a hold nor a reduce-exposure
///   action;
/// - customers with an undisputed invoice 90 or more days past due whose worklist rows are
///   all dispute resolution (or who have none).
public struct DecisionCheck: Sendable {
  public var customers = 0
  public var reasons = 0
  public var contradictingReasons = 0
  public var holds = 0
  public var holdsRaised = 0
  public var limitsBeyondCaps = 0
  public var belowExposure = 0
  public var belowExposureUnhandled = 0
  public var seriouslyOverdueCustomers = 0
  public var overdueHandledOnlyAsDispute = 0
  /// The first few failures, in words.
  public var examples: [String] = []

  /// Every count that should be 0 is.
  public var passed: Bool {
    contradictingReasons == 0 && holdsRaised == 0 && limitsBeyondCaps == 0
      && belowExposureUnhandled == 0 && overdueHandledOnlyAsDispute == 0
  }

  /// Checks `result`, the scoring of `portfolio` with a model whose delinquency rule is
  /// `rule` and with `ladder`.
  public init(
    _ portfolio: Portfolio, _ result: ScoreResult, rule: DelinquencyRule,
    ladder: CollectionsLadder = CollectionsLadder()
  ) {
    let record = DecisionCheck.records(portfolio, rule: rule)
    let index = Dictionary(
      uniqueKeysWithValues: portfolio.history.customerIDs.enumerated().map { ($1, $0) })
    checkReasons(result, record: record, index: index)
    checkLimits(result)
    checkWorklist(portfolio, result, ladder: ladder)
  }

  mutating func fail(_ text: String) {
    if examples.count < 10 { examples.append(text) }
  }

  /// Each reason of each customer against the customer's record recomputed from the history.
  mutating func checkReasons(
    _ result: ScoreResult, record: [CustomerFacts], index: [String: Int]
  ) {
    // The scorer's facts where the record has no independent value (the typical next
    // invoice's amount and terms, billing, limit, region, industry).
    let facts = result.customers.map { score -> CustomerFacts in
      guard let c = index[score.customerID], var f = score.facts else {
        preconditionFailure("a scored customer without facts")
      }
      let r = record[c]
      f.openBalance = r.openBalance
      f.overdueBalance = r.overdueBalance
      f.invoices = r.invoices
      f.knownOutcomes = r.knownOutcomes
      f.lateInvoices = r.lateInvoices
      f.paidInvoices = r.paidInvoices
      f.meanDaysLate = r.meanDaysLate
      f.paceRatio = r.paceRatio
      f.daysSinceLate = r.daysSinceLate
      f.tenureDays = r.tenureDays ?? f.tenureDays
      return f
    }
    var medians: [ReasonFactor: Double?] = [:]
    customers = result.customers.count
    for (score, f) in zip(result.customers, facts) {
      for reason in score.reasonDetails {
        reasons += 1
        let typical =
          medians[reason.factor]
          ?? {
            var values = facts.compactMap { reason.factor.value(of: $0) }
            let m = SampleStatistics.median(sorting: &values)
            medians[reason.factor] = m
            return m
          }()
        if let problem = Self.contradiction(reason, facts: f, typical: typical) {
          contradictingReasons += 1
          fail("\(score.customerID): '\(reason.text(score.facts ?? f))': \(problem)")
        }
      }
    }
  }

  /// Why `reason` contradicts the customer's record, or nil when it does not.
  static func contradiction(_ reason: CustomerReason, facts f: CustomerFacts, typical: Double?)
    -> String?
  {
    guard let value = reason.factor.value(of: f) else { return "the customer has no value" }
    guard let typical else { return "the portfolio has no median" }
    if abs(value - reason.value) > 1e-6 * max(1, abs(value)) {
      return "quotes \(reason.value), the record has \(value)"
    }
    if abs(typical - reason.typical) > 1e-6 * max(1, abs(typical)) {
      return "quotes a median of \(reason.typical), the portfolio's is \(typical)"
    }
    if reason.higherIsAdverse ? !(value > typical) : !(value < typical) {
      return "\(value) is not \(reason.higherIsAdverse ? "above" : "below") the median \(typical)"
    }
    let text = reason.text(f)
    if text.hasPrefix("High open balance"), f.openBalance <= 0 { return "nothing is open" }
    if text.hasPrefix("Overdue"), f.overdueBalance <= 0 { return "nothing is overdue" }
    if text.hasPrefix("Recent late payment"), f.lateInvoices == 0 || f.daysSinceLate == nil {
      return "never late"
    }
    if text.hasPrefix("Often late"), f.lateInvoices == 0 { return "never late" }
    if text.hasPrefix("Slow payer"), (f.meanDaysLate ?? 0) <= 0 { return "never paid after due" }
    if text.hasPrefix("Short relationship"), (f.tenureDays.map(Double.init) ?? 0) >= typical {
      return "customer for at least the median"
    }
    return nil
  }

  /// Holds never raise a limit; a limit stays within one review's cap and floor; a limit
  /// below the open balance comes with an action.
  mutating func checkLimits(_ result: ScoreResult) {
    for d in result.creditLimits {
      let c = d.computation
      if let current = d.currentLimit, current > 0,
        d.recommendedLimit > current * (1 + c.maximumIncrease) + 1e-6
          || d.recommendedLimit < current * (1 - c.maximumDecrease) - 1e-6
      {
        limitsBeyondCaps += 1
        fail("\(d.customerID): limit \(current) -> \(d.recommendedLimit), beyond the caps")
      }
      if d.hold {
        holds += 1
        if let current = d.currentLimit, d.recommendedLimit > current {
          holdsRaised += 1
          fail("\(d.customerID): on hold, limit \(current) -> \(d.recommendedLimit)")
        }
      }
      if d.recommendedLimit < d.openBalance {
        belowExposure += 1
        if !d.hold && d.action != .reduceExposure {
          belowExposureUnhandled += 1
          fail("\(d.customerID): limit \(d.recommendedLimit) below open \(d.openBalance)")
        }
      }
    }
  }
}
