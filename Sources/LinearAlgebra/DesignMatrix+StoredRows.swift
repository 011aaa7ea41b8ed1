// The stored values of a block of rows, for the passes that read them where they are: a
// design without coded columns gives its storage, one with them (`CodedColumns`) writes the
// block's stored rows out in full first, a tile at a time.

extension DesignMatrix {
  /// Stored values of a row as the passes read them: every column, or with `levels` the
  /// `levels.dense` stored ones (coded or not).
  package var storedWidth: Int { levels?.dense ?? features }

  /// Rows `rows`' stored values, `storedWidth` apart, row `rows.lowerBound`'s first.
  ///
  /// In `xs` (this design's `storage`) where they are, or, with coded columns, written out to
  /// `scratch` (room for `rows.count * storedWidth` values). Nil when there are none.
  package func storedRows(
    _ rows: Range<Int>, in xs: UnsafeBufferPointer<Double>, scratch: UnsafeMutablePointer<Double>?
  ) -> UnsafePointer<Double>? {
    guard let coded else { return xs.baseAddress.map { $0 + rows.lowerBound * storedWidth } }
    guard let scratch else { preconditionFailure("coded columns are written out to scratch") }
    coded.expand(
      rows: rows,
      stored: xs.baseAddress.map { $0 + rows.lowerBound * coded.plain.count }
        ?? UnsafePointer(scratch), into: scratch)
    return UnsafePointer(scratch)
  }

  /// Calls `body` with blocks of the observations `rows` and their stored values
  /// (`storedRows`): `rows` whole without coded columns, else tiles of `tileRows`.
  package func forEachStoredBlock(
    _ rows: Range<Int>, in xs: UnsafeBufferPointer<Double>,
    _ body: (Range<Int>, UnsafePointer<Double>?) -> Void
  ) {
    guard coded != nil else { return body(rows, storedRows(rows, in: xs, scratch: nil)) }
    let tileRows = DesignMatrix.tileRows
    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: tileRows * storedWidth)
    defer { scratch.deallocate() }
    var start = rows.lowerBound
    while start < rows.upperBound {
      let tile = start..<Swift.min(start + tileRows, rows.upperBound)
      body(tile, storedRows(tile, in: xs, scratch: scratch))
      start = tile.upperBound
    }
  }
}
