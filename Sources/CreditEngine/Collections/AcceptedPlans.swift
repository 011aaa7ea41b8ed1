import CreditData

/// Accepted payment plans in the cash forecast: the instalments of each accepted plan take
/// the place of the modelled cash of the invoices the plan pays off.
///
/// A plan pays off its customer's overdue balance (`PaymentPlanner`), so it covers the
/// customer's invoices past due at the as-of date; the customer's invoices not yet due keep
/// their modelled cash. Those covered invoices leave the model's forecast (mean and band),
/// and the instalments due within the 13 weeks enter it, each in the week of its due date,
/// with no spread of their own. Instalments are counted in date order up to the covered
/// invoices' balance (a plan cannot collect more than they owe), so no amount is counted
/// twice. Skipped and counted, with their lines: rows naming a customer the history does
/// not have, instalments due on or before the as-of date, plans of customers with nothing
/// past due, and instalments beyond the balance.
public struct AcceptedPlanCash: Sendable, Equatable {
  /// For each open invoice (`OpenBook.openRows` order), whether a plan covers it.
  public var covered: [Bool]
  /// The covered invoices' ids, in open-book order.
  public var coveredInvoiceIDs: [String]
  /// Instalments due in each forecast week (`CashForecast.weeks`).
  public var weekly: [Double]
  /// Instalment rows not used, and why.
  public var skipped: SkippedRows

  /// Matches the plans to the open book at its as-of date.
  init(_ table: AcceptedPlanTable, book: OpenBook) {
    let h = book.portfolio.history
    let asOf = book.asOf
    var skipped = SkippedRows(fileName: table.report.fileName)
    var covered = [Bool](repeating: false, count: book.openRows.count)
    var weekly = [Double](repeating: 0, count: CashForecast.weeks)
    // Each customer's past-due open invoices and what they owe.
    var pastDue: [Int: (rows: [Int], owed: Double)] = [:]
    for (i, k) in book.openRows.enumerated() where h.dueDate[k] < asOf {
      pastDue[Int(h.customerIndex[k]), default: ([], 0)].rows.append(i)
      pastDue[Int(h.customerIndex[k]), default: ([], 0)].owed += book.portfolio.owed(k)
    }
    let index = Dictionary(
      h.customerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var plans: [Int: [Int]] = [:]
    for r in 0..<table.count {
      guard let c = index[table.customerIDs[r]] else {
        skipped.skip(table.sourceLines[r], "customer not in the history")
        continue
      }
      guard table.dueDate[r] > asOf else {
        skipped.skip(table.sourceLines[r], "instalment due on or before the as-of date \(asOf)")
        continue
      }
      guard pastDue[c] != nil else {
        skipped.skip(table.sourceLines[r], "customer has nothing past due at the as-of date")
        continue
      }
      plans[c, default: []].append(r)
    }
    for (c, rows) in plans {
      guard let due = pastDue[c] else { continue }
      for i in due.rows { covered[i] = true }
      // In whole cents, so that a plan summing to the balance is counted whole.
      var left = Int((due.owed * 100).rounded())
      for r in rows.sorted(by: { (table.dueDate[$0], $0) < (table.dueDate[$1], $1) }) {
        guard left > 0 else {
          skipped.skip(table.sourceLines[r], "beyond the balance past due")
          continue
        }
        let cents = min(Int((table.amount[r] * 100).rounded()), left)
        left -= cents
        let week = (table.dueDate[r].days(since: asOf) - 1) / 7
        if week < CashForecast.weeks { weekly[week] += Double(cents) / 100 }
      }
    }
    coveredInvoiceIDs = book.openRows.indices.filter { covered[$0] }.map(book.openInvoiceID)
    for why in skipped.lines.keys { skipped.lines[why]?.sort() }
    self.covered = covered
    self.weekly = weekly
    self.skipped = skipped
  }
}
