extension InvoiceHistory {
  /// The invoices of the customers in `shard`, in file order, every column kept.
  ///
  /// Customer ids are renumbered in order of first appearance among the kept rows; category
  /// columns keep their levels (a level no kept row uses is simply not used). With one shard
  /// the history is returned as it is.
  /// - Complexity: O(n) plus one hash per customer.
  public func keeping(_ shard: CustomerShard) -> InvoiceHistory {
    guard shard.count > 1 else { return self }
    let inShard = customerIDs.map { shard.contains($0) }
    let rows = (0..<count).filter { inShard[Int(customerIndex[$0])] }
    var renumbered = [Int32](repeating: -1, count: customerIDs.count)
    var ids: [String] = []
    let index = rows.map { k -> Int32 in
      let c = Int(customerIndex[k])
      if renumbered[c] < 0 {
        renumbered[c] = Int32(ids.count)
        ids.append(customerIDs[c])
      }
      return renumbered[c]
    }
    func pick<T>(_ column: [T]) -> [T] { rows.map { column[$0] } }
    func pick(_ column: Categorical?) -> Categorical? {
      column.map { Categorical(levels: $0.levels, codes: pick($0.codes)) }
    }
    return InvoiceHistory(
      invoiceIDs: invoiceIDs.picking(rows), customerIndex: index, customerIDs: ids,
      issueDate: pick(issueDate), dueDate: pick(dueDate), amount: pick(amount),
      paidDate: OptionalDays(storage: pick(paidDate.storage)), currency: pick(currency),
      disputed: pick(disputed),
      paperless: pick(paperless), writtenOff: pick(writtenOff), region: pick(region),
      industry: pick(industry), creditLimit: creditLimit.map(pick),
      openAmount: openAmount.map(pick),
      sourceLines: pick(sourceLines), report: report)
  }
}
