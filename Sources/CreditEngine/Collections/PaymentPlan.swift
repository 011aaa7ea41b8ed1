import CreditData

/// One instalment of a proposed payment plan (a row of payment_plans.csv).
public struct PaymentPlanInstalment: Sendable, Equatable {
  public var customerID: String
  /// 1 for the first instalment.
  public var instalment: Int
  /// The number of instalments of the plan.
  public var instalments: Int
  public var dueDate: Day
  /// The instalment's amount; the plan's amounts add up to `planTotal` to the cent.
  public var amount: Double
  /// What the plan pays off: the customer's overdue balance at the as-of date.
  public var planTotal: Double
  /// The customer's expected payments within 30 days, `Σ open amount × p_paid_30d`.
  public var expected30d: Double
  /// What is left of `planTotal` after this instalment.
  public var remainingAfter: Double
}

/// Payment plans for customers who are not expected to clear their arrears on their own.
///
/// A customer gets a plan when its overdue balance is more than it is expected to pay within
/// the next 30 days, `C = Σ amount × p_paid_30d` over its open invoices (invoices.csv). The
/// plan pays off the overdue balance `B` in instalments 30 days apart, the first 30 days after
/// the as-of date, each of the customer's monthly paying capacity `C` (in whole cents, rounded
/// down) but never less than `B / maxInstalments` (rounded up to the cent), so no plan is
/// longer than `maxInstalments`; the last instalment is what remains. In cents:
///
/// ```
/// size = max(⌊100·C⌋, ⌈100·B / maxInstalments⌉)
/// n    = ⌈100·B / size⌉
/// amount_i = size (i < n),  amount_n = 100·B − (n − 1)·size
/// ```
///
/// so the amounts add up to the overdue balance exactly.
public enum PaymentPlanner {
  /// The longest plan, in instalments (a year of monthly payments).
  public static let maxInstalments = 12
  /// Days between instalments, and from the as-of date to the first.
  public static let intervalDays = 30

  /// The plans of the customers that need one, customers in the order given.
  public static func plans(
    customers: [CustomerScore], invoices: [InvoiceScore], asOf: Day
  ) -> [PaymentPlanInstalment] {
    var capacity: [String: Double] = [:]
    for v in invoices { capacity[v.customerID, default: 0] += v.amount * v.pPaid30d }
    return customers.flatMap { c in
      schedule(
        customerID: c.customerID, overdue: c.overdueBalance,
        expected30d: capacity[c.customerID] ?? 0, asOf: asOf)
    }
  }

  /// The instalments for one customer; none when its overdue balance is not above what it
  /// is expected to pay within 30 days.
  public static func schedule(
    customerID: String, overdue: Double, expected30d: Double, asOf: Day
  ) -> [PaymentPlanInstalment] {
    let total = Int((overdue * 100).rounded())
    guard total > 0, overdue > expected30d else { return [] }
    let floorSize = (total + maxInstalments - 1) / maxInstalments
    let size = max(Int((max(expected30d, 0) * 100).rounded(.down)), floorSize)
    let n = (total + size - 1) / size
    var remaining = total
    return (1...n).map { i in
      let cents = i < n ? size : remaining
      remaining -= cents
      return PaymentPlanInstalment(
        customerID: customerID, instalment: i, instalments: n,
        dueDate: asOf.adding(days: intervalDays * i), amount: Double(cents) / 100,
        planTotal: Double(total) / 100, expected30d: expected30d,
        remainingAfter: Double(remaining) / 100)
    }
  }
}
