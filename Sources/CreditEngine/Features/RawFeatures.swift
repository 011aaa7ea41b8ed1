/// Raw (unscaled) feature values, row by row: feature `f` of row `i` is
/// `storage[i * rowStride + firstColumn + f]`, or with `coded` the features it codes are its
/// codes' values, those it fixes have their one value, and `storage` holds the others
/// (`plain`), in order.
///
/// Row-major because the feature sweep writes whole rows, in the order of the customers'
/// events rather than the rows' (one or two cache lines per row instead of one per feature),
/// and the design is then built row by row. Rows are usually exactly the features
/// (`rowStride` = `NumericFeature.allCases.count`); they can be laid out inside wider rows
/// instead (`rowStride`, `firstColumn`).
public struct RawFeatures: Sendable {
  /// The values (see the type's description).
  package var storage: [Double]
  /// Number of rows.
  public var count: Int
  /// Distance between rows in `storage`.
  package var rowStride: Int
  /// Position of the first feature within a row.
  package var firstColumn: Int
  /// The features kept as 16-bit codes (training's sweep on a large history); nil: none.
  package var coded: FeatureCodes?

  /// Features over existing row-major storage, one row of `NumericFeature.allCases.count`
  /// after another.
  package init(storage: [Double], count: Int) {
    self.init(
      storage: storage, count: count, rowStride: NumericFeature.allCases.count, firstColumn: 0)
  }

  /// Features over existing storage in rows of `rowStride` values, starting at `firstColumn`.
  package init(storage: [Double], count: Int, rowStride: Int, firstColumn: Int) {
    precondition(
      firstColumn >= 0 && firstColumn + NumericFeature.allCases.count <= rowStride,
      "the features do not fit in a row")
    precondition(storage.count == count * rowStride, "storage does not match")
    self.storage = storage
    self.count = count
    self.rowStride = rowStride
    self.firstColumn = firstColumn
    self.coded = nil
  }

  /// Features whose `coded` ones are codes, the others (`coded.plain`) in rows of exactly
  /// those values in `storage`.
  package init(plain storage: [Double], coded: FeatureCodes, count: Int) {
    precondition(storage.count == count * coded.plain.count, "storage does not match")
    precondition(coded.codes.count == count * coded.features.count, "codes do not match")
    self.storage = storage
    self.count = count
    self.rowStride = coded.plain.count
    self.firstColumn = 0
    self.coded = coded
  }

  /// The rows in consecutive parts of `counts[k]` rows each (the counts add up to `count`),
  /// as feature sets with the same layout, each part copied once.
  public func split(counts: [Int]) -> [RawFeatures] {
    precondition(counts.allSatisfy { $0 >= 0 }, "negative part")
    precondition(counts.reduce(0, +) == count, "the parts do not add up to the rows")
    precondition(coded == nil, "coded features are not split")
    var first = 0
    return counts.map { n in
      defer { first += n }
      return RawFeatures(
        storage: Array(storage[(first * rowStride)..<((first + n) * rowStride)]), count: n,
        rowStride: rowStride, firstColumn: firstColumn)
    }
  }

  /// The value of `feature` for `row`.
  public subscript(feature: NumericFeature, row: Int) -> Double {
    guard let coded else { return storage[row * rowStride + firstColumn + feature.position] }
    if let e = coded.features.firstIndex(of: feature) { return coded.value(e, row: row) }
    if let e = coded.fixed.firstIndex(of: feature) { return coded.fixedValues[e] }
    let column = coded.plain.firstIndex(of: feature).unsafelyUnwrapped
    return storage[row * rowStride + column]
  }

  /// Calls `body(r, values)` for each `r` of `chunk` with the raw row `rows?[r] ?? r`'s
  /// features, feature f at `values[f]` (`NumericFeature.position`): where they are, or
  /// written out from the codes into a row of scratch.
  package func forEachRow(
    _ chunk: Range<Int>, rows: [Int]? = nil, _ body: (Int, UnsafePointer<Double>) -> Void
  ) {
    storage.withUnsafeBufferPointer { values in
      guard let coded else {
        for r in chunk { body(r, values.start + (rows?[r] ?? r) * rowStride + firstColumn) }
        return
      }
      let plain = coded.plain.map(\.position)
      let positions = coded.features.map(\.position)
      withUnsafeTemporaryAllocation(of: Double.self, capacity: NumericFeature.allCases.count) {
        buffer in
        let row = buffer.baseAddress.unsafelyUnwrapped
        for (e, f) in coded.fixed.enumerated() { row[f.position] = coded.fixedValues[e] }
        for r in chunk {
          let i = rows?[r] ?? r
          let stored = values.start + i * rowStride
          for (j, f) in plain.enumerated() { row[f] = stored[j] }
          for (e, f) in positions.enumerated() { row[f] = coded.value(e, row: i) }
          body(r, UnsafePointer(row))
        }
      }
    }
  }
}
