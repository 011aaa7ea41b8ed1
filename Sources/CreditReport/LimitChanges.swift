import CreditEngine

/// The credit-limit decisions counted and ranked for the console and the report: holds,
/// increases, decreases, and the largest changes in currency.
public struct LimitChanges: Sendable {
  public var holds = 0
  public var increases = 0
  public var decreases = 0
  public var reduceExposure = 0
  /// Customers on hold, largest open balance first (ties by id).
  public var onHold: [CreditLimitDecision] = []
  /// Limits that change, largest change in currency first (ties by id).
  public var largestChanges: [CreditLimitDecision] = []

  public init(_ decisions: [CreditLimitDecision]) {
    for d in decisions {
      if d.hold {
        holds += 1
        onHold.append(d)
      }
      if d.action == .reduceExposure { reduceExposure += 1 }
      guard let current = d.currentLimit, d.recommendedLimit != current else { continue }
      if d.recommendedLimit > current { increases += 1 } else { decreases += 1 }
      largestChanges.append(d)
    }
    onHold = Self.sortedDescending(onHold, by: \.openBalance)
    largestChanges = Self.sortedDescending(largestChanges, by: Self.change)
  }

  /// `decisions` by `key`, largest first, ties by customer id; positions are sorted rather
  /// than the decisions (each a dozen fields, several of them text).
  static func sortedDescending(
    _ decisions: [CreditLimitDecision], by key: (CreditLimitDecision) -> Double
  ) -> [CreditLimitDecision] {
    let keys = decisions.map(key)
    let order = decisions.indices.sorted { a, b in
      keys[a] != keys[b] ? keys[a] > keys[b] : decisions[b].customerID > decisions[a].customerID
    }
    return order.map { decisions[$0] }
  }

  /// The size of a decision's change, `|recommended − current|` (0 without a current limit).
  public static func change(_ d: CreditLimitDecision) -> Double {
    d.currentLimit.map { abs(d.recommendedLimit - $0) } ?? 0
  }
}
