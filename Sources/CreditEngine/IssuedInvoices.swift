import CreditData
import LinearAlgebra

/// The invoices issued by the as-of date, grouped by customer in file order, with what the
/// customer tallies (`CustomerTally`) and the feature sweep (`FeatureBuilder`) read of each.
///
/// Gathered once for scoring, in one front-to-back read of the history's columns (a counting
/// sort on both cores that keeps file order within each customer): both then read each
/// customer's invoices side by side instead of jumping through the columns row by row, and
/// the sweep needs no grouping of its own.
struct IssuedInvoices: Sendable {
  /// What is read of one issued invoice.
  struct Invoice: Sendable {
    var row: Int32
    var issue: Int32
    var due: Int32
    /// The later of issue and payment by the as-of date.
    var activity: Int32
    var amount: Double
    /// What it owes at the as-of date while open (`Portfolio.owed`), else 0.
    var owed: Double
    /// The payment date if paid by the as-of date, else `Int32.max`.
    var paid: Int32
    var open: Bool
    var writtenOff: Bool

    /// The payment date if paid by the as-of date.
    var paidByAsOf: Int32? { paid == Int32.max ? nil : paid }
  }

  /// Customer c's invoices are `invoices[start[c] ..< start[c + 1]]`.
  let start: [Int]
  let invoices: [Invoice]

  /// No invoices: what a book holds once it no longer needs them.
  init() {
    start = [0]
    invoices = []
  }

  init(_ portfolio: Portfolio) {
    let h = portfolio.history
    precondition(h.count < Int(Int32.max), "too many invoices")
    (start, invoices) = ChunkedGrouping.grouping(
      h.count, groups: h.customerIDs.count,
      group: { k in portfolio.isIssued(k) ? Int(h.customerIndex[k]) : nil },
      value: { k in
        let issue = h.issueDate[k]
        let paid = portfolio.paidByAsOf(k)
        let open = portfolio.isOpen(k)
        return Invoice(
          row: Int32(k), issue: issue.rawValue, due: h.dueDate[k].rawValue,
          activity: max(issue, paid ?? issue).rawValue, amount: h.amount[k],
          owed: open ? portfolio.owed(k) : 0, paid: paid?.rawValue ?? Int32.max, open: open,
          writtenOff: h.writtenOff[k])
      })
  }

  /// Customer c's invoices, in file order.
  subscript(customer c: Int) -> ArraySlice<Invoice> { invoices[start[c]..<start[c + 1]] }
}
