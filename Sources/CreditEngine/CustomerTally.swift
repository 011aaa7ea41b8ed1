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
          t.aging[AgingRow.bucket(daysPastDue: dpd)] += amount
          guard amount > 0 else { continue }
          t.maxDaysPastDue = max(t.maxDaysPastDue ?? dpd, dpd)
          if invoice.disputed { t.disputedOpen = true }
          if invoice.due < driverDue {
            driverDue = invoice.due
            t.driver = Int(invoice.row)
          }
        }
        if lastActivity != Int32.min { t.lastActivity = Day(rawValue: lastActivity) }
        t.typicalAmount = median(sorting: &amounts)
        t.typicalTerms = mode(sorting: &terms)
        return t
      }
    }.flatMap { $0 }
  }

  /// The median of `values` (reordered in place), nil when empty.
  ///
  /// Quickselect (Hoare's FIND, middle pivot): linear on average, where sorting every
  /// customer's amounts took most of the tally's time.
  static func median(sorting values: inout [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let m = values.count / 2
    return values.withUnsafeMutableBufferPointer { v -> Double in
      var low = 0
      var high = v.count - 1
      // Invariant: the m-th smallest lies in v[low...high]; everything left of low is ≤ it and
      // everything right of high is ≥ it.
      while low < high {
        let pivot = v[low + (high - low) / 2]
        var i = low
        var j = high
        while i <= j {
          while v[i] < pivot { i += 1 }
          while pivot < v[j] { j -= 1 }
          if i <= j {
            v.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        if m <= j {
          high = j
        } else if m >= i {
          low = i
        } else {
          break
        }
      }
      let upper = v[m]
      guard v.count % 2 == 0 else { return upper }
      // The lower middle is the largest value left of m (all of them are ≤ v[m]).
      var lower = v[0]
      for k in 1..<m { lower = Swift.max(lower, v[k]) }
      return (lower + upper) / 2
    }
  }

  /// The most frequent of `values` (reordered in place), nil when empty.
  ///
  /// Among equally frequent values, the smallest. Payment terms take a handful of values, so
  /// they are counted in a short list; more than 16 distinct values are sorted instead.
  static func mode(sorting values: inout [Int]) -> Int? {
    var distinct: [(value: Int, count: Int)] = []
    for value in values {
      if let k = distinct.firstIndex(where: { $0.value == value }) {
        distinct[k].count += 1
      } else if distinct.count < 16 {
        distinct.append((value, 1))
      } else {
        distinct.removeAll()
        break
      }
    }
    if distinct.isEmpty, !values.isEmpty {
      values.sort()
      var i = 0
      while i < values.count {
        var j = i + 1
        while j < values.count, values[j] == values[i] { j += 1 }
        distinct.append((values[i], j - i))
        i = j
      }
    }
    var best: (value: Int, count: Int)?
    for d in distinct {
      guard let b = best else {
        best = d
        continue
      }
      if d.count > b.count || (d.count == b.count && d.value < b.value) { best = d }
    }
    return best?.value
  }
}
