import CreditData

/// The promises and disputes of a portfolio at its as-of date, matched to its invoices and
/// customers.
///
/// Only what was known at the as-of date counts: a promise made after it, a dispute opened
/// after it, are ignored (as invoices issued after it are). Rows naming an invoice or
/// customer the history does not have, or an invoice of another customer, are skipped and
/// counted (`skippedPromises`, `skippedDisputes`).
///
/// - A promise names an invoice, or none: then it covers the customer's invoices issued by
///   the day it was made (when the file does not say when it was made, by its promised date
///   or the as-of date, the earlier).
///   The promise in force on an invoice is the latest made that covers it (ties: the later
///   row of the file; one without a made_on date is the earliest made).
/// - A promise has matured once its date is before the as-of date. An invoice promise is
///   kept when the invoice was paid on or before the promised date; a customer promise when
///   the customer's payments of the invoices it covers, from the day it was made (any day
///   when not said) to the promised date, add up to the amount (to the cent).
/// - A dispute is open at the as-of date when it was opened by then and not resolved by
///   then.
public struct CollectionsBook: Sendable {
  public var asOf: Day
  /// The promise in force on each invoice (by history row), if any.
  public var promiseOnInvoice: [Int: PromiseStatus] = [:]
  /// Each customer's record of keeping promises (by history customer index).
  public var promiseRecords: [Int: PromiseRecord] = [:]
  /// The open dispute of each invoice (by history row): row in the disputes file.
  public var openDisputeOnInvoice: [Int: Int] = [:]
  /// The invoices (history rows) whose disputes in the disputes file were all resolved by the
  /// as-of date: the history's `disputed` flag, which says only that there was one, no
  /// longer pauses their reminders (`isDisputed`).
  public var resolvedDisputes: Set<Int> = []
  /// The invoices (history rows) whose disputes in the disputes file were all opened after
  /// the as-of date: the history's `disputed` flag, set by a later export, does not yet
  /// pause their reminders (`isDisputed`).
  public var laterDisputes: Set<Int> = []
  /// Days from opening to resolution of each dispute resolved by the as-of date.
  public var resolutionDays: [Int] = []
  /// Days each dispute still open at the as-of date has been open.
  public var openDisputeAges: [Int] = []
  public var skippedPromises: SkippedRows?
  public var skippedDisputes: SkippedRows?
  public var skippedDiscounts: SkippedRows?
  let records: CollectionsRecords

  /// Matches the portfolio's collections records to its history at its as-of date.
  public init(_ portfolio: Portfolio) {
    asOf = portfolio.asOf
    records = portfolio.collections
    let h = portfolio.history
    let needsRows = records.promises != nil || records.disputes != nil || records.discounts != nil
    let rowOf =
      needsRows
      ? Dictionary(h.invoiceIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      : [:]
    if let promises = records.promises { matchPromises(promises, portfolio, rowOf) }
    if let disputes = records.disputes { matchDisputes(disputes, portfolio, rowOf) }
    if let discounts = records.discounts {
      var skipped = SkippedRows(fileName: discounts.report.fileName)
      var unmatched = UnmatchedID(h.invoiceIDs)
      for i in 0..<discounts.count where rowOf[discounts.invoiceIDs[i]] == nil {
        skipped.skip(
          discounts.sourceLines[i], unmatched.reason("invoice", discounts.invoiceIDs[i]))
      }
      skippedDiscounts = skipped
    }
  }

  // MARK: - Promises

  private mutating func matchPromises(
    _ p: PromiseTable, _ portfolio: Portfolio, _ rowOf: [String: Int]
  ) {
    let h = portfolio.history
    let customerOf = Dictionary(
      h.customerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var skipped = SkippedRows(fileName: p.report.fileName)
    var unmatchedCustomer = UnmatchedID(h.customerIDs)
    var unmatchedInvoice = UnmatchedID(h.invoiceIDs)
    var invoicesOf: [Int: [Int]] = [:]
    var latest: [Int: (made: Day, row: Int)] = [:]
    for i in 0..<p.count {
      let line = p.sourceLines[i]
      guard let c = customerOf[p.customerIDs[i]] else {
        skipped.skip(line, unmatchedCustomer.reason("customer", p.customerIDs[i]))
        continue
      }
      if let m = p.madeOn[i], m > asOf { continue }
      let made = p.madeOn[i] ?? Day(rawValue: Int32.min)
      var covered: [Int]
      if p.invoiceIDs[i].isEmpty {
        if invoicesOf.isEmpty {
          for k in 0..<h.count { invoicesOf[Int(h.customerIndex[k]), default: []].append(k) }
        }
        // Without a made_on date the promise counts at any as-of date: it covers the
        // customer's invoices issued by then and by its promised date (a promise to pay by a
        // date is not about an invoice issued after it, which a broken one moved up the ladder).
        let issuedBy = min(p.madeOn[i] ?? p.promisedDate[i], asOf)
        covered = (invoicesOf[c] ?? []).filter { h.issueDate[$0] <= issuedBy }
      } else {
        guard let k = rowOf[p.invoiceIDs[i]] else {
          skipped.skip(line, unmatchedInvoice.reason("invoice", p.invoiceIDs[i]))
          continue
        }
        guard Int(h.customerIndex[k]) == c else {
          skipped.skip(line, "invoice of another customer")
          continue
        }
        covered = [k]
      }
      if p.promisedDate[i] < asOf {
        promiseRecords[c, default: PromiseRecord()].matured += 1
        if isKept(i, p, covered: covered, portfolio) { promiseRecords[c]?.kept += 1 }
      }
      for k in covered where latest[k].map({ made >= $0.made }) ?? true {
        latest[k] = (made, i)
        promiseOnInvoice[k] = PromiseStatus(
          row: i, amount: p.amount[i], promisedDate: p.promisedDate[i], madeOn: p.madeOn[i],
          isActive: p.promisedDate[i] >= asOf)
      }
    }
    skippedPromises = skipped
  }

  /// Whether matured promise `i` was kept (see the type's rules).
  private func isKept(_ i: Int, _ p: PromiseTable, covered: [Int], _ portfolio: Portfolio)
    -> Bool
  {
    let due = p.promisedDate[i]
    if !p.invoiceIDs[i].isEmpty, let k = covered.first {
      return portfolio.paidByAsOf(k).map { $0 <= due } ?? false
    }
    let from = p.madeOn[i] ?? Day(rawValue: Int32.min)
    let paidCents = covered.reduce(0) { sum, k in
      guard let d = portfolio.paidByAsOf(k), d >= from, d <= due else { return sum }
      return sum + Int((portfolio.history.amount[k] * 100).rounded())
    }
    return paidCents >= Int((p.amount[i] * 100).rounded())
  }

  // MARK: - Disputes

  private mutating func matchDisputes(
    _ d: DisputeTable, _ portfolio: Portfolio, _ rowOf: [String: Int]
  ) {
    var skipped = SkippedRows(fileName: d.report.fileName)
    var unmatched = UnmatchedID(portfolio.history.invoiceIDs)
    for i in 0..<d.count {
      guard let k = rowOf[d.invoiceIDs[i]] else {
        skipped.skip(d.sourceLines[i], unmatched.reason("invoice", d.invoiceIDs[i]))
        continue
      }
      guard d.opened[i] <= asOf else {
        laterDisputes.insert(k)
        continue
      }
      if let r = d.resolved[i], r <= asOf {
        resolutionDays.append(r.days(since: d.opened[i]))
        resolvedDisputes.insert(k)
      } else {
        openDisputeAges.append(asOf.days(since: d.opened[i]))
        if portfolio.isOpen(k) { openDisputeOnInvoice[k] = i }
      }
    }
    skippedDisputes = skipped
    resolvedDisputes.subtract(openDisputeOnInvoice.keys)
    laterDisputes.subtract(openDisputeOnInvoice.keys)
    laterDisputes.subtract(resolvedDisputes)
  }

  /// The opening date and reason of dispute `i`, in words: "dispute opened 2024-01-15
  /// (quality)".
  func disputeText(_ i: Int) -> String {
    guard let d = records.disputes else { return "dispute" }
    let why = d.reason[i].isEmpty ? "" : " (\(d.reason[i]))"
    return "dispute opened \(d.opened[i].isoString)\(why)"
  }
}
