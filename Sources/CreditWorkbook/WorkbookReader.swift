import CreditData
import Foundation
import ZIPFoundation

/// The cells of one worksheet of an Excel workbook (`.xlsx`) as text rows, for the history
/// loader (`HistoryLoader.parse(rows:fileName:sheet:options:)`).
///
/// Cell text: shared strings, inline strings and formula strings as written; numbers as
/// written in the file (the shortest text that reads back as the stored double); numbers in
/// a date format (built-in formats 14-22, 45-47 and custom formats with day, month or year
/// codes) as ISO dates; booleans as `TRUE`/`FALSE`. Each row keeps its spreadsheet row
/// number, so messages point at the sheet's rows; empty cells are empty text.
///
/// The archive is read with ZIPFoundation and the XML parts with `XMLEvents`.
public enum WorkbookReader {
  /// The rows of worksheet `sheet` (nil: the first) of the workbook in `data`, with the
  /// sheet's name.
  ///
  /// - Throws: `DataError` of kind `.syntax` when the file is not a workbook or a part
  ///   cannot be read, and of kind `.header` for a sheet name it does not have (listing
  ///   those it has).
  public static func rows(data: Data, sheet: String?, fileName: String) throws -> (
    sheet: String, rows: [RawRow]
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
    _ = try events("xl/workbook.xml") { event in
      if case .start("sheet", let a, _) = event, let name = a["name"] {
        sheets.append((name, a.first { $0.key.hasSuffix(":id") }?.value ?? ""))
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
      path, sheetReader(strings: strings, dateStyles: dateStyles) { rows.append($0) })
    guard found else { throw failure("has no part \(path) for sheet '\(chosen.name)'") }
    return (chosen.name, rows)
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

  /// A handler for a worksheet's events that calls `emit` with each non-empty row.
  static func sheetReader(strings: [String], dateStyles: Set<Int>, emit: @escaping (RawRow) -> Void)
    -> (XMLEvents.Event) -> Void
  {
    var fields: [String] = []
    var rowNumber = 0
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
      case .end("row"):
        if fields.contains(where: { !$0.isEmpty }) {
          emit(RawRow(fields: fields, line: rowNumber))
        }
      case .start("c", let a, _):
        cell = (a["r"], a["t"], a["s"].flatMap { Int($0) })
        value = ""
        inline = ""
      case .end("c"):
        let column = cell.ref.flatMap(columnIndex) ?? fields.count
        while fields.count < column { fields.append("") }
        let text = text(
          type: cell.type, style: cell.style, value: value, inline: inline, strings: strings,
          dateStyles: dateStyles)
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
    dateStyles: Set<Int>
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
      return isoDate(serial: serial) ?? v
    }
  }

  /// The 0-based column of a cell reference such as `AB12`.
  static func columnIndex(_ reference: String) -> Int? {
    var index = 0
    var letters = 0
    for ch in reference.uppercased().unicodeScalars {
      guard ch.value >= 65, ch.value <= 90 else { break }
      index = index * 26 + Int(ch.value - 64)
      letters += 1
    }
    return letters > 0 ? index - 1 : nil
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

  /// `YYYY-MM-DD` of an Excel serial day (days since 1899-12-30, the time dropped).
  static func isoDate(serial: Double) -> String? {
    let days = Int(serial.rounded(.down)) - 25_569
    guard let day = Day(year: 1970, month: 1, day: 1)?.adding(days: days) else { return nil }
    return day.description
  }
}
