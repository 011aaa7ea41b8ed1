import CreditData
import Parallelism

/// Each invoice's due date as days after its issue date, in 16 bits (2 bytes an invoice
/// instead of the due date's 4).
///
/// Training's feature sweep reads the due dates beside the issue dates it keeps: it reads
/// them so (`FeatureBuilder.CustomerInvoices.terms`), and the history gives up its column of
/// them before the sweep (19 MiB less at 10M invoices beside the features it writes).
package struct InvoiceTerms: Sendable {
  private var days: [Int16]

  /// The terms of `history`'s invoices; nil when a due date is further from its issue date
  /// than 16 bits hold (2¹⁵ days).
  package init?(_ history: InvoiceHistory) {
    let (issue, due) = (history.issueDate, history.dueDate)
    precondition(issue.count == due.count, "the history has no due dates")
    let span = Int(Int16.min)...Int(Int16.max)
    let fits = Parallel.map(due.count) { chunk in
      chunk.allSatisfy { span.contains(due[$0].days(since: issue[$0])) }
    }
    guard fits.allSatisfy({ $0 }) else { return nil }
    days = [Int16](unsafeUninitializedCapacity: due.count) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(due.count) { chunk in
        for k in chunk {
          (base.pointer + k).initialize(to: Int16(truncatingIfNeeded: due[k].days(since: issue[k])))
        }
      }
      initialized = due.count
    }
  }

  /// Invoice k's days from issue to due date.
  @inline(__always)
  func days(_ k: Int) -> Int { Int(days[k]) }

  /// Invoice k's due date, of its issue date `issue`.
  @inline(__always)
  func due(_ k: Int, issue: Day) -> Day { Day(rawValue: issue.rawValue &+ Int32(days[k])) }

  /// Asks for the cache lines of the terms of the invoices `invoices[i]`, `i` in `rows`.
  func prefetch(_ rows: Range<Int>, of invoices: UnsafeBufferPointer<Int32>) {
    days.prefetch(rows, of: invoices)
  }
}
