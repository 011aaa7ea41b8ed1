/// A permutation of rows (row `m` of a copy is input row `self[m]`), or the identity.
///
/// The identity needs no array: a training design already in risk-set order would otherwise
/// carry an array of 0, 1, 2, ... as long as the design (80 MB at 10M rows).
struct RowOrder: Sendable {
  /// The permutation; nil for the identity.
  let indices: [Int]?

  init(_ indices: [Int]?) { self.indices = indices }

  @inline(__always)
  subscript(m: Int) -> Int { indices?[m] ?? m }
}
