/// Sums over rows that add up over parts of the rows.
///
/// The parts are a fused pass's chunks or a history's shards; the sums of the whole are each
/// field's sum over the parts, so a type lists its fields once (`sums`, `counts`) and `add`
/// adds them all.
package protocol AdditiveSums {
  /// The sums over no rows.
  init()
  /// The fields that are sums of reals (empty by default).
  static var sums: [WritableKeyPath<Self, Double>] { get }
  /// The fields that are counts (empty by default).
  static var counts: [WritableKeyPath<Self, Int>] { get }
}

extension AdditiveSums {
  package static var sums: [WritableKeyPath<Self, Double>] { [] }
  package static var counts: [WritableKeyPath<Self, Int>] { [] }

  /// Adds the sums of other rows.
  package mutating func add(_ other: Self) {
    for field in Self.sums { self[keyPath: field] += other[keyPath: field] }
    for field in Self.counts { self[keyPath: field] += other[keyPath: field] }
  }
}
