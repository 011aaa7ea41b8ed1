import CreditData
import LinearAlgebra

/// The history the engine works on: invoices plus per-customer attributes, cut at an as-of date.
public struct Portfolio: Sendable {
  /// The invoices as loaded (all of them; the as-of cut is applied by the engine).
  public var history: InvoiceHistory
  /// Attributes by position in `history.customerIDs` (nil where the customers file has none).
  public var customers: [CustomerInfo?]
  /// The snapshot date: invoices issued after it are ignored, unpaid by it are open.
  public var asOf: Day
  /// Promises to pay and disputes given beside the history (none by default).
  public var collections = CollectionsRecords()
  /// The date the history's open amounts are as of: its latest date, when it has them.
  ///
  /// An export states what was still owed on the day it was made, so the open amounts are
  /// used only at an as-of date on or after that day (see `owed(_:)`); before it, an open
  /// invoice owes its whole amount, as without them.
  public private(set) var openAmountsDate: Day?

  /// Builds a portfolio, matching customer attributes by customer id.
  public init(history: InvoiceHistory, customers: [String: CustomerInfo] = [:], asOf: Day? = nil) {
    self.history = history
    self.customers = history.customerIDs.map { customers[$0] }
    let latest = asOf == nil || history.openAmount != nil ? Portfolio.latestDate(in: history) : nil
    self.asOf = asOf ?? latest ?? Day(rawValue: 0)
    self.openAmountsDate = history.openAmount == nil ? nil : latest
  }

  /// True when the open amounts are used at the as-of date (see `openAmountsDate`).
  public var usesOpenAmounts: Bool { openAmountsDate.map { asOf >= $0 } ?? false }

  /// What open invoice `k` owes at the as-of date, to the cent: its open amount when the
  /// history has one for it and `usesOpenAmounts`, else its amount.
  ///
  /// To the cent as every output writes money: amounts with more decimals (an export's
  /// 1234.5637, or an amount converted with --fx) made a customer's ageing and open balance a
  /// cent or more apart from the sum of its rows of invoices.csv.
  @inlinable public func owed(_ k: Int) -> Double {
    if let open = history.openAmount, let date = openAmountsDate, asOf >= date, open[k].isFinite {
      return Self.cents(open[k])
    }
    return Self.cents(history.amount[k])
  }

  /// `x` rounded to the cent, half away from zero.
  ///
  /// An amount read with at most two decimals comes back bit for bit (n / 100 is the double
  /// nearest to it, as the reader's); from 2⁵³ cents up, where a double holds no cents, `x` as
  /// it is.
  @inlinable public static func cents(_ x: Double) -> Double {
    abs(x) < 0x1p53 / 100 ? (x * 100).rounded() / 100 : x
  }

  /// The latest issue or payment date in the history (the default as-of date).
  public static func latestDate(in history: InvoiceHistory) -> Day {
    var latest = Day(rawValue: Int32.min)
    for k in 0..<history.count {
      latest = max(latest, history.issueDate[k])
      if let p = history.paidDate[k] { latest = max(latest, p) }
    }
    return latest
  }

  /// The latest date of a history when it stands alone.
  ///
  /// It is more than `gap` days after every other issue and payment date: the mark of a
  /// mistyped year (2052 for 2025), which as the default as-of date would put every open
  /// invoice years past due.
  public struct IsolatedDate: Sendable, Equatable {
    /// The invoice whose date it is, and whether it is its payment date (else its issue date).
    public var row: Int
    public var isPayment: Bool
    public var date: Day
    /// The latest of the other dates.
    public var nextLatest: Day
  }

  /// The history's latest date when it is more than `gap` days after all the others (nil
  /// otherwise, or with fewer than two dates).
  public static func isolatedLatestDate(in history: InvoiceHistory, gap: Int = 365)
    -> IsolatedDate?
  {
    // The latest date and where it stands, and the latest of the others, in one pass.
    var (latest, row, isPayment) = (Day(rawValue: Int32.min), -1, false)
    var next = Day(rawValue: Int32.min)
    func see(_ day: Day, _ k: Int, payment: Bool) {
      if day > latest {
        next = latest
        (latest, row, isPayment) = (day, k, payment)
      } else {
        next = max(next, day)
      }
    }
    for k in 0..<history.count {
      see(history.issueDate[k], k, payment: false)
      if let paid = history.paidDate[k] { see(paid, k, payment: true) }
    }
    guard row >= 0, next.rawValue != Int32.min, latest.days(since: next) > gap else { return nil }
    return IsolatedDate(row: row, isPayment: isPayment, date: latest, nextLatest: next)
  }

  /// Invoice `k` was issued on or before the as-of date.
  @inlinable public func isIssued(_ k: Int) -> Bool { history.issueDate[k] <= asOf }

  /// How many invoices were issued after the as-of date: left out of every figure of it.
  public var issuedAfterAsOf: Int { history.issueDate.count { $0 > asOf } }

  /// Invoice `k`'s payment date if it was paid by the as-of date.
  @inlinable public func paidByAsOf(_ k: Int) -> Day? {
    guard let p = history.paidDate[k], p <= asOf else { return nil }
    return p
  }

  /// Invoice `k` is open at the as-of date: issued, not paid by then, not written off, and
  /// not settled without a date (`isSettledWithoutDate`).
  @inlinable public func isOpen(_ k: Int) -> Bool { isUnpaidByDates(k) && !owesNothing(k) }

  /// Invoice `k` was settled on a date the export does not give.
  ///
  /// It has no payment date by the as-of date, but the export's open amount, used at this
  /// as-of date (`usesOpenAmounts`), says it owes nothing (0 while its amount is positive).
  /// It is not open: not scored, chased, aged or counted toward a hold. Training, which never
  /// reads the open amounts, is unchanged.
  @inlinable public func isSettledWithoutDate(_ k: Int) -> Bool {
    isUnpaidByDates(k) && owesNothing(k)
  }

  /// Invoice `k` is issued, has no payment date by the as-of date and is not written off.
  @inlinable func isUnpaidByDates(_ k: Int) -> Bool {
    isIssued(k) && paidByAsOf(k) == nil && !history.writtenOff[k]
  }

  /// The export's open amount of invoice `k`, used at this as-of date (`usesOpenAmounts`), is
  /// 0 while its amount is positive.
  @inlinable func owesNothing(_ k: Int) -> Bool {
    guard let open = history.openAmount, let date = openAmountsDate, asOf >= date else {
      return false
    }
    return open[k] == 0 && history.amount[k] > 0
  }

  /// The region of invoice `k`: the history's column, else the customers file, else "".
  public func region(_ k: Int) -> String {
    if let r = history.region { return r.levels[Int(r.codes[k])] }
    return customers[Int(history.customerIndex[k])]?.region ?? ""
  }

  /// The industry of invoice `k`: the history's column, else the customers file, else "".
  public func industry(_ k: Int) -> String {
    if let r = history.industry { return r.levels[Int(r.codes[k])] }
    return customers[Int(history.customerIndex[k])]?.industry ?? ""
  }

  /// The regions of invoices `rows`, as codes into the distinct values (see `region(_:)`).
  public func regions(rows: [Int]) -> Categorical {
    attribute(
      rows: rows, placedAt: nil, column: history.region,
      perCustomer: customerValues(unless: history.region, \.region))
  }

  /// The industries of invoices `rows`, as codes into the distinct values (see `industry(_:)`).
  public func industries(rows: [Int]) -> Categorical {
    attribute(
      rows: rows, placedAt: nil, column: history.industry,
      perCustomer: customerValues(unless: history.industry, \.industry))
  }

  /// `regions(rows:)` with the customers' regions made once (`CustomerCategories`).
  func regions(rows: [Int], _ categories: CustomerCategories) -> Categorical {
    attribute(rows: rows, placedAt: nil, column: history.region, perCustomer: categories.regions)
  }

  /// `industries(rows:)` with the customers' industries made once (`CustomerCategories`).
  func industries(rows: [Int], _ categories: CustomerCategories) -> Categorical {
    attribute(
      rows: rows, placedAt: nil, column: history.industry, perCustomer: categories.industries)
  }

  /// The customers file's region and industry of every customer ("" where it states none), as
  /// codes into the distinct values in order of first appearance: what `regions(rows:)` and
  /// `industries(rows:)` make for every set of rows when the history has no such column, made
  /// once for a scoring, which asks for eight (20,000 customers' strings hashed each time).
  struct CustomerCategories: Sendable {
    /// nil when the history has its own column.
    var regions: Categorical?
    var industries: Categorical?
  }

  /// The customers' regions and industries (`CustomerCategories`).
  func customerCategories() -> CustomerCategories {
    CustomerCategories(
      regions: customerValues(unless: history.region, \.region),
      industries: customerValues(unless: history.industry, \.industry))
  }

  /// The customers file's `value` of every customer ("" where it states none) as codes into
  /// the distinct values; nil when the history has the `column` itself.
  private func customerValues(
    unless column: Categorical?, _ value: (CustomerInfo) -> String?
  ) -> Categorical? {
    column == nil ? Categorical(values: customers.map { $0.flatMap(value) ?? "" }) : nil
  }

  /// `regions(rows:)` and `industries(rows:)` of invoices `rows`, each placed at its position:
  /// element `positions[k]` of each is invoice `rows[k]`'s (`positions` a permutation).
  ///
  /// For rows in history order wanted in another (training's risk-set order): the columns are
  /// read front to back and each value written where it goes, instead of read at random
  /// through the reordered rows (a cache miss a row at a million invoices).
  func categories(rows: [Int], placedAt positions: [Int]) -> (
    regions: Categorical, industries: Categorical
  ) {
    let values = customerCategories()
    return (
      attribute(
        rows: rows, placedAt: positions, column: history.region, perCustomer: values.regions),
      attribute(
        rows: rows, placedAt: positions, column: history.industry,
        perCustomer: values.industries)
    )
  }

  /// `categories(rows:placedAt:)` of the invoices `placement` places, each at its row.
  func categories(_ placement: InvoicePlacement) -> (
    regions: Categorical, industries: Categorical
  ) {
    let values = customerCategories()
    return (
      attribute(column: history.region, perCustomer: values.regions) { placement.array($0) },
      attribute(column: history.industry, perCustomer: values.industries) {
        placement.array($0)
      }
    )
  }

  /// A per-invoice category for `rows` (element `positions[k]` for `rows[k]` when given), from
  /// the history's `column` or else the customers' values (`customerValues(unless:_:)`).
  private func attribute(
    rows: [Int], placedAt positions: [Int]?, column: Categorical?, perCustomer: Categorical?
  ) -> Categorical {
    // Gathers of a million rows: chunks on both cores.
    attribute(column: column, perCustomer: perCustomer) { code in
      Parallel.array(rows.count, placedAt: positions) { code(rows[$0]) }
    }
  }

  /// A per-invoice category: the history's column if present, else the customers' values
  /// (`perCustomer`, one code a customer, read when there is no `column`), its codes laid out
  /// by `placing` from each invoice's code.
  ///
  /// No `String` is made per row.
  private func attribute(
    column: Categorical?, perCustomer: Categorical?, placing: ((Int) -> Int32) -> [Int32]
  ) -> Categorical {
    if let column {
      return Categorical(levels: column.levels, codes: placing { column.codes[$0] })
    }
    guard let perCustomer else { preconditionFailure("no column and no customers' values") }
    return Categorical(
      levels: perCustomer.levels,
      codes: placing { perCustomer.codes[Int(history.customerIndex[$0])] })
  }

  /// The credit limit of customer `c`: customers file first, else the history's latest value.
  public func creditLimit(customer c: Int, invoice k: Int? = nil) -> Double? {
    if let l = customers[c]?.creditLimit, l.isFinite { return l }
    if let k, let limits = history.creditLimit, limits[k].isFinite { return limits[k] }
    return nil
  }
}
