import CreditData
import LinearAlgebra

/// One customer's invoices at the as-of date, summed up for scoring: balances, ageing, recent
/// volume and the typical invoice its probe query is built from.
struct CustomerTally: Sendable {
  /// Amount open (credit notes included).
  var openBalance = 0.0
  /// Amount open and past due.
  var overdueBalance = 0.0
  /// The open amount in each `AgeingBucket`.
  var ageing = AgeingBucket.zeros
  /// Some invoice or credit note is open.
  var hasOpen = false
  /// The latest issue or payment date.
  var lastActivity: Day?
  /// The latest issued invoice (the last in file order among those issued that day).
  var lastInvoice: Int?
  /// Positive amounts issued within the policy's volume look-back.
  var recentVolume = 0.0
  /// Median amount and most frequent terms of the invoices with a positive amount.
  var typicalAmount: Double?
  var typicalTerms: Int?
  /// Over the open invoices with a positive amount: the largest days past due, whether one is
  /// disputed, and the one the collections action is about (earliest due, first in file
  /// order).
  var maxDaysPastDue: Int?
  var disputedOpen = false
  var driver: Int?

  /// What the tally reads of one issued invoice, gathered into customer order in one pass.
  private struct Invoice {
    var row: Int32
    var issue: Int32
    var due: Int32
    /// The later of issue and payment by the as-of date.
    var activity: Int32
    var amount: Double
    var open: Bool
    var disputed: Bool
  }

  /// The tallies of every customer, in customer order, computed customer by customer on both
  /// cores; each customer's sums run over its invoices in file order.
  static func all(_ portfolio: Portfolio, volumeLookbackDays: Int) -> [CustomerTally] {
    let h = portfolio.history
    let asOf = portfolio.asOf
    let customerCount = h.customerIDs.count
    precondition(h.count < Int(Int32.max), "too many invoices")
    // The history's columns are read front to back here, and each customer's invoices land
    // side by side: reading them row by row in customer order instead jumps through a dozen
    // columns (three times slower at a million invoices).
    let issued = ChunkedGrouping.grouping(
      h.count, groups: customerCount,
      group: { k in portfolio.isIssued(k) ? Int(h.customerIndex[k]) : nil },
      value: { k in
        let issue = h.issueDate[k]
        return Invoice(
          row: Int32(k), issue: issue.rawValue, due: h.dueDate[k].rawValue,
          activity: max(issue, portfolio.paidByAsOf(k) ?? issue).rawValue, amount: h.amount[k],
          open: portfolio.isOpen(k), disputed: h.disputed[k])
      })
    let lookback = asOf.rawValue - Int32(volumeLookbackDays)
    return Parallel.map(customerCount, minimumChunk: 256) { customers in
      // Scratch for the medians and modes, reused across the chunk's customers.
      var amounts: [Double] = []
      var terms: [Int] = []
      return customers.map { c -> CustomerTally in
        var t = CustomerTally()
        amounts.removeAll(keepingCapacity: true)
        terms.removeAll(keepingCapacity: true)
        var lastIssue = Int32.min
        var lastActivity = Int32.min
        var driverDue = Int32.max
        for invoice in issued.values[issued.start[c]..<issued.start[c + 1]] {
          let amount = invoice.amount
          lastActivity = max(lastActivity, invoice.activity)
          if invoice.issue >= lastIssue {
            lastIssue = invoice.issue
            t.lastInvoice = Int(invoice.row)
          }
          if invoice.issue > lookback { t.recentVolume += max(amount, 0) }
          if amount > 0 {
            amounts.append(amount)
            terms.append(Int(invoice.due - invoice.issue))
          }
          guard invoice.open else { continue }
          t.hasOpen = true
          t.openBalance += amount
          let dpd = Int(asOf.rawValue - invoice.due)
          if dpd > 0 { t.overdueBalance += amount }
          t.ageing[AgeingBucket(daysPastDue: dpd).rawValue] += amount
          guard amount > 0 else { continue }
          t.maxDaysPastDue = max(t.maxDaysPastDue ?? dpd, dpd)
          if invoice.disputed { t.disputedOpen = true }
          if invoice.due < driverDue {
            driverDue = invoice.due
            t.driver = Int(invoice.row)
          }
        }
        if lastActivity != Int32.min { t.lastActivity = Day(rawValue: lastActivity) }
        t.typicalAmount = SampleStatistics.median(sorting: &amounts)
        t.typicalTerms = SampleStatistics.mode(sorting: &terms)
        return t
      }
    }.flatMap { $0 }
  }
}
