import CreditEngine

/// The credit-limit decisions counted and ranked for the console and the report: holds,
/// increases, decreases, and the largest changes in currency.
public struct LimitChanges: Sendable {
  public var holds = 0
  public var increases = 0
  public var decreases = 0
  public var reduceExposure = 0
  /// Customers without a current limit, given their first (`recommended_limit` of
  /// credit_limits.csv; not among the increases and decreases).
  public var newLimits = 0
  /// Customers on hold, largest open balance first (ties by id).
  public var onHold: [CreditLimitDecision] = []
  /// Limits that change, largest change in currency first (ties by id).
  public var largestChanges: [CreditLimitDecision] = []

  /// - Parameter ranked: also fill `onHold` and `largestChanges` (false: the counts alone).
  public init(_ decisions: [CreditLimitDecision], ranked: Bool = true) {
    // Positions rather than copies of the decisions (each a dozen fields, several of them
    // text): ranked, then copied once.
    var holdRows: [Int] = []
    var changeRows: [Int] = []
    for i in decisions.indices {
      if decisions[i].hold {
        holds += 1
        holdRows.append(i)
      }
      if decisions[i].action == .reduceExposure { reduceExposure += 1 }
      guard let current = decisions[i].currentLimit else {
        newLimits += 1
        continue
      }
      guard decisions[i].recommendedLimit != current else { continue }
      if decisions[i].recommendedLimit > current { increases += 1 } else { decreases += 1 }
      changeRows.append(i)
    }
    guard ranked else { return }
    onHold = Self.sortedDescending(decisions, holdRows) { $0.openBalance }
    largestChanges = Self.sortedDescending(decisions, changeRows, by: Self.change)
  }

  /// The decisions at `rows` by `key`, largest first, ties by customer id.
  static func sortedDescending(
    _ decisions: [CreditLimitDecision], _ rows: [Int], by key: (CreditLimitDecision) -> Double
  ) -> [CreditLimitDecision] {
    var keys = [Double](repeating: 0, count: decisions.count)
    for i in rows { keys[i] = key(decisions[i]) }
    let order = rows.sorted { a, b in
      keys[a] != keys[b] ? keys[a] > keys[b] : decisions[b].customerID > decisions[a].customerID
    }
    return order.map { decisions[$0] }
  }

  /// The size of a decision's change, `|recommended − current|` (0 without a current limit).
  public static func change(_ d: CreditLimitDecision) -> Double {
    d.currentLimit.map { abs(d.recommendedLimit - $0) } ?? 0
  }
}
