@testable import CreditWorkbook

/// A one-sheet workbook written part by part, for the layouts `WorkbookWriter` never writes:
/// cells without a reference, absent rows, the 1904 date system.
///
/// The styles are the writer's: 0 general, 1 a date (`yyyy-mm-dd`), 2 money.
struct HandMadeWorkbook {
  /// The `<row>` elements of the sheet's `<sheetData>`.
  var rows: String
  /// The `<workbookPr>` element of `xl/workbook.xml`, if any.
  var properties = ""

  /// The `.xlsx` bytes.
  var bytes: [UInt8] {
    let workbook = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      \(properties)<sheets><sheet name="Invoices" sheetId="1" r:id="rId1"/></sheets></workbook>
      """
    let sheet = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
      <sheetData>\(rows)</sheetData></worksheet>
      """
    let parts = [
      ("[Content_Types].xml", WorkbookWriter.contentTypes(1)),
      ("_rels/.rels", WorkbookWriter.rootRelations), ("xl/workbook.xml", workbook),
      ("xl/_rels/workbook.xml.rels", WorkbookWriter.workbookRelations(1)),
      ("xl/styles.xml", WorkbookWriter.styles), ("xl/worksheets/sheet1.xml", sheet),
    ]
    return StoredZip.archive(parts.map { ($0.0, Array($0.1.utf8)) })
  }

  /// An inline-string cell; `ref` nil leaves the reference out.
  static func text(_ ref: String?, _ text: String) -> String {
    "<c\(ref.map { " r=\"\($0)\"" } ?? "") t=\"inlineStr\"><is><t>\(text)</t></is></c>"
  }

  /// A number cell in style `style` (1: a date).
  static func number(_ ref: String, _ value: String, style: Int = 0) -> String {
    "<c r=\"\(ref)\" s=\"\(style)\"><v>\(value)</v></c>"
  }

  /// The history header in row 1, columns A-F.
  static let header =
    "<row r=\"1\">"
    + zip(
      ["A1", "B1", "C1", "D1", "E1", "F1"],
      ["invoice_id", "customer_id", "issue_date", "due_date", "amount", "paid_date"]
    ).map { text($0, $1) }.joined() + "</row>"
}
