import CreditData

/// The simulated invoices in issue-date order, one array element per invoice (columnar).
///
/// Index `i` in every array is the same invoice; its id is `INV` followed by `i + 1` in eight
/// digits, so ids increase with issue date as in an ERP. The observable columns are those of
/// `history.csv`; `neverPays` and `latentDaysToPay` are the ground truth behind them.
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
  /// The continuous days to pay drawn from the Weibull AFT, before rounding and censoring.
  ///
  /// Drawn for every invoice, including those that never pay (where it is not realised).
  public var latentDaysToPay: [Double] = []

  /// Number of invoices.
  public var count: Int { issueDate.count }

  /// The id of invoice index `index` (zero-based): `INV` and at least eight digits.
  public static func id(forIndex index: Int) -> String {
    "INV" + zeroPadded(index + 1, width: 8)
  }

  /// Reserves room for `n` invoices in every column.
  mutating func reserveCapacity(_ n: Int) {
    customerIndex.reserveCapacity(n)
    issueDate.reserveCapacity(n)
    termsDays.reserveCapacity(n)
    dueDate.reserveCapacity(n)
    amount.reserveCapacity(n)
    paidDate.reserveCapacity(n)
    disputed.reserveCapacity(n)
    paperless.reserveCapacity(n)
    writtenOff.reserveCapacity(n)
    neverPays.reserveCapacity(n)
    latentDaysToPay.reserveCapacity(n)
  }

  /// Appends every invoice of `other`.
  mutating func append(contentsOf other: SimulatedInvoices) {
    customerIndex += other.customerIndex
    issueDate += other.issueDate
    termsDays += other.termsDays
    dueDate += other.dueDate
    amount += other.amount
    paidDate += other.paidDate
    disputed += other.disputed
    paperless += other.paperless
    writtenOff += other.writtenOff
    neverPays += other.neverPays
    latentDaysToPay += other.latentDaysToPay
  }

  /// The invoices reordered so that element `k` is the old element `order[k]`.
  func permuted(by order: [Int]) -> SimulatedInvoices {
    func apply<T>(_ column: [T]) -> [T] { order.map { column[$0] } }
    var result = SimulatedInvoices()
    result.customerIndex = apply(customerIndex)
    result.issueDate = apply(issueDate)
    result.termsDays = apply(termsDays)
    result.dueDate = apply(dueDate)
    result.amount = apply(amount)
    result.paidDate = apply(paidDate)
    result.disputed = apply(disputed)
    result.paperless = apply(paperless)
    result.writtenOff = apply(writtenOff)
    result.neverPays = apply(neverPays)
    result.latentDaysToPay = apply(latentDaysToPay)
    return result
  }
}
