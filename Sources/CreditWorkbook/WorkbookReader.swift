import CreditData
import Foundation
import ZIPFoundation

/// The cells of one worksheet of an Excel workbook (`.xlsx`) as text rows, for the history
/// loader (`HistoryLoader.parse(rows:fileName:sheet:options:)`).
///
/// Cell text: shared strings, inline strings and formula strings as written; numbers as
/// written in the file (the shortest text that reads back as the stored double); numbers in
/// a date format (built-in formats 14-22, 45-47 and custom formats with day, month or year
/// codes) as ISO dates, in the workbook's date system; booleans as `TRUE`/`FALSE`. Each row
/// keeps its spreadsheet row number, so messages point at the sheet's rows.
///
/// A sheet stores no empty cell and no empty row, so neither is ever counted on: each cell
/// is placed by the column of its reference (`r="F2"`), empty cells between values read as
/// empty text, and a row ends at its last value. Rows without a value are left out; their
/// numbers are simply not any row's.
///
/// The archive is read with ZIPFoundation and the XML parts with `XMLEvents`.
public enum WorkbookReader {
  /// The rows of worksheet `sheet` (nil: the first) of the workbook in `data`, with the
  /// sheet's name, the workbook's date system (for serials the loader reads as dates) and the
  /// names of all its sheets.
  ///
  /// - Throws: `DataError` of kind `.syntax` when the file is not a workbook, a part
  ///   cannot be read or a cell reference names no column, and of kind `.header` for a
  ///   sheet name it does not have (listing those it has).
  public static func rows(data: Data, sheet: String?, fileName: String) throws -> (
    sheet: String, rows: [RawRow], dateSystem: ExcelDateSystem, sheets: [String]
  ) {
    func failure(_ message: String) -> DataError {
      DataError(.syntax, file: fileName, message: message)
    }
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw failure("is not an .xlsx workbook (not a ZIP archive); expected an Excel file")
    }
    func part(_ path: String) throws -> Data? {
      guard let entry = archive[path] else { return nil }
      var out = Data()
      do {
        _ = try archive.extract(entry, skipCRC32: false) { out.append($0) }
      } catch {
        throw failure("part \(path) of the workbook cannot be read: \(error)")
      }
      return out
    }
    func events(_ path: String, _ handle: (XMLEvents.Event) throws -> Void) throws -> Bool {
      guard let bytes = try part(path) else { return false }
      do {
        try XMLEvents.read(bytes, handle)
      } catch let error as DataError {
        throw error
      } catch {
        throw failure("part \(path) of the workbook is not well-formed XML")
      }
      return true
    }

    var sheets: [(name: String, id: String)] = []
    var dateSystem = ExcelDateSystem.from1900
    _ = try events("xl/workbook.xml") { event in
      switch event {
      case .start("sheet", let a, _):
        if let name = a["name"] {
          sheets.append((name, a.first { $0.key.hasSuffix(":id") }?.value ?? ""))
        }
      case .start("workbookPr", let a, _):
        // An XML boolean: `1` or `true`.
        if a["date1904"] == "1" || a["date1904"] == "true" { dateSystem = .from1904 }
      default: break
      }
    }
    guard !sheets.isEmpty else {
      throw failure("has no worksheet; expected an Excel workbook with a sheet")
    }
    let chosen: (name: String, id: String)
    if let sheet {
      guard let s = sheets.first(where: { $0.name == sheet }) else {
        throw DataError(
          .header, file: fileName, text: sheet,
          message: "is not a sheet of the workbook (--sheet); expected one of "
            + sheets.map(\.name).joined(separator: ", "))
      }
      chosen = s
    } else {
      chosen = sheets[0]
    }
    var target = "worksheets/sheet1.xml"
    _ = try events("xl/_rels/workbook.xml.rels") { event in
      if case .start("Relationship", let a, _) = event, a["Id"] == chosen.id, let t = a["Target"] {
        target = t
      }
    }
    let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    let strings = try sharedStrings { try events("xl/sharedStrings.xml", $0) }
    let dateStyles = try dateStyleSet { try events("xl/styles.xml", $0) }
    var rows: [RawRow] = []
    let found = try events(
      path,
      sheetReader(
        strings: strings, dateStyles: dateStyles, dateSystem: dateSystem, fileName: fileName
      ) { rows.append($0) })
    guard found else { throw failure("has no part \(path) for sheet '\(chosen.name)'") }
    return (chosen.name, rows, dateSystem, sheets.map(\.name))
  }

  /// The shared strings: each `<si>`'s text runs, phonetic runs (`<rPh>`) left out.
  static func sharedStrings(_ read: ((XMLEvents.Event) throws -> Void) throws -> Bool) throws
    -> [String]
  {
    var out: [String] = []
    var current = ""
    var inText = false
    var phonetic = false
    _ = try read { event in
      switch event {
      case .start("si", _, _): current = ""
      case .end("si"): out.append(current)
      case .start("rPh", _, _): phonetic = true
      case .end("rPh"): phonetic = false
      case .start("t", _, let closed): inText = !phonetic && !closed
      case .end("t"): inText = false
      case .text(let t) where inText: current += t
      default: break
      }
    }
    return out
  }

  /// A handler for a worksheet's events that calls `emit` with each row that has a value,
  /// its fields up to the last value.
  ///
  /// A cell goes to the column of its reference; a cell without one (the format allows
  /// that) to the column after the cell before it. Placing cells by their order instead
  /// would move every value after an empty cell one column left.
  static func sheetReader(
    strings: [String], dateStyles: Set<Int>, dateSystem: ExcelDateSystem, fileName: String,
    emit: @escaping (RawRow) -> Void
  ) -> (XMLEvents.Event) throws -> Void {
    var fields: [String] = []
    var rowNumber = 0
    var previousColumn = -1
    var cell: (ref: String?, type: String?, style: Int?) = (nil, nil, nil)
    var value = ""
    var inline = ""
    var inValue = false
    var inInlineText = false
    var inInline = false
    var phonetic = false
    return { event in
      switch event {
      case .start("row", let a, _):
        rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
        fields = []
        previousColumn = -1
      case .end("row"):
        // Formatted cells without a value are as absent as those Excel leaves out.
        while fields.last?.isEmpty == true { fields.removeLast() }
        if !fields.isEmpty { emit(RawRow(fields: fields, line: rowNumber)) }
      case .start("c", let a, _):
        cell = (a["r"], a["t"], a["s"].flatMap { Int($0) })
        value = ""
        inline = ""
      case .end("c"):
        var column = previousColumn + 1
        if let ref = cell.ref {
          guard let c = columnIndex(ref) else {
            throw DataError(
              .syntax, file: fileName, line: rowNumber, text: ref,
              message: "is not a cell reference; expected a column A to XFD and a row, such as F2")
          }
          column = c
        }
        previousColumn = column
        while fields.count < column { fields.append("") }
        let text = text(
          type: cell.type, style: cell.style, value: value, inline: inline, strings: strings,
          dateStyles: dateStyles, dateSystem: dateSystem)
        if column < fields.count { fields[column] = text } else { fields.append(text) }
      case .start("v", _, let closed): inValue = !closed
      case .end("v"): inValue = false
      case .start("is", _, _): inInline = true
      case .end("is"): inInline = false
      case .start("rPh", _, _): phonetic = true
      case .end("rPh"): phonetic = false
      case .start("t", _, let closed): inInlineText = inInline && !phonetic && !closed
      case .end("t"): inInlineText = false
      case .text(let t):
        if inValue { value += t }
        if inInlineText { inline += t }
      default: break
      }
    }
  }

  /// The text of one cell.
  static func text(
    type: String?, style: Int?, value v: String, inline: String, strings: [String],
    dateStyles: Set<Int>, dateSystem: ExcelDateSystem
  ) -> String {
    switch type {
    case "s": return Int(v).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? v
    case "inlineStr": return inline
    case "b": return v == "1" ? "TRUE" : "FALSE"
    case "str", "e": return v
    default:
      guard let s = style, dateStyles.contains(s), let serial = Double(v), serial >= 1 else {
        return v
      }
      return isoDate(serial: serial, dateSystem) ?? v
    }
  }

  /// The 0-based column of a cell reference such as `AB12`; nil unless it is a column's
  /// letters, A to XFD (the last that Excel has), then the row's digits.
  static func columnIndex(_ reference: String) -> Int? {
    var index = 0
    var letters = 0
    var digits = 0
    for ch in reference.uppercased().unicodeScalars {
      if digits == 0, ch.value >= 65, ch.value <= 90, letters < 4 {
        index = index * 26 + Int(ch.value - 64)
        letters += 1
      } else if ch.value >= 48, ch.value <= 57 {
        digits += 1
      } else {
        return nil
      }
    }
    return letters > 0 && digits > 0 && index <= 16_384 ? index - 1 : nil
  }

  /// The styles (cell format indexes) whose number format shows a date.
  static func dateStyleSet(_ read: ((XMLEvents.Event) throws -> Void) throws -> Bool) throws
    -> Set<Int>
  {
    var custom: [Int: String] = [:]
    var formats: [Int] = []
    var inCellFormats = false
    _ = try read { event in
      switch event {
      case .start("numFmt", let a, _):
        if let id = a["numFmtId"].flatMap({ Int($0) }) { custom[id] = a["formatCode"] ?? "" }
      case .start("cellXfs", _, _): inCellFormats = true
      case .end("cellXfs"): inCellFormats = false
      case .start("xf", let a, _) where inCellFormats:
        formats.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
      default: break
      }
    }
    var out = Set<Int>()
    for (k, id) in formats.enumerated()
    where (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id)
      || (50...58).contains(id) || custom[id].map(isDateFormat) == true
    {
      out.insert(k)
    }
    return out
  }

  /// True when a number format code shows a date: it has `d`, `m` or `y` outside quoted
  /// text and brackets (`[Red]`, `[$-409]`).
  static func isDateFormat(_ code: String) -> Bool {
    var quoted = false
    var bracket = false
    var previous: Character = " "
    for ch in code.lowercased() {
      if ch == "\"" { quoted.toggle() }
      if !quoted, ch == "[" { bracket = true }
      if !quoted, ch == "]" { bracket = false }
      if !quoted, !bracket, previous != "\\", ch == "d" || ch == "y" || ch == "m" {
        return true
      }
      previous = ch
    }
    return false
  }

  /// `YYYY-MM-DD` of an Excel serial day in `dateSystem` (the time dropped); nil for a
  /// serial past 9999-12-31, the last day a date has.
  static func isoDate(serial: Double, _ dateSystem: ExcelDateSystem) -> String? {
    guard serial >= 0, serial < Double(dateSystem.serial(of: .latest) + 1) else { return nil }
    return dateSystem.day(serial: Int(serial.rounded(.down))).description
  }
}
