import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// The features of whole-number values that training's sweep keeps as a 16-bit code a row
/// instead of as a Double: 7 of the 14 features of a row, 70 bytes a row instead of 112.
///
/// Each of these features is a function of a whole number the sweep counts (`value(of:_:)`):
/// the terms in days, a flag, the invoices issued before, the days since the last late
/// payment (capped), the days of tenure (capped). Code c of a coded feature stands for the
/// whole number `low + c`, and its value is that function's, computed once for every code,
/// so a row's features are those the sweep would have written out, bit for bit.
package struct FeatureCodes: Sendable {
  /// The coded features, in `NumericFeature` order.
  package let features: [NumericFeature]
  /// The other features, in order: those a row of `RawFeatures.storage` holds.
  package let plain: [NumericFeature]
  /// The features whose range holds one whole number, in `NumericFeature` order: the same
  /// value in every row, kept once (`fixedValues`) instead of a code a row.
  package let fixed: [NumericFeature]
  /// The value of each of the `fixed` features.
  package let fixedValues: [Double]
  /// For each coded feature, the whole number its code 0 stands for.
  package let low: [Int]
  /// For each coded feature, the value of each of its codes.
  package let values: [[Double]]
  /// Row i's codes at `codes[i * features.count ..< (i + 1) * features.count]`.
  package var codes: [UInt16]

  /// Most codes a feature can have.
  package static let codeLimit = Int(UInt16.max) + 1

  /// The features of whole-number values whose whole numbers span from 2 to `codeLimit`
  /// values are coded, those of one value fixed; no codes made yet.
  /// - Parameter ranges: each feature's lowest and highest whole number (`fixedRanges` and
  ///   those of the terms, the prior invoices and the credit limit flag); features without a
  ///   range are neither coded nor fixed.
  package init(ranges: [NumericFeature: ClosedRange<Int>]) {
    let coded = NumericFeature.allCases.filter {
      guard let r = ranges[$0] else { return false }
      return r.upperBound > r.lowerBound && r.upperBound - r.lowerBound < Self.codeLimit
    }
    let fixed = NumericFeature.allCases.filter { ranges[$0]?.count == 1 }
    features = coded
    plain = NumericFeature.allCases.filter { !coded.contains($0) && !fixed.contains($0) }
    self.fixed = fixed
    fixedValues = fixed.map { Self.value(of: $0, ranges[$0].unsafelyUnwrapped.lowerBound) }
    low = coded.map { ranges[$0].unsafelyUnwrapped.lowerBound }
    values = coded.map { feature in
      ranges[feature].unsafelyUnwrapped.map { Self.value(of: feature, $0) }
    }
    codes = []
  }

  /// The features of whole-number values whose range does not depend on the history (flags,
  /// capped days); the terms in days and the count of prior invoices are the others.
  package static let fixedRanges: [NumericFeature: ClosedRange<Int>] = [
    .disputed: 0...1, .paperless: 0...1, .logDaysSinceLate: 0...FeatureBuilder.horizonDays,
    .hasCreditLimit: 0...1, .logTenure: 0...FeatureBuilder.tenureCapDays,
  ]

  /// The value of a feature of whole-number values for the whole number `v`: the terms in months of 30 days, a flag as 0 or 1, `log1p` of a count of
  /// invoices or days.
  /// - Parameter logs: `FeatureBuilder.log1pOfWhole` (passed in by a loop that holds it).
  @inline(__always)
  package static func value(
    of feature: NumericFeature, _ v: Int, logs: [Double] = FeatureBuilder.log1pOfWhole
  ) -> Double {
    switch feature {
    case .terms: return Double(v) / 30
    case .disputed, .paperless, .hasCreditLimit: return Double(v)
    default: return v < logs.count ? logs[v] : log1p(Double(v))
    }
  }

  /// The value of coded feature `e` (its place in `features`) in row `i`.
  @inline(__always)
  package func value(_ e: Int, row i: Int) -> Double {
    values[e][Int(codes[i * features.count + e])]
  }
}
