import CreditData
import Foundation
import Testing

@testable import CreditWorkbook

/// Worksheets read as Excel stores them: empty cells and rows are not written at all, and
/// a workbook may count its date serials from 1904.
@Suite struct WorkbookReaderTests {
  typealias Book = HandMadeWorkbook

  /// The sheet's rows as `WorkbookReader` gives them.
  func rows(_ book: [UInt8]) throws -> [RawRow] {
    try WorkbookReader.rows(data: Data(book), sheet: nil, fileName: "book.xlsx").rows
  }

  /// The history in the workbook, read as `creditrisk` reads an `.xlsx` history.
  func history(_ book: [UInt8]) throws -> InvoiceHistory {
    let sheet = try WorkbookReader.rows(data: Data(book), sheet: nil, fileName: "book.xlsx")
    return try HistoryLoader.parse(
      rows: sheet.rows, fileName: "book.xlsx", sheet: sheet.sheet, dateSystem: sheet.dateSystem)
  }

  func day(_ y: Int, _ m: Int, _ d: Int) throws -> Day {
    try #require(Day(year: y, month: m, day: d))
  }

  // MARK: - Absent cells

  @Test func anOpenInvoiceWithoutItsLastCellIsRead() throws {
    // The writer, as Excel, leaves empty cells out: the open invoice's row ends at E3.
    let columns: [(name: String, kind: WorkbookWriter.Kind)] = [
      ("invoice_id", .text), ("customer_id", .text), ("issue_date", .date),
      ("due_date", .date), ("amount", .money), ("paid_date", .date),
    ]
    let book = try WorkbookWriter.workbook([
      .init(
        name: "Invoices", columns: columns,
        rows: [
          ["I1", "C1", "2013-01-05", "2013-02-04", "100.00", "2013-01-20"],
          ["I2", "C1", "2013-01-07", "2013-02-06", "250.50", ""],
        ])
    ])
    #expect(try rows(book).map(\.fields.count) == [6, 6, 5])
    let h = try history(book)
    #expect(h.invoiceIDs == ["I1", "I2"])
    #expect(h.amount == [100, 250.5])
    #expect(Array(h.paidDate) == [try day(2013, 1, 20), nil])
  }

  @Test func cellsArePlacedByTheirReferenceNotTheirOrder() throws {
    // B2 and E2 are absent; the cells without a reference follow the cell before them.
    let book = Book(
      rows: "<row r=\"2\">" + Book.text("A2", "a") + Book.text(nil, "b") + Book.text("D2", "d")
        + Book.text("F2", "f") + Book.text(nil, "g") + "</row>"
    ).bytes
    #expect(try rows(book) == [RawRow(fields: ["a", "b", "", "d", "", "f", "g"], line: 2)])
  }

  @Test func anAbsentCellInsideARowShiftsNoColumn() throws {
    // The open invoice has no E3 (paid_date); its amount in F3 stays the amount.
    let header =
      "<row r=\"1\">"
      + zip(
        ["A1", "B1", "C1", "D1", "E1", "F1"],
        ["invoice_id", "customer_id", "issue_date", "due_date", "paid_date", "amount"]
      ).map { Book.text($0, $1) }.joined() + "</row>"
    let book = Book(
      rows: header + "<row r=\"2\">" + Book.text("A2", "I1") + Book.text("B2", "C1")
        + Book.number("C2", "41279", style: 1) + Book.number("D2", "41309", style: 1)
        + Book.number("E2", "41294", style: 1) + Book.number("F2", "100", style: 2) + "</row>"
        + "<row r=\"3\">" + Book.text("A3", "I2") + Book.text("B3", "C1")
        + Book.number("C3", "41281", style: 1) + Book.number("D3", "41311", style: 1)
        + Book.number("F3", "250.5", style: 2) + "</row>"
    ).bytes
    let h = try history(book)
    #expect(h.amount == [100, 250.5])
    #expect(Array(h.paidDate) == [try day(2013, 1, 20), nil])
  }

  @Test func aCellReferenceThatNamesNoColumnIsAnError() throws {
    for reference in ["12", "ABCD2", "XFE2"] {
      let book = Book(
        rows: Book.header + "<row r=\"2\">" + Book.text("A2", "I1")
          + Book.text(reference, "C1") + "</row>"
      ).bytes
      let error = try #require(throws: DataError.self) { try rows(book) }
      #expect(error.kind == .syntax && error.line == 2, "\(reference)")
      #expect(error.description.contains("'\(reference)'"), "\(error)")
    }
  }

  // MARK: - Absent rows

  @Test func absentAndEmptyRowsAreBlankLinesSkippedAndCounted() throws {
    func invoice(_ r: Int, _ id: String) -> String {
      "<row r=\"\(r)\">" + Book.text("A\(r)", id) + Book.text("B\(r)", "C1")
        + Book.number("C\(r)", "41279", style: 1) + Book.number("D\(r)", "41309", style: 1)
        + Book.number("E\(r)", "100", style: 2) + "</row>"
    }
    // Row 3 is absent; row 5 holds only a formatted empty cell.
    let book = Book(
      rows: Book.header + invoice(2, "I1") + invoice(4, "I2")
        + "<row r=\"5\"><c r=\"A5\" s=\"1\"/></row>" + invoice(6, "I3")
    ).bytes
    let h = try history(book)
    #expect(h.invoiceIDs == ["I1", "I2", "I3"])
    #expect(h.sourceLines == [2, 4, 6])
    #expect(h.report.blankLinesSkipped == 2)
  }

  // MARK: - Date systems

  /// Row 2 of a history whose dates are serials `issue`, `due` and `paid`: the due date in
  /// the general format, as a number the loader takes for a serial.
  func datedInvoice(issue: Int, due: Int, paid: Int) -> String {
    "<row r=\"2\">" + Book.text("A2", "I1") + Book.text("B2", "C1")
      + Book.number("C2", "\(issue)", style: 1) + Book.number("D2", "\(due)")
      + Book.number("E2", "100", style: 2) + Book.number("F2", "\(paid)", style: 1) + "</row>"
  }

  @Test func aDateCellPastAnyDayIsLeftAsWritten() throws {
    let book = Book(rows: "<row r=\"2\">" + Book.number("A2", "1E+300", style: 1) + "</row>")
    #expect(try rows(book.bytes) == [RawRow(fields: ["1E+300"], line: 2)])
  }

  @Test(arguments: ["1", "true"])
  func datesOfA1904WorkbookAreReadFrom1904(flag: String) throws {
    // 2013-01-05, 2013-02-04 and 2013-01-20 are 1,462 serials fewer than in the 1900 system.
    let book = Book(
      rows: Book.header + datedInvoice(issue: 39_817, due: 39_847, paid: 39_832),
      properties: "<workbookPr date1904=\"\(flag)\"/>"
    ).bytes
    let h = try history(book)
    #expect(h.issueDate == [try day(2013, 1, 5)])
    #expect(h.dueDate == [try day(2013, 2, 4)])
    #expect(Array(h.paidDate) == [try day(2013, 1, 20)])
  }

  @Test(arguments: [
    "", "<workbookPr/>", "<workbookPr date1904=\"0\"/>", "<workbookPr date1904=\"false\"/>",
  ])
  func datesOfA1900WorkbookAreReadFrom1900(properties: String) throws {
    let book = Book(
      rows: Book.header + datedInvoice(issue: 41_279, due: 41_309, paid: 41_294),
      properties: properties
    ).bytes
    let h = try history(book)
    #expect(h.issueDate == [try day(2013, 1, 5)])
    #expect(h.dueDate == [try day(2013, 2, 4)])
    #expect(Array(h.paidDate) == [try day(2013, 1, 20)])
  }
}
