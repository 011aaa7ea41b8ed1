#if canImport(Glibc)
  import Glibc
#endif

/// The single pass over a history file's data rows, run on both cores when the file is
/// large enough.
///
/// Split: when the rows hold no `"` at all, every line break ends a row, so the rows can be
/// cut at line feeds into chunks of about equal size (how many depends only on the size; see
/// `HistoryLoader.Chunking`). Each chunk is read concurrently by the same code as a whole
/// file, into its own `HistoryRows` with its own numbering of customer ids and category
/// levels; chunks after the first number their lines from 1.
///
/// Merge: the chunks are appended to the first in file order (the first chunk sizes its
/// columns for the whole file). Each chunk's customer ids and levels are looked up in (or
/// added to) the numbering so far, which keeps first appearance over the whole file; its
/// line numbers are shifted by the lines of the chunks before it. The result is exactly what
/// one pass would have read, and the checks over all rows (duplicate ids, date layouts,
/// date order) then run on it as before.
///
/// Errors: the first chunk starts where a single pass would, so its first error is the
/// single pass's first error. Anything found later (an error in another chunk, or a date
/// column whose layout changes between chunks, which one pass reports as a mixed layout)
/// may depend on rows before it, so the file is then read again in one pass to report the
/// error exactly as it would have been. That costs time only for files that fail to load.
///
/// Files with quotes, where a line break may sit inside a field, and small files are read
/// in one pass on the calling thread.
struct HistoryPass {
  let base: UnsafePointer<UInt8>
  /// End of the file.
  let count: Int
  /// Offset of the first data row (just after the header).
  let start: Int
  /// Physical line at `start`.
  let line: Int
  let columns: HistoryColumns
  let context: LoadContext
  let forced: DateFormat?

  /// Reads every data row.
  ///
  /// - Throws: `DataError` for the first bad row, as a single pass would report it.
  func read(_ chunking: HistoryLoader.Chunking) throws -> HistoryRows {
    let bounds = HistoryPass.chunkBounds(base, start: start, end: count, chunking)
    if bounds.count <= 2 { return try readChunk(from: start, to: count, line: line) }

    var parts = Concurrent.map(bounds.count - 1) { k in
      Result { try readChunk(from: bounds[k], to: bounds[k + 1], line: k == 0 ? line : 1) }
    }
    var rows: HistoryRows
    switch parts.removeFirst() {
    case .success(let first): rows = first
    case .failure(let error): throw error
    }
    for part in parts {
      guard case .success(let chunk) = part, rows.append(chunk)
      else { return try readChunk(from: start, to: count, line: line) }
    }
    return rows
  }

  /// Reads the rows in `from..<to`, numbering lines from `line`.
  private func readChunk(from: Int, to: Int, line: Int) throws -> HistoryRows {
    var scanner = CSVScanner(
      base: base, count: to, start: from, line: line, fieldCapacity: HistoryLoader.rowCapacity,
      fileName: context.fileName)
    // The first chunk sizes its columns for the whole file: the others are appended to it.
    return try HistoryRows.read(
      &scanner, columns: columns, context: context, forced: forced,
      sizeEnd: from == start ? count : to)
  }

  /// Chunk boundaries `start, ..., end` for the rows in `start..<end`: each inner one just after a
  /// line feed.
  ///
  /// Just `[start, end]` when the rows hold a `"` or are too small to cut.
  static func chunkBounds(
    _ p: UnsafePointer<UInt8>, start: Int, end: Int, _ chunking: HistoryLoader.Chunking
  ) -> [Int] {
    let size = end - start
    let k = max(1, min(chunking.maximumChunks, size / max(chunking.minimumBytes, 1)))
    guard k > 1, memchr(p + start, Int32(UInt8(ascii: "\"")), size) == nil else {
      return [start, end]
    }
    var bounds = [start]
    for c in 1..<k {
      // The first line feed at or after the target ends the chunk.
      let target = start + size / k * c
      guard let last = bounds.last, target > last,
        let lf = memchr(p + target - 1, 10, end - target + 1)
      else { break }
      let b = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(lf)) + 1
      if b >= end { break }
      if b > last { bounds.append(b) }
    }
    bounds.append(end)
    return bounds
  }
}
