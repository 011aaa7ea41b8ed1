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
  /// days from issue to payment in `days`.
  private let start: [Int]
  private let paidDay: [Int32]
  private let days: [Double]

  /// The payments of every customer of `portfolio` (positive amounts, paid by its as-of date).
  ///
  /// Each payment is grouped as one 64-bit word, its payment day (offset to sort as unsigned)
  /// above its days to pay; each customer's are ordered by one sort of keys that hold the day
  /// above the payment's place in the customer's history order, so payments on one day keep
  /// that order (what a stable sort by day gives), customers in chunks on both cores.
  /// - Complexity: O(n + Σ n_c log n_c) for n invoices, n_c the customer's paid ones.
  init(_ portfolio: Portfolio) {
    let h = portfolio.history
    let grouped = ChunkedGrouping.grouping(
      h.count, groups: h.customerIDs.count,
      group: { k in
        h.amount[k] > 0 && portfolio.paidByAsOf(k) != nil ? Int(h.customerIndex[k]) : nil
      },
      value: { k -> UInt64 in
        let paid = portfolio.paidByAsOf(k) ?? h.issueDate[k]
        let days = UInt32(max(paid.days(since: h.issueDate[k]), 0))
        return UInt64(Self.sortable(paid.rawValue)) << 32 | UInt64(days)
      })
    let (groupStart, values) = grouped
    let parts = Parallel.map(h.customerIDs.count, minimumChunk: 256) { customers in
      var paidDay: [Int32] = []
      var days: [Double] = []
      var keys: [UInt64] = []
      let count = groupStart[customers.upperBound] - groupStart[customers.lowerBound]
      paidDay.reserveCapacity(count)
      days.reserveCapacity(count)
      for c in customers {
        let first = groupStart[c]
        keys.removeAll(keepingCapacity: true)
        for j in 0..<(groupStart[c + 1] - first) {
          keys.append(values[first + j] & 0xFFFF_FFFF_0000_0000 | UInt64(j))
        }
        keys.sort()
        for key in keys {
          let value = values[first + Int(key & 0xFFFF_FFFF)]
          paidDay.append(Int32(bitPattern: UInt32(value >> 32) ^ 0x8000_0000))
          days.append(Double(UInt32(value & 0xFFFF_FFFF)))
        }
      }
      return (paidDay, days)
    }
    start = groupStart
    paidDay = parts.flatMap(\.0)
    days = parts.flatMap(\.1)
  }

  /// `day` as an unsigned number in the same order.
  private static func sortable(_ day: Int32) -> UInt32 { UInt32(bitPattern: day) ^ 0x8000_0000 }

  /// Customer c's typical days to pay on date `t`: the median over its last
  /// `recentInvoices` payments made by `t`, nil when it had paid none by then.
  func typicalDays(customer c: Int, on t: Day) -> Double? {
    // First payment after t.
    let lo = paidDay[start[c]..<start[c + 1]].partitioningIndex { $0 > t.rawValue }
    let first = max(start[c], lo - Self.recentInvoices)
    guard first < lo else { return nil }
    return days.withUnsafeBufferPointer {
      Self.median(UnsafeBufferPointer(rebasing: $0[first..<lo]))
    }
  }

  /// The median of at most `recentInvoices` values (`SampleStatistics.median`'s: the middle
  /// one, or the mean of the two middle ones), sorted by insertion in a buffer on the stack.
  private static func median(_ values: UnsafeBufferPointer<Double>) -> Double {
    precondition(!values.isEmpty && values.count <= recentInvoices, "1 to 10 values")
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: recentInvoices) { v in
      for (n, x) in values.enumerated() {
        var k = n
        while k > 0, v[k - 1] > x {
          v[k] = v[k - 1]
          k -= 1
        }
        v[k] = x
      }
      let m = values.count / 2
      return values.count % 2 == 0 ? (v[m - 1] + v[m]) / 2 : v[m]
    }
  }
}
