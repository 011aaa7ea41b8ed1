import Testing

@testable import CreditWorkbook

/// The limits of the workbook `score --xlsx` writes.
@Suite struct WorkbookWriterTests {
  /// One text column of `rows` rows below the header.
  func sheet(_ name: String, rows: Int) -> WorkbookWriter.Sheet {
    .init(
      name: name, columns: [("invoice_id", .text)],
      rows: Array(repeating: ["INV1"], count: rows))
  }

  /// Excel opens no sheet of more than 1,048,576 rows (header included): such a sheet is
  /// refused, naming it, before any of the workbook is built; one row fewer is written.
  @Test func aSheetOfMoreRowsThanExcelHoldsIsRefused() throws {
    let limit = WorkbookWriter.maximumRows
    #expect(limit == 1_048_576)
    let full = sheet("invoices", rows: limit - 1)
    let over = sheet("worklist", rows: limit)
    #expect(throws: Never.self) { try WorkbookWriter.checkRows([full]) }
    #expect {
      try WorkbookWriter.workbook([sheet("customers", rows: 1), over])
    } throws: { error in
      "\(error)"
        == "sheet 'worklist' would have 1,048,576 rows below its header, more than the 1,048,575 an Excel sheet holds"
    }
  }

  /// The size the workbook's 4 GiB check reckons is the archive's own.
  @Test func theArchiveSizeIsReckonedExactly() {
    let entries: [(path: String, bytes: [UInt8])] = [
      ("a.xml", Array("<a/>".utf8)), ("xl/é/sheet1.xml", [UInt8](repeating: 65, count: 1000)),
      ("empty", []),
    ]
    #expect(
      StoredZip.size(of: entries.map { ($0.path.utf8.count, $0.bytes.count) })
        == StoredZip.archive(entries).count)
  }
}
