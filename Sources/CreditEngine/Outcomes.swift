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
  /// Whether each row's outcome became determinable within `DelinquencyCalibration`'s window
  /// before the as-of date (false for rows without one).
  public var recentOutcome: [Bool]

  /// Outcomes for `rows` of the portfolio (chunks of rows on all cores).
  public init(_ portfolio: Portfolio, rows: [Int], rule: DelinquencyRule) {
    let h = portfolio.history
    let asOf = portfolio.asOf
    late = Parallel.array(rows.count) { i -> Double? in
      let k = rows[i]
      let late = rule.determinableOutcome(
        due: h.dueDate[k], paid: portfolio.paidByAsOf(k), at: asOf)
      return late.map { $0 ? 1 : 0 }
    }
    duration = Parallel.array(rows.count) { i in
      let k = rows[i]
      return Double((portfolio.paidByAsOf(k) ?? asOf).days(since: h.issueDate[k]))
    }
    paid = Parallel.array(rows.count) { portfolio.paidByAsOf(rows[$0]) != nil }
    unknown = late.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
    let known = late
    recentOutcome = Parallel.array(rows.count) { i in
      known[i] != nil
        && DelinquencyCalibration.isRecent(due: h.dueDate[rows[i]], asOf: asOf, rule: rule)
    }
  }

  /// The delinquency target of the rows in `order` (positions into these outcomes), with the
  /// weight of each: 1 where the outcome is known, 0 (and a target of 0) where it is not.
  ///
  /// One gather on both cores fills both.
  public func delinquencyTarget(in order: [Int]) -> (late: [Double], known: [Double]) {
    let n = order.count
    var known: [Double] = []
    let target = [Double](unsafeUninitializedCapacity: n) { tb, targetCount in
      known = [Double](unsafeUninitializedCapacity: n) { kb, knownCount in
        let (tp, kp) = (SendablePointer(tb.start), SendablePointer(kb.start))
        Parallel.forEachChunk(n) { chunk in
          for m in chunk {
            let value = late[order[m]]
            (tp.pointer + m).initialize(to: value ?? 0)
            (kp.pointer + m).initialize(to: value == nil ? 0 : 1)
          }
        }
        knownCount = n
      }
      targetCount = n
    }
    return (target, known)
  }
}
