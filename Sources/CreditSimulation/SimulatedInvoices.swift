import CreditData

/// The simulated invoices in issue-date order, one array element per invoice (columnar).
///
/// Index `i` in every array is the same invoice; its id is `INV` followed by `i + 1` in eight
/// digits, so ids increase with issue date as in an ERP. The observable columns are those of
/// `history.csv`; the ground-truth columns are the draws and probabilities behind them.
///
/// The columns up to `latentDaysToPay` and `neverPayUniform` are drawn per customer; the
/// outcome columns (`neverPays`, `paidDate`, `writtenOff`, ...) are settled afterwards from
/// them, once the never-pay intercept is known.
public struct SimulatedInvoices: Sendable, Equatable {
  /// Index of the customer in `SimulatedCustomers`.
  public var customerIndex: [Int32] = []
  /// Issue date, within the history and not after the snapshot.
  public var issueDate: [Day] = []
  /// Payment terms in days.
  public var termsDays: [Int] = []
  /// Due date: issue date plus terms.
  public var dueDate: [Day] = []
  /// Amount, rounded to cents.
  public var amount: [Double] = []
  /// Payment date, or nil when unpaid at the snapshot (open).
  public var paidDate: [Day?] = []
  /// Whether the invoice was disputed.
  public var disputed: [Bool] = []
  /// Whether the invoice was sent electronically.
  public var paperless: [Bool] = []
  /// Whether the invoice is known written off at the snapshot (never pays and is more than
  /// `PaymentModel.writeOffAfterDays` past due).
  public var writtenOff: [Bool] = []

  // MARK: - Ground truth

  /// Whether the invoice will never be paid, whether or not that is known at the snapshot.
  public var neverPays: [Bool] = []
  /// The continuous days to pay drawn from the Weibull AFT (after the distress shift, before
  /// any discount, rounding and censoring).
  ///
  /// Drawn for every invoice, including those that never pay (where it is not realised).
  public var latentDaysToPay: [Double] = []
  /// The uniform draw that decides never paying: it never pays when this is below
  /// `neverPayProbability`.
  public var neverPayUniform: [Double] = []
  /// The probability that the invoice is never paid.
  public var neverPayProbability: [Double] = []
  /// The distress shift of log days to pay (0 unless the customer is distressed).
  public var logTimeShift: [Double] = []
  /// Whether the invoice was offered an early-payment discount.
  public var discountOffered: [Bool] = []
  /// Whether an offered discount is (or will be) taken: paid within the discount window.
  public var discountTaken: [Bool] = []
  /// Days from issue to payment, whether before or after the snapshot; nil when never paid.
  public var paymentAge: [Int?] = []

  /// Number of invoices.
  public var count: Int { issueDate.count }

  /// The id of invoice index `index` (zero-based): `INV` and at least eight digits.
  public static func id(forIndex index: Int) -> String {
    "INV" + String(zeroPadded: String(index + 1), width: 8)
  }

  /// Reserves room for `n` invoices in every drawn column.
  mutating func reserveCapacity(_ n: Int) {
    updateDrawnColumns(from: SimulatedInvoices(), Reserving(count: n))
  }

  /// Appends the drawn columns of `other`.
  mutating func append(contentsOf other: SimulatedInvoices) {
    updateDrawnColumns(from: other, Appending())
  }

  /// The drawn columns reordered so that element `k` is the old element `order[k]`.
  func permuted(by order: [Int]) -> SimulatedInvoices {
    var result = SimulatedInvoices()
    result.updateDrawnColumns(from: self, Permuting(order: order))
    return result
  }

  /// Applies `update` to each column drawn per customer (those up to `latentDaysToPay` and
  /// `neverPayUniform`), with the same column of `other`: the one list of the columns that
  /// batches reserve and append and the issue-date order permutes.
  private mutating func updateDrawnColumns(
    from other: SimulatedInvoices, _ update: some DrawnColumnUpdate
  ) {
    update(&customerIndex, other.customerIndex)
    update(&issueDate, other.issueDate)
    update(&termsDays, other.termsDays)
    update(&dueDate, other.dueDate)
    update(&amount, other.amount)
    update(&disputed, other.disputed)
    update(&paperless, other.paperless)
    update(&latentDaysToPay, other.latentDaysToPay)
    update(&neverPayUniform, other.neverPayUniform)
  }
}

/// An operation on one drawn column of `SimulatedInvoices`, given the same column of another.
private protocol DrawnColumnUpdate {
  func callAsFunction<T>(_ column: inout [T], _ other: [T])
}

private struct Reserving: DrawnColumnUpdate {
  let count: Int
  func callAsFunction<T>(_ column: inout [T], _ other: [T]) { column.reserveCapacity(count) }
}

private struct Appending: DrawnColumnUpdate {
  func callAsFunction<T>(_ column: inout [T], _ other: [T]) { column += other }
}

private struct Permuting: DrawnColumnUpdate {
  let order: [Int]
  func callAsFunction<T>(_ column: inout [T], _ other: [T]) { column = order.map { other[$0] } }
}
