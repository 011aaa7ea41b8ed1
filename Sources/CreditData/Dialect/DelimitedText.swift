/// One row of an export as text cells, with the physical line it starts on.
public struct RawRow: Sendable, Equatable {
  /// The cells, quotes removed and doubled quotes unescaped, not trimmed.
  public var fields: [String]
  /// The 1-based physical line (or spreadsheet row) where the row starts.
  public var line: Int

  /// A row of `fields` starting on `line`.
  public init(fields: [String], line: Int) {
    self.fields = fields
    self.line = line
  }

  /// True when every cell is empty or spaces.
  var isBlank: Bool { fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
}

/// Delimited text of any separator: detecting the separator and splitting rows.
///
/// This is the general reader for exports that the comma-only fast path does not take
/// (semicolons, tabs, pipes, other encodings); it makes a `String` per cell, which is fine
/// for the sizes such exports have (about 60 MB/s).
enum DelimitedText {
  /// The separators detected, in order of preference on a tie.
  static let candidates: [UInt8] = [44, 59, 9, 124]  // , ; tab |

  /// A separator from a name (`,` `;` `tab` `\t` `|` `comma` `semicolon` `pipe`), or nil.
  static func delimiter(named name: String) -> UInt8? {
    switch name.lowercased() {
    case ",", "comma": 44
    case ";", "semicolon": 59
    case "\t", "\\t", "tab", "tsv": 9
    case "|", "pipe": 124
    default: nil
    }
  }

  /// The name of a separator for messages and profiles.
  static func name(of delimiter: UInt8) -> String {
    switch delimiter {
    case 44: ","
    case 59: ";"
    case 9: "tab"
    case 124: "|"
    default: String(UnicodeScalar(delimiter))
    }
  }

  /// The separator of the text.
  ///
  /// The candidate that splits the most of the first 50 lines into the same number of
  /// fields (at least two) wins, ties going to more fields, then to the order of
  /// `candidates`. Title lines above the header and a decimal comma in every row
  /// do not sway it: only the most common count per candidate is scored.
  static func detectDelimiter(_ p: UnsafePointer<UInt8>, count n: Int) -> UInt8 {
    var counts = [[Int]](repeating: [], count: candidates.count)
    var current = [Int](repeating: 0, count: candidates.count)
    var inQuotes = false
    var lines = 0
    var i = 0
    while i < n, lines < 50 {
      let c = p[i]
      if c == 34 {
        inQuotes.toggle()
      } else if !inQuotes, c == 10 || c == 13 {
        if current.contains(where: { $0 > 0 }) || i > 0 {
          for k in candidates.indices { counts[k].append(current[k]) }
          lines += 1
        }
        current = [Int](repeating: 0, count: candidates.count)
        if c == 13, i + 1 < n, p[i + 1] == 10 { i += 1 }
      } else if !inQuotes, let k = candidates.firstIndex(of: c) {
        current[k] += 1
      }
      i += 1
    }
    if current.contains(where: { $0 > 0 }) {
      for k in candidates.indices { counts[k].append(current[k]) }
    }
    var best = (delimiter: UInt8(44), lines: 0, fields: 0)
    for (k, d) in candidates.enumerated() {
      var frequency: [Int: Int] = [:]
      for c in counts[k] where c > 0 { frequency[c, default: 0] += 1 }
      guard let (fields, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })
      else { continue }
      if lines > best.lines || (lines == best.lines && fields > best.fields) {
        best = (d, lines, fields)
      }
    }
    return best.delimiter
  }

  /// Splits UTF-8 text (no byte order mark) into rows separated by `delimiter`.
  ///
  /// RFC 4180 quoting as `CSVScanner` reads it: rows end at LF, CRLF or a lone CR; a field
  /// starting with `"` may hold separators, line breaks and doubled quotes. Blank lines are
  /// left out (their lines are simply not any row's).
  ///
  /// - Throws: `DataError` of kind `.syntax` for a quote that is never closed or text after
  ///   a closing quote.
  static func rows(
    _ p: UnsafePointer<UInt8>, count n: Int, delimiter: UInt8, fileName: String
  ) throws -> (rows: [RawRow], blankLines: Int) {
    var rows: [RawRow] = []
    var blank = 0
    var line = 1
    var i = 0
    var fields: [String] = []
    var rowLine = 1
    while i < n {
      rowLine = line
      fields.removeAll(keepingCapacity: true)
      var endOfRow = false
      while !endOfRow {
        if i < n, p[i] == 34 {
          let openLine = line
          i += 1
          var bytes: [UInt8] = []
          while true {
            guard i < n else {
              throw DataError(
                .syntax, file: fileName, line: openLine, column: fields.count + 1,
                message: "quoted field is never closed; expected a closing '\"' (a quote "
                  + "inside a quoted field must be doubled)")
            }
            let c = p[i]
            if c == 34 {
              if i + 1 < n, p[i + 1] == 34 {
                bytes.append(34)
                i += 2
                continue
              }
              i += 1
              break
            }
            if c == 10 || (c == 13 && (i + 1 >= n || p[i + 1] != 10)) { line += 1 }
            bytes.append(c)
            i += 1
          }
          fields.append(String(decoding: bytes, as: UTF8.self))
          // Spaces between the closing quote and the separator are tolerated.
          while i < n, p[i] == 32 { i += 1 }
          if i >= n { break }
          let c = p[i]
          if c == delimiter {
            i += 1
            continue
          }
          if c == 10 || c == 13 {
            i += (c == 13 && i + 1 < n && p[i + 1] == 10) ? 2 : 1
            line += 1
            endOfRow = true
            continue
          }
          throw DataError(
            .syntax, file: fileName, line: line, column: fields.count,
            message: "unexpected text after a closing quote; expected '\(name(of: delimiter))' "
              + "or the end of the line (a quote inside a quoted field must be doubled)")
        }
        let start = i
        while i < n, p[i] != delimiter, p[i] != 10, p[i] != 13 { i += 1 }
        fields.append(
          String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self))
        if i >= n { break }
        let c = p[i]
        i += 1
        if c == delimiter { continue }
        if c == 13, i < n, p[i] == 10 { i += 1 }
        line += 1
        endOfRow = true
      }
      let row = RawRow(fields: fields, line: rowLine)
      if row.isBlank {
        blank += 1
      } else {
        rows.append(row)
      }
    }
    return (rows, blank)
  }
}
