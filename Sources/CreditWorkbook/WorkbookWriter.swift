import CreditData

/// Writes tables as the sheets of one Excel workbook (.xlsx), typed per column so a
/// spreadsheet in any locale reads them as written: ids and other text as text (inline
/// strings, so leading zeros survive and nothing is taken for a formula), dates as date
/// serials shown as `yyyy-mm-dd`, money and probabilities as numbers with their decimals.
///
/// The same tables give the same bytes: the entries are stored (`StoredZip`) in a fixed order
/// with a fixed modification date.
public enum WorkbookWriter {
  /// How a column's cells are stored and shown.
  public enum Kind: Sendable {
    case text
    /// A whole number (general format).
    case integer
    /// Money: a number shown with thousands separators and 2 decimals.
    case money
    /// A probability: a number shown with 6 decimals.
    case probability
    /// An ISO `YYYY-MM-DD` date: a date serial shown as `yyyy-mm-dd`.
    case date
    /// A number with decimals of its own (general format).
    case number
  }

  /// One sheet: its name, column names and kinds, and rows of cell text as in the CSV files
  /// (numbers with `.` as the decimal point, dates ISO; an empty cell stays empty).
  public struct Sheet: Sendable {
    public var name: String
    public var columns: [(name: String, kind: Kind)]
    public var rows: [[String]]
    public init(name: String, columns: [(name: String, kind: Kind)], rows: [[String]]) {
      self.name = name
      self.columns = columns
      self.rows = rows
    }
  }

  /// Rows an Excel sheet holds, its header row included (Excel's limit: 2^20).
  public static let maximumRows = 1_048_576

  /// The largest stored archive: its sizes and offsets are 32-bit (no ZIP64).
  static let maximumBytes = Int(UInt32.max) - 1

  /// A workbook Excel could not open whole: a sheet with more rows than a sheet holds, or
  /// more bytes than the archive can store.
  public struct TooLarge: Error, CustomStringConvertible {
    public let description: String
  }

  /// The workbook's bytes.
  /// - Throws: `TooLarge` for a sheet of more than `maximumRows` rows with its header, or a
  ///   workbook of 4 GiB or more, before any of it is built beyond what says so.
  public static func workbook(_ sheets: [Sheet]) throws -> [UInt8] {
    try checkRows(sheets)
    var parts: [(String, String)] = [
      ("[Content_Types].xml", contentTypes(sheets.count)), ("_rels/.rels", rootRelations),
      ("xl/workbook.xml", workbookXML(sheets)),
      ("xl/_rels/workbook.xml.rels", workbookRelations(sheets.count)),
      ("xl/styles.xml", styles),
    ]
    for (k, sheet) in sheets.enumerated() {
      parts.append(("xl/worksheets/sheet\(k + 1).xml", sheetXML(sheet)))
    }
    let size = StoredZip.size(of: parts.map { ($0.0.utf8.count, $0.1.utf8.count) })
    guard size <= maximumBytes else {
      throw TooLarge(
        description:
          "the workbook would be \(MessageText.grouped(size)) bytes, more than the 4 GiB a stored archive holds"
      )
    }
    return StoredZip.archive(parts.map { ($0.0, Array($0.1.utf8)) })
  }

  /// Refuses a sheet of more rows, with its header, than an Excel sheet holds.
  static func checkRows(_ sheets: [Sheet]) throws {
    if let sheet = sheets.first(where: { $0.rows.count + 1 > maximumRows }) {
      throw TooLarge(
        description:
          "sheet '\(sheet.name)' would have \(MessageText.grouped(sheet.rows.count)) rows below its header, more than the \(MessageText.grouped(maximumRows - 1)) an Excel sheet holds"
      )
    }
  }

  // MARK: - Parts

  /// Style indexes of `styles`: 0 general, 1 date, 2 money, 3 probability.
  static func style(_ kind: Kind) -> Int {
    switch kind {
    case .text, .integer, .number: return 0
    case .date: return 1
    case .money: return 2
    case .probability: return 3
    }
  }

  static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
    <numFmt numFmtId="165" formatCode="0.000000"/></numFmts>\
    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
    <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill>\
    <fill><patternFill patternType="gray125"/></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
    </styleSheet>
    """

  static let rootRelations = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    </Relationships>
    """

  static func contentTypes(_ count: Int) -> String {
    let sheets = (0..<count).map {
      "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\
      <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
      <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
      \(sheets.joined())</Types>
      """
  }

  static func workbookXML(_ sheets: [Sheet]) -> String {
    let entries = sheets.enumerated().map { k, s in
      "<sheet name=\"\(escape(String(s.name.prefix(31))))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <sheets>\(entries.joined())</sheets></workbook>
      """
  }

  static func workbookRelations(_ count: Int) -> String {
    var items = (0..<count).map { k in
      "<Relationship Id=\"rId\(k + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
    }
    items.append(
      "<Relationship Id=\"rId\(count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    )
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      \(items.joined())</Relationships>
      """
  }

  /// A sheet: the header in bold, then one row per table row.
  static func sheetXML(_ sheet: Sheet) -> String {
    var xml = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      """
    xml += "<row r=\"1\">"
    for (c, column) in sheet.columns.enumerated() {
      xml +=
        "<c r=\"\(reference(c, 1))\" s=\"4\" t=\"inlineStr\"><is><t>"
        + escape(column.name) + "</t></is></c>"
    }
    xml += "</row>"
    for (r, row) in sheet.rows.enumerated() {
      xml += "<row r=\"\(r + 2)\">"
      for (c, text) in row.enumerated() where !text.isEmpty && c < sheet.columns.count {
        xml += cell(text, kind: sheet.columns[c].kind, at: reference(c, r + 2))
      }
      xml += "</row>"
    }
    return xml + "</sheetData></worksheet>"
  }

  /// One cell: a number or date serial when the text is one, else inline text.
  static func cell(_ text: String, kind: Kind, at ref: String) -> String {
    switch kind {
    case .date:
      if let day = Day(iso: text) {
        // The workbook declares no date system: Excel reads it in the 1900 one.
        let serial = ExcelDateSystem.from1900.serial(of: day)
        return "<c r=\"\(ref)\" s=\"1\"><v>\(serial)</v></c>"
      }
    case .integer, .money, .probability, .number:
      if Double(text)?.isFinite == true {
        return "<c r=\"\(ref)\" s=\"\(style(kind))\"><v>\(text)</v></c>"
      }
    case .text: break
    }
    return
      "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
  }

  /// `A1`-style reference of 0-based column `c` in 1-based row `r`.
  static func reference(_ c: Int, _ r: Int) -> String {
    var n = c + 1
    var letters = ""
    while n > 0 {
      let d = (n - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + d))) + letters
      n = (n - 1) / 26
    }
    return letters + "\(r)"
  }

  /// Text for XML: markup characters escaped, characters XML 1.0 cannot hold dropped.
  static func escape(_ text: String) -> String {
    MarkupText.escape(text, dropsNonXMLCharacters: true)
  }
}
