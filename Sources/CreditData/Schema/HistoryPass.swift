import Parallelism

#if canImport(Glibc)
  import Glibc
#endif

/// The single pass over a history file's data rows, run on both cores when the file is
/// large enough.
///
/// Survey: the rows are cut at line feeds into chunks of about equal size (how many depends
/// only on the size; see `HistoryLoader.Chunking`), and each chunk's bytes are checked
/// (encoding, quotes) and their line breaks counted, concurrently. Every row ends with a
/// line break or the end of the file, so the counts bound the rows of each chunk, and every
/// chunk can write its rows straight into the history's arrays (`HistoryStorage`) at its
/// own offset. The whole file is thus checked once, as before it is read in one pass.
///
/// Split: when the rows hold no `"` at all, every line break ends a row, so the chunks are
/// read concurrently by the same code as a whole file, each with its own numbering of
/// customer ids and category levels; chunks after the first number their lines from 1.
///
/// Join: in file order, each chunk's customer ids and levels are looked up in (or added to)
/// the numbering so far, which keeps first appearance over the whole file; its rows are
/// then renumbered and their lines shifted in place (concurrently), and moved down when
/// the chunk before had blank lines. The result is exactly what one pass would have read,
/// and the checks over all rows (duplicate ids, date layouts, date order) then run on it as
/// before.
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
  /// Offset of the text (after any byte order mark).
  let textStart: Int
  /// Offset of the first data row (just after the header).
  let start: Int
  /// Physical line at `start`.
  let line: Int
  let columns: HistoryColumns
  let context: LoadContext
  let forced: DateFormat?

  /// Reads every data row.
  ///
  /// - Throws: `DataError` for the first bad row, as a single pass would report it, or for
  ///   the first encoding problem in the file.
  func read(_ chunking: HistoryLoader.Chunking) throws -> (HistoryStorage.Arrays, HistoryRows) {
    let bounds = HistoryPass.chunkBounds(base, start: start, end: count, chunking)
    if bounds.count > 2 {
      let k = bounds.count - 1
      let surveys = Parallel.perform(k) { c in
        HistoryPass.survey(base, from: bounds[c], to: bounds[c + 1])
      }
      let header = CSVReader.firstInvalidByte(base, from: textStart, count: start)
      if header != nil || surveys.contains(where: { $0.firstInvalid != nil }) {
        _ = try CSVReader.validatedStart(base, count: count, fileName: context.fileName)
      }
      if !surveys.contains(where: \.hasQuote) {
        var capacities = surveys.map(\.lineBreaks)
        if !HistoryPass.endsWithLineBreak(base, count) { capacities[k - 1] += 1 }
        return try readChunks(bounds, capacities)
      }
      let total = surveys.reduce(1) { $0 + $1.lineBreaks }
      return try HistoryStorage.build(capacity: total, columns) { out in
        let rows = try readChunk(
          from: start, to: count, line: line, into: out, at: 0, total, quoteFree: false)
        return (rows.count, rows)
      }
    }
    let survey = HistoryPass.survey(base, from: textStart, to: count)
    if survey.firstInvalid != nil {
      _ = try CSVReader.validatedStart(base, count: count, fileName: context.fileName)
    }
    return try HistoryStorage.build(capacity: survey.lineBreaks + 1, columns) { out in
      let rows = try readChunk(
        from: start, to: count, line: line, into: out, at: 0, survey.lineBreaks + 1,
        quoteFree: !survey.hasQuote)
      return (rows.count, rows)
    }
  }

  /// `CSVReader.survey` of `from..<to` a stretch at a time, each stretch of a mapped file
  /// given back once surveyed (`InputFile.release`): the rows are read again after the
  /// survey, and a large file is then never in memory whole.
  ///
  /// The stretches end just after a line feed, so each starts at a character boundary and no
  /// CRLF is split: the counts add up to the whole range's.
  static func survey(
    _ base: UnsafePointer<UInt8>, from: Int, to: Int,
    stride: Int = InputFile.ReleaseBehind.stride
  ) -> ByteSurvey {
    var behind = InputFile.ReleaseBehind(base, from: from)
    var result = ByteSurvey()
    var i = from
    while i < to {
      var end = to
      if to - i > stride, let lf = memchr(base + i + stride, 10, to - i - stride) {
        end = UnsafePointer(lf.assumingMemoryBound(to: UInt8.self)) - base + 1
      }
      let part = CSVReader.survey(base, from: i, to: end)
      result.lineBreaks += part.lineBreaks
      result.hasQuote = result.hasQuote || part.hasQuote
      if let invalid = part.firstInvalid {
        result.firstInvalid = invalid
        break
      }
      behind.release(upTo: end)
      i = end
    }
    return result
  }

  /// Reads the chunks starting at `bounds` concurrently, chunk `c` into the rows from the sum
  /// of the `capacities` before it, and joins them.
  private func readChunks(_ bounds: [Int], _ capacities: [Int]) throws -> (
    HistoryStorage.Arrays, HistoryRows
  ) {
    let k = capacities.count
    var offsets = [0]
    for c in capacities { offsets.append((offsets.last ?? 0) + c) }
    let total = offsets[k]
    return try HistoryStorage.build(capacity: total, columns) { out in
      let parts = Parallel.perform(k) { c in
        Result {
          try readChunk(
            from: bounds[c], to: bounds[c + 1], line: c == 0 ? line : 1, into: out,
            at: offsets[c], capacities[c], quoteFree: true)
        }
      }
      let chunks = parts.compactMap { try? $0.get() }
      if case .failure(let error) = parts[0] { throw error }
      // Join in file order; when a chunk failed or cannot be joined, read the whole file
      // again in one pass (into the same storage) for the error a single pass reports.
      var rows = chunks[0]
      var renumberings: [HistoryRows.Renumbering] = []
      if chunks.count == k {
        for chunk in chunks.dropFirst() {
          guard
            let renumbering = rows.append(chunk, idsFollow: follows(rows.lastID, chunk.firstID))
          else { break }
          renumberings.append(renumbering)
        }
      }
      guard renumberings.count == k - 1 else {
        let whole = try readChunk(
          from: start, to: count, line: line, into: out, at: 0, total, quoteFree: true)
        return (whole.count, whole)
      }
      // Renumber each later chunk where it was written, then close any gaps that blank lines
      // left (a chunk's capacity counts them).
      _ = Parallel.perform(k - 1) { j in renumberings[j].apply(to: out, at: offsets[j + 1], columns)
      }
      for (j, renumbering) in renumberings.enumerated()
      where offsets[j + 1] != renumbering.rows.lowerBound {
        move(
          out, from: offsets[j + 1], to: renumbering.rows.lowerBound, count: renumbering.rows.count)
      }
      return (rows.count, rows)
    }
  }

  /// Moves `n` rows of every column the file has from `from` down to `to`.
  private func move(_ out: HistoryStorage, from: Int, to: Int, count n: Int) {
    func move<T>(_ p: UnsafeMutablePointer<T>) { (p + to).moveInitialize(from: p + from, count: n) }
    move(out.customer)
    move(out.issue)
    move(out.due)
    move(out.paid)
    if columns.terms >= 0 { move(out.terms) }
    move(out.amount)
    if columns.currency >= 0 { move(out.currency) }
    if columns.region >= 0 { move(out.region) }
    if columns.industry >= 0 { move(out.industry) }
    move(out.disputed)
    move(out.paperless)
    move(out.writtenOff)
    if columns.limit >= 0 { move(out.limit) }
    if columns.open >= 0 { move(out.open) }
    move(out.line)
  }

  /// True when the id at `next` sorts after the id at `last` (both byte ranges of the file).
  private func follows(_ last: Range<Int>?, _ next: Range<Int>?) -> Bool {
    guard let last, let next else { return false }
    return HistoryRows.precedes(
      UnsafeBufferPointer(start: base + last.lowerBound, count: last.count),
      UnsafeBufferPointer(start: base + next.lowerBound, count: next.count))
  }

  /// Reads the rows in `from..<to`, numbering lines from `line`, into rows `at...` of `out`
  /// (at most `capacity` of them); `quoteFree` when the rows hold no `"`.
  private func readChunk(
    from: Int, to: Int, line: Int, into out: HistoryStorage, at offset: Int, _ capacity: Int,
    quoteFree: Bool
  ) throws -> HistoryRows {
    var scanner = CSVScanner(
      base: base, count: to, start: from, line: line, fieldCapacity: HistoryLoader.rowCapacity,
      fileName: context.fileName)
    if quoteFree { scanner.assumeNoQuotes() }
    return try HistoryRows.read(
      &scanner, columns: columns, context: context, forced: forced, into: out, at: offset,
      capacity: capacity)
  }

  /// True when the file's last byte ends a line.
  private static func endsWithLineBreak(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    n > 0 && (p[n - 1] == 10 || p[n - 1] == 13)
  }

  /// Chunk boundaries `start, ..., end` for the rows in `start..<end`: each inner one just
  /// after a line feed.
  ///
  /// Just `[start, end]` when the rows are too small to cut.
  static func chunkBounds(
    _ p: UnsafePointer<UInt8>, start: Int, end: Int, _ chunking: HistoryLoader.Chunking
  ) -> [Int] {
    let size = end - start
    let k = max(1, min(chunking.maximumChunks, size / max(chunking.minimumBytes, 1)))
    guard k > 1 else { return [start, end] }
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
