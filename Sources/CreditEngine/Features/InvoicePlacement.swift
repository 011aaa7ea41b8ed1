import CreditData
import LinearAlgebra

/// Where each invoice of a history goes among a set of rows: for each invoice its row, -1
/// for none (4 bytes an invoice of the history).
///
/// Training keeps this while it makes the features instead of the sample's invoices in file
/// order, their risk-set order and each one's position (24 bytes a training invoice): the
/// feature sweep, the categories and the drift profile's recent rows read the history's
/// columns front to back and write each invoice's values where it goes.
package struct InvoicePlacement: Sendable {
  /// For each invoice of the history, the row it goes to; -1 for none.
  package let targets: [Int32]
  /// Number of rows; each is the place of one invoice issued by the as-of date.
  package let count: Int

  /// Invoices `rows` placed at `positions` (`rows[k]` at `positions[k]`, a permutation of
  /// their indices; nil: at k); nil when one of them is not issued by the as-of date or comes
  /// twice.
  package init?(_ portfolio: Portfolio, invoices rows: [Int], at positions: [Int]?) {
    guard rows.count <= Int(Int32.max) else { return nil }
    var targets = [Int32](repeating: -1, count: portfolio.history.count)
    let complete = targets.withUnsafeMutableBufferPointer { t in
      for (i, k) in rows.enumerated() {
        guard portfolio.isIssued(k), t[k] < 0 else { return false }
        t[k] = Int32(truncatingIfNeeded: positions?[i] ?? i)
      }
      return true
    }
    guard complete else { return nil }
    self.targets = targets
    self.count = rows.count
  }

  /// The invoice at each of the rows `0, step, 2 step, ...` (a subsample of every step-th row).
  func invoices(everyRow step: Int) -> [Int] {
    var out = [Int](repeating: -1, count: (count + step - 1) / step)
    for (k, t) in targets.enumerated() where t >= 0 && Int(t) % step == 0 {
      out[Int(t) / step] = k
    }
    return out
  }

  /// `element(k)` of each placed invoice k, at its row (the history read front to back, on
  /// all cores).
  func array<T>(_ element: (Int) -> T) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(targets.count) { chunk in
        for k in chunk where targets[k] >= 0 {
          (base.pointer + Int(targets[k])).initialize(to: element(k))
        }
      }
      initialized = count
    }
  }
}
