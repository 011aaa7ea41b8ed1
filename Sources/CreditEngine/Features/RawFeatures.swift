/// Raw (unscaled) feature values, row by row: feature `f` of row `i` is
/// `storage[i * rowStride + firstColumn + f]`.
///
/// Row-major because the feature sweep writes whole rows, in the order of the customers'
/// events rather than the rows' (one or two cache lines per row instead of one per feature),
/// and the design is then built row by row. Rows are usually exactly the features
/// (`rowStride` = `NumericFeature.allCases.count`); training lays them out inside wider rows
/// instead, where the design matrix will have them, so that the design is then made in place
/// (`FeatureSpec.design(reusing:regions:industries:)`) rather than copied.
public struct RawFeatures: Sendable {
  /// The values (see the type's description).
  package var storage: [Double]
  /// Number of rows.
  public var count: Int
  /// Distance between rows in `storage`.
  package var rowStride: Int
  /// Position of the first feature within a row.
  package var firstColumn: Int

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
  }

  /// The first `count` rows and the rest, as two feature sets with the same layout.
  public func split(at count: Int) -> (RawFeatures, RawFeatures) {
    precondition(count >= 0 && count <= self.count, "split point out of range")
    let cut = count * rowStride
    return (
      RawFeatures(
        storage: Array(storage[..<cut]), count: count, rowStride: rowStride,
        firstColumn: firstColumn),
      RawFeatures(
        storage: Array(storage[cut...]), count: self.count - count, rowStride: rowStride,
        firstColumn: firstColumn)
    )
  }

  /// The value of `feature` for `row`.
  public subscript(feature: NumericFeature, row: Int) -> Double {
    storage[row * rowStride + firstColumn + feature.position]
  }
}
