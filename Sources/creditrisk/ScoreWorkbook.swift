import CreditData
import CreditReport
import CreditWorkbook

/// The workbook of `score --xlsx`: each score file (and changes.csv) as a sheet, its cells
/// typed by column (`ScoreFiles.columnKind`).
enum ScoreWorkbook {
  static func bytes(_ files: [(name: String, writer: CSVWriter)]) throws -> [UInt8] {
    let sheets = try files.map { file -> WorkbookWriter.Sheet in
      let table = try CSVTable(bytes: file.writer.bytes, fileName: file.name)
      let columns = table.header.map { ($0, kind(ScoreFiles.columnKind($0))) }
      let rows = (0..<table.rowCount).map { r in
        (0..<table.columnCount).map { c in CSVWriter.original(table[r, c]) }
      }
      let name = file.name.hasSuffix(".csv") ? String(file.name.dropLast(4)) : file.name
      return WorkbookWriter.Sheet(name: name, columns: columns, rows: rows)
    }
    return try WorkbookWriter.workbook(sheets)
  }

  static func kind(_ k: ScoreColumnKind) -> WorkbookWriter.Kind {
    switch k {
    case .text: return .text
    case .integer: return .integer
    case .money: return .money
    case .probability: return .probability
    case .date: return .date
    case .number: return .number
    }
  }
}
