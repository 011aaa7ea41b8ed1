import CreditData
import LinearAlgebra

/// What happened to each invoice by the as-of date: the two training targets.
///
/// - Delinquency: late or not by the `DelinquencyRule`, from the cohort whose outcome is
///   determinable at the as-of date either way (`DelinquencyRule.determinableOutcome`: due
///   more than `lateDays` before it). An invoice not yet that far past its due date has no
///   label even when it is already paid (counted in `unknown`): labelling those paid on time
///   and not those still open would enter the recent invoices only when they are paid on
///   time, and bias the late rate low. The model so learns from older invoices;
///   `DelinquencyCalibration` corrects its log-odds for the time between them and the book.
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

  /// Outcomes for `rows` of the portfolio (chunks of rows on all cores).
  public init(_ portfolio: Portfolio, rows: [Int], rule: DelinquencyRule) {
    late = Parallel.array(rows.count) { i -> Double? in
      Self.of(portfolio, rows[i], rule: rule).late.map { $0 ? 1 : 0 }
    }
    duration = Parallel.array(rows.count) { Self.of(portfolio, rows[$0], rule: rule).duration }
    paid = Parallel.array(rows.count) { portfolio.paidByAsOf(rows[$0]) != nil }
    unknown = late.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
  }

  /// Invoice `k`'s outcomes: days from issue to payment or to the as-of date, whether it was
  /// paid by then, and late or not (nil while not determinable).
  @inline(__always)
  static func of(_ portfolio: Portfolio, _ k: Int, rule: DelinquencyRule) -> (
    duration: Double, paid: Bool, late: Bool?
  ) {
    let h = portfolio.history
    let payment = portfolio.paidByAsOf(k)
    return (
      Double((payment ?? portfolio.asOf).days(since: h.issueDate[k])), payment != nil,
      rule.determinableOutcome(due: h.dueDate[k], paid: payment, at: portfolio.asOf)
    )
  }
}
