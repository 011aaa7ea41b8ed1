import CreditData

/// The receivables KPIs a credit manager reads first: DSO, best possible DSO, average days
/// delinquent and CEI, computed from the history at its as-of date (the ageing is the scored
/// book's, `ScoreResult.ageingTotals`).
///
/// Definitions (`A` = the as-of date; amounts are net, so open credit notes reduce balances
/// and credit notes issued reduce sales):
///
/// ```
/// receivables(d)  = Σ amount of invoices issued on or before d and not paid by d
/// current(d)      = the part of receivables(d) not yet past due (due date >= d)
/// sales(w)        = Σ amount of invoices issued in (A − w, A]
///
/// DSO             = receivables(A) / sales(90) × 90
/// best DSO        = current(A) / sales(90) × 90
/// ADD             = DSO − best DSO                           (average days delinquent)
/// CEI             = (B + S − E) / (B + S − C) × 100, over the last 30 days, with
///                   B = receivables(A − 30), S = sales(30), E = receivables(A), C = current(A)
/// ```
///
/// Written-off invoices are left out at every date: the history flags them but does not say
/// when they were written off, so counting them in the beginning balance would treat the
/// write-off as a collection. DSO and best DSO are nil without sales in the window; CEI is nil
/// when its denominator is not positive.
public struct PortfolioKPIs: Sendable, Equatable {
  /// The snapshot the KPIs describe.
  public var asOf: Day
  /// Days of sales behind DSO (90).
  public var salesWindowDays: Int
  /// Days of the CEI period (30).
  public var collectionWindowDays: Int
  /// Open receivables at the as-of date.
  public var openReceivables: Double
  /// Open receivables not yet past due.
  public var currentReceivables: Double
  /// Open receivables past due.
  public var overdueReceivables: Double { openReceivables - currentReceivables }
  /// Credit sales of the DSO window.
  public var salesForDSO: Double
  /// Receivables at the start of the CEI period.
  public var beginningReceivables: Double
  /// Credit sales of the CEI period.
  public var salesForCEI: Double
  /// Open invoices (and credit notes) at the as-of date.
  public var openInvoices: Int

  /// Days sales outstanding.
  public var dso: Double? {
    salesForDSO > 0 ? openReceivables / salesForDSO * Double(salesWindowDays) : nil
  }

  /// Best possible DSO: what DSO would be if nothing were overdue.
  public var bestPossibleDSO: Double? {
    salesForDSO > 0 ? currentReceivables / salesForDSO * Double(salesWindowDays) : nil
  }

  /// Average days delinquent, DSO − best possible DSO.
  public var averageDaysDelinquent: Double? {
    guard let dso, let best = bestPossibleDSO else { return nil }
    return dso - best
  }

  /// Collection effectiveness index, in percent (100 = everything collectable was collected).
  public var cei: Double? {
    let collectable = beginningReceivables + salesForCEI - currentReceivables
    guard collectable > 0 else { return nil }
    return (beginningReceivables + salesForCEI - openReceivables) / collectable * 100
  }

  /// Computes the KPIs of a portfolio at its as-of date.
  /// - Parameters:
  ///   - salesWindowDays: Sales window of DSO; 90 days (a quarter) is the common convention
  ///     and smooths monthly billing cycles.
  ///   - collectionWindowDays: The CEI period; 30 days (a month) as usually reported.
  /// - Complexity: O(n) in the number of invoices.
  public init(_ portfolio: Portfolio, salesWindowDays: Int = 90, collectionWindowDays: Int = 30) {
    precondition(salesWindowDays > 0 && collectionWindowDays > 0, "windows must be positive")
    let h = portfolio.history
    let asOf = portfolio.asOf
    let start = asOf.adding(days: -collectionWindowDays)
    var open = 0.0
    var current = 0.0
    var sales90 = 0.0
    var beginning = 0.0
    var sales30 = 0.0
    var count = 0
    for k in 0..<h.count where portfolio.isIssued(k) && !h.writtenOff[k] {
      let amount = h.amount[k]
      let issued = h.issueDate[k]
      let age = asOf.days(since: issued)
      if age < salesWindowDays { sales90 += amount }
      if age < collectionWindowDays { sales30 += amount }
      let paid = portfolio.paidByAsOf(k)
      // Open at the start of the CEI period: issued by then and not paid by then.
      if issued <= start, paid.map({ $0 > start }) ?? true { beginning += amount }
      // An invoice settled on a date the export does not give owes nothing: not an open item.
      guard paid == nil, !portfolio.isSettledWithoutDate(k) else { continue }
      count += 1
      let owed = portfolio.owed(k)
      open += owed
      let dpd = asOf.days(since: h.dueDate[k])
      if dpd <= 0 { current += owed }
    }
    self.asOf = asOf
    self.salesWindowDays = salesWindowDays
    self.collectionWindowDays = collectionWindowDays
    self.openReceivables = open
    self.currentReceivables = current
    self.salesForDSO = sales90
    self.beginningReceivables = beginning
    self.salesForCEI = sales30
    self.openInvoices = count
  }
}
