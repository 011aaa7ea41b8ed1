@_spi(Testing) import CreditData
import TestSupport
import Testing

/// Large files are read in chunks on several threads; the result, and every error, must be exactly
/// what a single pass gives.
///
/// Small chunk sizes make small files split here.
@Suite struct ChunkedLoadTests {
  static let header =
    "invoice_id,customer_id,issue_date,due_date,terms_days,amount,paid_date,currency,"
    + "disputed,paperless,written_off,region,industry,credit_limit"

  /// Splits files of a few kilobytes into up to `chunks` pieces.
  static func chunking(_ chunks: Int) -> HistoryLoader.Chunking {
    HistoryLoader.Chunking(minimumBytes: 512, maximumChunks: chunks)
  }

  /// A history of `rows` invoices with repeated customers and levels, some empty optional fields,
  /// blank lines now and then, and customers and levels that first appear late.
  ///
  /// `date(row, day)` writes day `day` (counted from 2024-01-01) of row `row`.
  static func history(
    rows: Int, newline: String = "\n", date: (Int, Int) -> String = { iso($1) }
  ) -> String {
    var state: UInt64 = 42
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let currencies = ["USD", "EUR", "GBP"]
    let regions = ["NA", "EMEA", "APAC", "LATAM"]
    let industries = ["Retail", "Technology", "Manufacturing", "Energy", "Health"]
    var lines = [header]
    for i in 0..<rows {
      // Customer and level pools grow with the row number, so later chunks bring new ones.
      let customer = "C\(next(10 + i / 4))"
      let issueDay = next(300)
      let due = next(4) == 0 ? "" : date(i, issueDay + 30)
      let terms = due.isEmpty ? "\(next(60))" : (next(2) == 0 ? "" : "30")
      let paid = next(5) == 0 ? "" : date(i, issueDay + next(90))
      let limit = next(3) == 0 ? "" : "\(1000 * (1 + next(50)))"
      let fields = [
        "INV\(i)", customer, date(i, issueDay), due, terms, "\(next(100_000)).\(next(100))", paid,
        currencies[next(min(3, 1 + i / 200))], next(7) == 0 ? "true" : "false",
        next(2) == 0 ? "Electronic" : "Paper", next(50) == 0 ? "1" : "0",
        regions[next(min(4, 1 + i / 150))], industries[next(min(5, 1 + i / 100))], limit,
      ]
      lines.append(fields.joined(separator: ","))
      if next(97) == 0 { lines.append("") }
      if next(89) == 0 { lines.append(",,,,") }
    }
    return lines.joined(separator: newline) + newline
  }

  /// Day `d` of 2024 as YYYY-MM-DD (any `d` in 0..<730).
  static func iso(_ d: Int) -> String {
    let day = Day(rawValue: 19_723).adding(days: d)  // 19,723 days after 1970-01-01 = 2024-01-01
    return day.description
  }

  /// Day `d` of 2024 as M/D/YYYY.
  static func monthFirst(_ d: Int) -> String {
    let (year, month, day) = Day(rawValue: 19_723).adding(days: d).civil
    return "\(month)/\(day)/\(year)"
  }

  /// An increasing M/D/YYYY date for each `d` that also reads as D/M/YYYY (both parts <= 12).
  static func ambiguous(_ d: Int) -> String {
    let month = d / 12
    return "\(1 + month % 12)/\(1 + d % 12)/\(2024 + month / 12)"
  }

  func load(_ text: String, _ chunking: HistoryLoader.Chunking) -> Result<InvoiceHistory, DataError>
  {
    do {
      return .success(
        try HistoryLoader.parse(bytes: csvBytes(text), fileName: "h.csv", chunking: chunking))
    } catch let e as DataError {
      return .failure(e)
    } catch {
      Issue.record("unexpected error \(error)")
      return .failure(DataError(.io, file: "", message: "unexpected"))
    }
  }

  /// Checks that the file is really cut into more than one chunk at line starts.
  func expectSplit(_ text: String, _ chunks: Int) throws {
    let bytes = csvBytes(text)
    let starts = try HistoryLoader.chunkStarts(bytes: bytes, chunking: Self.chunking(chunks))
    #expect(starts.count == chunks)
    for s in starts { #expect(bytes[s - 1] == 10) }
  }

  func expectSame(_ a: InvoiceHistory, _ b: InvoiceHistory) {
    #expect(a.invoiceIDs == b.invoiceIDs)
    #expect(a.customerIndex == b.customerIndex)
    #expect(a.customerIDs == b.customerIDs)
    #expect(a.issueDate == b.issueDate)
    #expect(a.dueDate == b.dueDate)
    #expect(a.amount == b.amount)
    #expect(a.paidDate == b.paidDate)
    #expect(a.currency == b.currency)
    #expect(a.disputed == b.disputed)
    #expect(a.paperless == b.paperless)
    #expect(a.writtenOff == b.writtenOff)
    #expect(a.region == b.region)
    #expect(a.industry == b.industry)
    #expect(a.creditLimit?.map(\.bitPattern) == b.creditLimit?.map(\.bitPattern))
    #expect(a.sourceLines == b.sourceLines)
    #expect(a.report == b.report)
  }

  /// Loads `text` in one pass and in 2, 3 and 7 chunks; all must agree.
  func expectChunkedMatchesOnePass(_ text: String) throws {
    let whole = load(text, .none)
    for chunks in [2, 3, 7] {
      try expectSplit(text, chunks)
      switch (whole, load(text, Self.chunking(chunks))) {
      case (.success(let a), .success(let b)): expectSame(a, b)
      case (.failure(let a), .failure(let b)): #expect(a == b)
      case (let a, let b): Issue.record("one pass gave \(a), \(chunks) chunks gave \(b)")
      }
    }
  }

  /// The first line that starts with `text`.
  func line(of text: String, in file: String) -> Int {
    Self.physicalLines(file).firstIndex { $0.hasPrefix(text) }.map { $0 + 1 } ?? 0
  }

  // MARK: - Same history

  /// Customer ids are interned a batch of rows at a time: each row still gets its own
  /// customer, numbered by first appearance in the file.
  @Test func customersAreNumberedByFirstAppearance() throws {
    let text = Self.history(rows: 3000)
    let lines = Self.physicalLines(text)
    for chunking in [HistoryLoader.Chunking.none, Self.chunking(3)] {
      let h = try HistoryLoader.parse(bytes: csvBytes(text), fileName: "h.csv", chunking: chunking)
      var firsts: [String] = []
      for i in 0..<h.count {
        let fields = lines[Int(h.sourceLines[i]) - 1].split(
          separator: ",", omittingEmptySubsequences: false)
        let customer = String(fields[1])
        if !firsts.contains(customer) { firsts.append(customer) }
        #expect(h.customerIDs[Int(h.customerIndex[i])] == customer)
      }
      #expect(h.customerIDs == firsts)
      #expect(firsts.count > 300)
    }
  }

  @Test func chunkedReadMatchesOnePass() throws {
    let text = Self.history(rows: 3000)
    try expectChunkedMatchesOnePass(text)
    let h = try HistoryLoader.parse(
      bytes: csvBytes(text), fileName: "h.csv", chunking: Self.chunking(3))
    #expect(h.count == 3000)
    #expect(h.report.blankLinesSkipped > 10)
    #expect(h.customerIDs.count > 300)
    #expect(h.industry?.levels.first == "Retail")
    #expect(Set(h.industry?.levels ?? []).count == 5)
  }

  @Test func crlfLineEndings() throws {
    let text = Self.history(rows: 2000, newline: "\r\n")
    try expectChunkedMatchesOnePass(text)
    let h = try HistoryLoader.parse(
      bytes: csvBytes(text), fileName: "h.csv", chunking: Self.chunking(3))
    let last = try #require(h.sourceLines.last)
    #expect(Int(last) == line(of: "INV1999,", in: text))
  }

  @Test func slashDatesDecidedByALaterChunk() throws {
    // Every date reads both ways until the last rows, which are month-first.
    let text = Self.history(rows: 3000) { row, d in
      row < 2600 ? Self.ambiguous(d) : Self.monthFirst(d)
    }
    try expectChunkedMatchesOnePass(text)
  }

  @Test func quotedFileIsReadInOnePass() throws {
    let text = Self.setting(Self.history(rows: 2000), row: "INV1500", field: 0, to: "\"INV1500\"")
    #expect(
      try HistoryLoader.chunkStarts(bytes: csvBytes(text), chunking: Self.chunking(3)).count == 1)
    let h = try HistoryLoader.parse(
      bytes: csvBytes(text), fileName: "h.csv", chunking: Self.chunking(3))
    #expect(h.invoiceIDs[1500] == "INV1500")
  }

  // MARK: - Same errors

  /// The text split at line feeds (a CRLF line keeps its CR; `String` would keep CRLF whole).
  static func physicalLines(_ text: String) -> [String] {
    text.utf8.split(separator: 10, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// `text` with the row of invoice `id` changed by `edit`.
  static func editing(_ text: String, row id: String, _ edit: (String) -> String) -> String {
    physicalLines(text).map { $0.hasPrefix(id + ",") ? edit($0) : $0 }.joined(separator: "\n")
  }

  /// Replaces field `k` (0-based) of the row of invoice `id`.
  static func setting(_ text: String, row id: String, field k: Int, to value: String) -> String {
    editing(text, row: id) { line in
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[k] = value
      return fields.joined(separator: ",")
    }
  }

  @Test func errorInALaterChunk() throws {
    let text = Self.setting(Self.history(rows: 3000), row: "INV2500", field: 5, to: "12x")
    try expectChunkedMatchesOnePass(text)
    guard case .failure(let e) = load(text, Self.chunking(3)) else {
      Issue.record("expected an error")
      return
    }
    #expect(e.line == line(of: "INV2500,", in: text))
    #expect(e.description.hasPrefix("h.csv:\(e.line ?? 0):6 (amount): '12x'"))
  }

  @Test func earliestErrorWinsAcrossChunks() throws {
    var text = Self.setting(Self.history(rows: 3000), row: "INV2600", field: 8, to: "maybe")
    text = Self.setting(text, row: "INV1200", field: 2, to: "2024-02-30")
    try expectChunkedMatchesOnePass(text)
    guard case .failure(let e) = load(text, Self.chunking(3)) else {
      Issue.record("expected an error")
      return
    }
    #expect(e.line == line(of: "INV1200,", in: text))
  }

  @Test func errorInTheFirstChunkWithCRLF() throws {
    let text = Self.setting(
      Self.history(rows: 2000, newline: "\r\n"), row: "INV100", field: 1, to: "")
    try expectChunkedMatchesOnePass(text)
  }

  @Test func errorInALaterChunkWithCRLF() throws {
    let text = Self.setting(
      Self.history(rows: 2000, newline: "\r\n"), row: "INV1700", field: 6, to: "2023-01-01")
    try expectChunkedMatchesOnePass(text)
    guard case .failure(let e) = load(text, Self.chunking(3)) else {
      Issue.record("expected an error")
      return
    }
    #expect(e.line == line(of: "INV1700,", in: text))
    #expect(e.description.contains("(paid_date): '2023-01-01' is before the issue date"))
  }

  @Test func raggedRowInALaterChunk() throws {
    let text = Self.editing(Self.history(rows: 3000), row: "INV2999") { $0 + ",extra" }
    try expectChunkedMatchesOnePass(text)
  }

  @Test func dateLayoutChangingBetweenChunks() throws {
    // ISO dates up to a late row, then month-first: a single pass reports the mixed layout.
    let text = Self.history(rows: 3000) { row, d in
      row < 2500 ? Self.iso(d) : Self.monthFirst(d)
    }
    try expectChunkedMatchesOnePass(text)
    guard case .failure(let e) = load(text, Self.chunking(3)) else {
      Issue.record("expected an error")
      return
    }
    #expect(e.description.contains("uses a different date layout from line"))
  }

  @Test func duplicateInvoiceIDAcrossChunks() throws {
    let text = Self.setting(Self.history(rows: 3000), row: "INV2800", field: 0, to: "INV3")
    try expectChunkedMatchesOnePass(text)
    guard case .failure(let e) = load(text, Self.chunking(3)) else {
      Issue.record("expected an error")
      return
    }
    #expect(
      e.description.contains("duplicate of the invoice id on line \(line(of: "INV3,", in: text))"))
  }

  @Test func slashDatesPointingBothWaysAcrossChunks() throws {
    var text = Self.history(rows: 3000) { Self.monthFirst($1) }
    text = Self.setting(text, row: "INV2900", field: 2, to: "25/1/2024")
    try expectChunkedMatchesOnePass(text)
  }
}
