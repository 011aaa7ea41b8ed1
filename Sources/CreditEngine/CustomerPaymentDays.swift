import CreditData
import Parallelism

/// How many days each customer took to pay its latest invoices, as of any date up to the
/// scoring date: the median of the days from issue to payment of its last
/// `recentInvoices` invoices paid on or before that date.
///
/// Only payments made by the portfolio's as-of date enter (`Portfolio.paidByAsOf`), and on a
/// date `t` only those made by `t`.
struct CustomerPaymentDays: Sendable {
  /// Latest invoices whose days to pay make a customer's typical days.
  static let recentInvoices = 10

  /// Customer c's payments are `paidDay[start[c] ..< start[c + 1]]` (ascending) with their
  /// days from issue to payment in `days` (whole days, read as `Double`).
  private let start: [Int]
  private let paidDay: [Int32]
  private let days: [Int32]
  /// The earliest date asked about (`typicalDays`): a customer's payments made by then are
  /// kept only as far as its last `recentInvoices` of them.
  private let earliest: Int32

  /// The payments kept, over all customers.
  var count: Int { paidDay.count }

  /// The payments of every customer of `portfolio` (positive amounts, paid by its as-of date).
  init(_ portfolio: Portfolio) {
    self.init(portfolio, issued: IssuedInvoices(portfolio))
  }

  /// The payments from the portfolio's issued invoices, already grouped by customer (a payment
  /// is never before its issue date, so every invoice paid by the as-of date is among them).
  ///
  /// Each customer's payments are ordered by one sort of 64-bit keys that hold the payment day
  /// (offset to sort as unsigned) above the payment's place in the customer's invoices (file
  /// order), so payments on one day keep that order (what a stable sort by day gives),
  /// customers in chunks on both cores. The payments are counted first, customer by customer,
  /// and each customer's are written at their place in the two columns: no column per chunk
  /// grown by appending and then copied into the joined one (at a million invoices, 12 MB
  /// copied twice and the page faults of the memory copied into).
  ///
  /// - Parameter earliest: the earliest date `typicalDays` will be asked about (nil: any).
  ///   Of the payments made by then, only each customer's last `recentInvoices` can be read,
  ///   and only those are kept (at 10M invoices over two years, with the date correction's
  ///   earliest landmark 231 days before the as-of date, about half of the payments).
  /// - Complexity: O(n + Σ n_c log n_c) for n invoices, n_c the customer's paid ones.
  init(_ portfolio: Portfolio, issued: IssuedInvoices, from earliest: Day? = nil) {
    let customers = portfolio.history.customerIDs.count
    let from = earliest?.rawValue ?? Int32.min
    let counts = Parallel.array(customers, minimumChunk: 1024) { c -> Int in
      var (before, after) = (0, 0)
      for invoice in issued[customer: c] where invoice.amount > 0 {
        guard let paid = invoice.paidByAsOf else { continue }
        if paid <= from { before += 1 } else { after += 1 }
      }
      return min(before, Self.recentInvoices) + after
    }
    var start = [Int](repeating: 0, count: customers + 1)
    for c in 0..<customers { start[c + 1] = start[c] + counts[c] }
    let total = start[customers]
    let offsets = start
    var days: [Int32] = []
    paidDay = [Int32](unsafeUninitializedCapacity: max(total, 1)) { paidBuffer, paidCount in
      days = [Int32](unsafeUninitializedCapacity: max(total, 1)) { daysBuffer, daysCount in
        let (paidOut, daysOut) = (
          SendablePointer(paidBuffer.start), SendablePointer(daysBuffer.start)
        )
        Parallel.forEachChunk(customers, minimumChunk: 256) { chunk in
          var keys: [UInt64] = []
          for c in chunk {
            let invoices = issued[customer: c]
            keys.removeAll(keepingCapacity: true)
            for (j, invoice) in invoices.enumerated() where invoice.amount > 0 {
              guard let paid = invoice.paidByAsOf else { continue }
              keys.append(UInt64(Self.sortable(paid)) << 32 | UInt64(j))
            }
            keys.sort()
            // The payments made by `from` come first; all but the last `recentInvoices` of
            // them are left out.
            let skipped = keys.count - counts[c]
            for n in 0..<counts[c] {
              let invoice = invoices[invoices.startIndex + Int(keys[skipped + n] & 0xFFFF_FFFF)]
              (paidOut.pointer + offsets[c] + n).initialize(to: invoice.paid)
              (daysOut.pointer + offsets[c] + n).initialize(
                to: max(invoice.paid - invoice.issue, 0))
            }
          }
        }
        daysCount = total
      }
      paidCount = total
    }
    self.start = start
    self.days = days
    self.earliest = from
  }

  /// `day` as an unsigned number in the same order.
  private static func sortable(_ day: Int32) -> UInt32 { UInt32(bitPattern: day) ^ 0x8000_0000 }

  /// Customer c's typical days to pay on date `t`: the median over its last
  /// `recentInvoices` payments made by `t`, nil when it had paid none by then.
  ///
  /// For an invoice still open at the end of day `age` of its age (`longerThan: age`), the
  /// median over those of the payments that took longer than `age` days: the customer's own
  /// payment day given that it has not paid by then, so that a customer whose payments spread
  /// widely is not expected the day after its usual day once that is past. The day after
  /// `age` when none took longer.
  func typicalDays(customer c: Int, on t: Day, longerThan age: Double = -.infinity) -> Double? {
    precondition(t.rawValue >= earliest, "asked about a date before the earliest kept")
    // First payment after t.
    let lo = paidDay[start[c]..<start[c + 1]].partitioningIndex { $0 > t.rawValue }
    let first = max(start[c], lo - Self.recentInvoices)
    guard first < lo else { return nil }
    return median(first..<lo, above: age) ?? age + 1
  }

  /// The median of those of `days[range]` (at most `recentInvoices` values) above `age`
  /// (`SampleStatistics.median`'s: the middle one, or the mean of the two middle ones), sorted
  /// by insertion in a buffer on the stack as they are read; nil when none is above it.
  private func median(_ range: Range<Int>, above age: Double) -> Double? {
    precondition(range.count <= Self.recentInvoices, "at most 10 values")
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.recentInvoices) { v in
      var n = 0
      for day in days[range] where Double(day) > age {
        let x = Double(day)
        var k = n
        while k > 0, v[k - 1] > x {
          v[k] = v[k - 1]
          k -= 1
        }
        v[k] = x
        n += 1
      }
      guard n > 0 else { return nil }
      let m = n / 2
      return n % 2 == 0 ? (v[m - 1] + v[m]) / 2 : v[m]
    }
  }
}
