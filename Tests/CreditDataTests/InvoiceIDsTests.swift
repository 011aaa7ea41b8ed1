@_spi(Testing) import CreditData
import TestSupport
import Testing

@Suite struct InvoiceIDsTests {
  func load(_ ids: [String], chunking: HistoryLoader.Chunking = .none) throws -> InvoiceHistory {
    let rows = ids.enumerated().map { k, id in "\(id),C\(k % 3),2024-01-01,2024-01-31,10.00," }
    let text = (["invoice_id,customer_id,issue_date,due_date,amount,paid_date"] + rows)
      .joined(separator: "\n")
    return try HistoryLoader.parse(
      bytes: csvBytes(text), fileName: "history.csv", options: LoadOptions(), chunking: chunking)
  }

  /// Ids of one length, of 16 bytes and more (each a heap block as a `String`), are padded to
  /// the longest and read back as written, from one pass and from chunks.
  @Test func longIdsOfSimilarLengthArePadded() throws {
    let ids = (0..<5000).map { "INV-2024-\(String(100_000 + $0 * 7))" + ($0 % 2 == 0 ? "A" : "") }
    for chunking in [HistoryLoader.Chunking.none, .init(minimumBytes: 4096, maximumChunks: 2)] {
      let h = try load(ids, chunking: chunking)
      #expect(h.invoiceIDs.paddedWidth == 16)
      #expect(Array(h.invoiceIDs) == ids)
      #expect(h.invoiceIDs == InvoiceIDs(ids))
    }
  }

  /// Short ids are padded too (no larger than a string's slot); one very long id among short
  /// ones would make the padding cost more than strings, so they stay strings.
  @Test func paddingOnlyWhenItCostsNoMoreThanStrings() throws {
    let short = (0..<1000).map { String($0) }
    #expect(try load(short).invoiceIDs.paddedWidth == 3)
    let long = String(repeating: "x", count: 300)
    let mixed = try load(short + [long])
    #expect(mixed.invoiceIDs.paddedWidth == nil)
    #expect(Array(mixed.invoiceIDs) == short + [long])
  }

  /// Picking rows keeps the ids and their storage.
  @Test func picking() throws {
    let ids = (0..<100).map { "INV-2024-000\(1000 + $0)" }
    let h = try load(ids)
    let picked = h.invoiceIDs.picking([99, 3, 50])
    #expect(Array(picked) == [ids[99], ids[3], ids[50]])
    #expect(picked.paddedWidth == h.invoiceIDs.paddedWidth)
    #expect(InvoiceIDs(ids).picking([1, 0]) == [ids[1], ids[0]])
  }

  /// A repeated long id is still found when the ids are padded, in a shorter id's padding
  /// no false duplicate is seen, and the message names the line of each.
  @Test func duplicatesFoundAmongPaddedIds() throws {
    var ids = (0..<300).map { "INV-2024-00\(5000 - $0)" }
    ids.append("INV-2024-0")
    ids.append("INV-2024-0")
    #expect(throws: DataError.self) { try load(ids) }
    do {
      _ = try load(ids)
    } catch let e as DataError {
      #expect(e.description.contains("line 302"))
    }
    ids.removeLast()
    #expect(try Array(load(ids).invoiceIDs) == ids)
  }
}
