import CreditData
import Parallelism

/// Each invoice's disputed and paperless flags in two bits (a quarter of a byte an invoice).
///
/// Training's feature sweep reads these two of the history's flag columns (a byte an invoice
/// each) for the placed invoices' queries only: it keeps them so, and the history gives the
/// columns up before the sweep (20 MiB less at 10M invoices beside the features it writes).
package struct InvoiceFlags: Sendable {
  /// Invoice k's disputed flag in bit `2 (k mod 32)` of word `k / 32`, its paperless flag in
  /// the bit above.
  private var words: [UInt64]

  /// The flags of `history`'s invoices.
  package init(_ history: InvoiceHistory) {
    let n = history.count
    let (disputed, paperless) = (history.disputed, history.paperless)
    precondition(disputed.count == n && paperless.count == n, "the history has no flags")
    words = [UInt64](unsafeUninitializedCapacity: (n + 31) / 32) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(buffer.count) { chunk in
        for w in chunk {
          var word: UInt64 = 0
          for k in 32 * w..<min(32 * w + 32, n) {
            let bits: UInt64 = (disputed[k] ? 1 : 0) | (paperless[k] ? 2 : 0)
            word |= bits << UInt64(2 * (k & 31))
          }
          (base.pointer + w).initialize(to: word)
        }
      }
      initialized = buffer.count
    }
  }

  /// Whether invoice k is disputed.
  func disputed(_ k: Int) -> Bool { bits(k) & 1 != 0 }

  /// Whether invoice k is billed electronically.
  func paperless(_ k: Int) -> Bool { bits(k) & 2 != 0 }

  @inline(__always)
  private func bits(_ k: Int) -> UInt64 { words[k >> 5] >> UInt64(2 * (k & 31)) }
}
