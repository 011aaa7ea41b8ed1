import CreditData
import LinearAlgebra

extension FeatureBuilder {
  /// The query for each invoice of the history at its own issue date.
  public func invoiceQueries(_ portfolio: Portfolio, rows: [Int]) -> [FeatureQuery] {
    [FeatureQuery](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
      let out = SendablePointer(buffer.start)
      Parallel.forEachChunk(rows.count) { chunk in
        for r in chunk {
          (out.pointer + r).initialize(to: Self.invoiceQuery(portfolio, rows[r]))
        }
      }
      initialized = rows.count
    }
  }

  /// The query for invoice `k` at its own issue date (of customer `c`, when the caller
  /// knows it; else read off the history).
  /// - Parameters:
  ///   - flags: the history's disputed and paperless flags, when it has given up its columns
  ///     of them (nil: read off the columns).
  ///   - terms: its due dates as terms, likewise.
  @inline(__always)
  static func invoiceQuery(
    _ portfolio: Portfolio, _ k: Int, customer: Int? = nil, flags: InvoiceFlags? = nil,
    terms: InvoiceTerms? = nil
  ) -> FeatureQuery {
    let h = portfolio.history
    let c = customer.map { Int32(truncatingIfNeeded: $0) } ?? h.customerIndex[k]
    return FeatureQuery(
      customer: c, date: h.issueDate[k], amount: h.amount[k],
      termsDays: terms?.days(k) ?? h.dueDate[k].days(since: h.issueDate[k]),
      disputed: flags?.disputed(k) ?? h.disputed[k],
      paperless: flags?.paperless(k) ?? h.paperless[k],
      creditLimit: portfolio.creditLimit(customer: Int(c), invoice: k))
  }
}
