import CreditData
import LinearAlgebra

extension FeatureSpec {
  /// `design(reusing:regions:industries:)` of features whose whole-number ones are codes
  /// (`RawFeatures.coded`): the coded features the design uses stay codes (`CodedColumns`),
  /// each code's table entry its value standardised; the other numeric features are
  /// standardised in `raw`'s storage, each row written over the raw row it comes from; the
  /// intercept and the category columns are levels.
  ///
  /// A row written out (`DesignMatrix.storedRows`) has the values the design of the same
  /// features written out as Doubles has, bit for bit: the same standardisation of the same
  /// value. At 14 stored features of which 7 are coded, 70 bytes a row instead of 112.
  func codedDesign(
    reusing raw: consuming RawFeatures, regions: Categorical, industries: Categorical
  ) -> (design: DesignMatrix, unseenLevels: Int) {
    guard var layout = raw.coded else { preconditionFailure("the features are not coded") }
    raw.coded = nil  // `layout` now holds the only reference to the codes.
    let n = raw.count
    let writer = DesignRows(self, regions: regions, industries: industries, intercept: true)
    // The design's stored columns in order: coded ones (their place `positions[e]` among
    // them, the code at `kept[e]` in a raw row of codes) and plain ones (read from column
    // `columns[j]` of a raw row).
    var (positions, kept, tables) = ([Int](), [Int](), [[Double]]())
    var (columns, plainMeans, plainDeviations) = ([Int](), [Double](), [Double]())
    for (j, feature) in numeric.enumerated() {
      if let e = layout.features.firstIndex(of: feature) {
        positions.append(j)
        kept.append(e)
        tables.append(layout.values[e].map { ($0 - means[j]) / standardDeviations[j] })
      } else {
        // A fixed feature has one value in every row: constant in training, never used.
        guard let column = layout.plain.firstIndex(of: feature) else {
          preconditionFailure("a feature of one value is used")
        }
        columns.append(column)
        plainMeans.append(means[j])
        plainDeviations.append(standardDeviations[j])
      }
    }
    let (wide, w) = (layout.plain.count, columns.count)
    var storage = raw.storage
    raw.storage = []  // `storage` is now the only reference: written in place, not copied.
    let (unseen, plainFinite) = writer.narrowRows(
      &storage, count: n, wide: wide, narrow: w, first: 0, read: wide
    ) { raw, row, check in
      for j in 0..<w {
        let v = (raw[columns[j]] - plainMeans[j]) / plainDeviations[j]
        row[j] = v
        check += 0 * v
      }
    }
    if w < wide { releaseSpareCapacity(&storage) }
    // The codes of the coded features the design uses, moved together in place when some
    // coded feature is not used (constant in training).
    let k = layout.features.count
    var codes = layout.codes
    layout.codes = []
    if kept.count < k {
      codes.withUnsafeMutableBufferPointer { cs in
        for i in 0..<n {
          for (e, from) in kept.enumerated() { cs[i * kept.count + e] = cs[i * k + from] }
        }
      }
      codes.removeLast(n * (k - kept.count))
    }
    let coded =
      kept.isEmpty
      ? nil : CodedColumns(dense: numeric.count, positions: positions, tables: tables, codes: codes)
    let finite = plainFinite && tables.allSatisfy { $0.allSatisfy(\.isFinite) }
    return (
      DesignMatrix(
        observations: n, storage: storage, levels: writer.levelColumns(), coded: coded,
        knownFinite: finite),
      unseen
    )
  }
}
