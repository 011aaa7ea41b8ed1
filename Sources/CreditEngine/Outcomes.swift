import CreditData

/// What happened to each invoice by the as-of date: the two training targets.
///
/// - Delinquency: paid more than `lateDays` past due, or unpaid and already that far past due
///   at the as-of date. Invoices still open and not yet that far past due have no known outcome
///   and are left out of the delinquency fit (counted in `unknown`).
/// - Time to payment: days from issue to payment, right-censored at the as-of date for invoices
///   still open (written-off invoices are censored too: they are what we know at the snapshot).
public struct Outcomes: Sendable {
  /// 1 = seriously late, 0 = not, nil = not yet known.
  public var late: [Double?]
  /// Days from issue to payment or to the as-of date.
  public var duration: [Double]
  /// Paid by the as-of date.
  public var paid: [Bool]
  /// Rows with no known delinquency outcome.
  public var unknown: Int

  /// Outcomes for `rows` of the portfolio.
  public init(_ portfolio: Portfolio, rows: [Int], lateDays: Int) {
    let h = portfolio.history
    let asOf = portfolio.asOf
    var late: [Double?] = []
    var duration: [Double] = []
    var paid: [Bool] = []
    late.reserveCapacity(rows.count)
    duration.reserveCapacity(rows.count)
    paid.reserveCapacity(rows.count)
    var unknown = 0
    for k in rows {
      let due = h.dueDate[k]
      if let p = portfolio.paidByAsOf(k) {
        late.append(p.days(since: due) > lateDays ? 1 : 0)
        duration.append(Double(p.days(since: h.issueDate[k])))
        paid.append(true)
      } else {
        if asOf.days(since: due) > lateDays {
          late.append(1)
        } else {
          late.append(nil)
          unknown += 1
        }
        duration.append(Double(asOf.days(since: h.issueDate[k])))
        paid.append(false)
      }
    }
    self.late = late
    self.duration = duration
    self.paid = paid
    self.unknown = unknown
  }

  /// The outcomes of the rows in `order` (positions into these outcomes), in that order.
  public func reordered(_ order: [Int]) -> Outcomes {
    var result = self
    result.late = order.map { late[$0] }
    result.duration = order.map { duration[$0] }
    result.paid = order.map { paid[$0] }
    return result
  }
}
