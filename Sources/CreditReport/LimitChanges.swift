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
    onHold.sort { ($0.openBalance, $1.customerID) > ($1.openBalance, $0.customerID) }
    largestChanges.sort {
      (Self.change($0), $1.customerID) > (Self.change($1), $0.customerID)
    }
  }

  /// The size of a decision's change, `|recommended − current|` (0 without a current limit).
  public static func change(_ d: CreditLimitDecision) -> Double {
    d.currentLimit.map { abs(d.recommendedLimit - $0) } ?? 0
  }
}
