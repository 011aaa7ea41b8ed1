/// The records and cells of a CSV document as `CSVWriter` writes it (RFC 4180: rows end in
/// `\n`, a quoted cell may hold commas, quotes doubled and line breaks), as byte ranges, so
/// that rows can be moved between documents unchanged.
struct CSVRecords {
  var bytes: [UInt8]
  /// Each record's bytes, its `\n` included; the header is record 0.
  var records: [Range<Int>]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var records: [Range<Int>] = []
    var start = 0
    var quoted = false
    for (i, b) in bytes.enumerated() {
      if b == 34 {
        quoted.toggle()
      } else if b == 10 && !quoted {
        records.append(start..<(i + 1))
        start = i + 1
      }
    }
    if start < bytes.count { records.append(start..<bytes.count) }
    self.records = records
  }

  /// The header's bytes (empty for an empty document).
  var header: ArraySlice<UInt8> { records.first.map { bytes[$0] } ?? [] }

  /// Data row `r`'s bytes (0-based, after the header).
  func row(_ r: Int) -> ArraySlice<UInt8> { bytes[records[r + 1]] }

  /// Data rows.
  var rowCount: Int { max(records.count - 1, 0) }

  /// The cells of `record` (its final `\n` left out), as ranges into `bytes`.
  func cells(_ record: Range<Int>) -> [Range<Int>] {
    var cells: [Range<Int>] = []
    let end = bytes[record.upperBound - 1] == 10 ? record.upperBound - 1 : record.upperBound
    var start = record.lowerBound
    var quoted = false
    for i in record.lowerBound..<end {
      if bytes[i] == 34 {
        quoted.toggle()
      } else if bytes[i] == 44 && !quoted {
        cells.append(start..<i)
        start = i + 1
      }
    }
    cells.append(start..<end)
    return cells
  }

  /// The header's cell texts (column names are plain: no quotes).
  var columnNames: [String] {
    guard let first = records.first else { return [] }
    return cells(first).map { String(decoding: bytes[$0], as: UTF8.self) }
  }
}
