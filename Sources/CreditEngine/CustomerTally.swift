import CreditData
import LinearAlgebra

/// One customer's invoices at the as-of date, summed up for scoring: balances, ageing, recent
/// volume and the typical invoice its probe query is built from.
struct CustomerTally: Sendable {
  /// Amount open (credit notes included).
  var openBalance = 0.0
  /// Amount open and past due.
  var overdueBalance = 0.0
  /// The open amount in each ageing bucket (`AgingRow.bucket(daysPastDue:)`).
  var aging = [Double](repeating: 0, count: AgingRow.bucketCount)
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

  /// The tallies of every customer, in customer order, computed customer by customer on both
  /// cores; each customer's sums run over its invoices in file order.
  static func all(_ portfolio: Portfolio, volumeLookbackDays: Int) -> [CustomerTally] {
    let h = portfolio.history
    let asOf = portfolio.asOf
    let customerCount = h.customerIDs.count
    let issued = ChunkedGrouping.grouping(h.count, groups: customerCount) { k in
      portfolio.isIssued(k) ? Int(h.customerIndex[k]) : nil
    }
    return Parallel.map(customerCount, minimumChunk: 256) { customers in
      // Scratch for the medians and modes, reused across the chunk's customers.
      var amounts: [Double] = []
      var terms: [Int] = []
      return customers.map { c -> CustomerTally in
        var t = CustomerTally()
        amounts.removeAll(keepingCapacity: true)
        terms.removeAll(keepingCapacity: true)
        for k in issued.items[issued.start[c]..<issued.start[c + 1]] {
          let issue = h.issueDate[k]
          let amount = h.amount[k]
          let activity = max(issue, portfolio.paidByAsOf(k) ?? issue)
          t.lastActivity = max(t.lastActivity ?? activity, activity)
          if t.lastInvoice.map({ h.issueDate[$0] <= issue }) ?? true { t.lastInvoice = k }
          if asOf.days(since: issue) < volumeLookbackDays { t.recentVolume += max(amount, 0) }
          if amount > 0 {
            amounts.append(amount)
            terms.append(h.dueDate[k].days(since: issue))
          }
          guard portfolio.isOpen(k) else { continue }
          t.hasOpen = true
          t.openBalance += amount
          let dpd = asOf.days(since: h.dueDate[k])
          if dpd > 0 { t.overdueBalance += amount }
          t.aging[AgingRow.bucket(daysPastDue: dpd)] += amount
          guard amount > 0 else { continue }
          t.maxDaysPastDue = max(t.maxDaysPastDue ?? dpd, dpd)
          if h.disputed[k] { t.disputedOpen = true }
          if t.driver.map({ h.dueDate[k] < h.dueDate[$0] }) ?? true { t.driver = k }
        }
        t.typicalAmount = median(sorting: &amounts)
        t.typicalTerms = mode(sorting: &terms)
        return t
      }
    }.flatMap { $0 }
  }

  /// The median of `values` (sorted in place), nil when empty.
  static func median(sorting values: inout [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    values.sort()
    let m = values.count / 2
    return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
  }

  /// The most frequent of `values` (sorted in place), nil when empty.
  ///
  /// Among equally frequent values, the smallest.
  static func mode(sorting values: inout [Int]) -> Int? {
    values.sort()
    var best: (value: Int, count: Int)?
    var i = 0
    while i < values.count {
      var j = i + 1
      while j < values.count, values[j] == values[i] { j += 1 }
      if j - i > best?.count ?? 0 { best = (values[i], j - i) }
      i = j
    }
    return best?.value
  }
}
