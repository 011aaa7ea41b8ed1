/// Accumulates a text column as `Categorical` codes while a file is scanned.
struct CategoryBuilder {
  private var interner = ByteInterner()
  private var codes: [Int32] = []

  init(capacity: Int) { codes.reserveCapacity(capacity) }

  /// Appends one value (already trimmed).
  @inline(__always)
  mutating func append(_ f: UnsafeBufferPointer<UInt8>) {
    codes.append(Int32(truncatingIfNeeded: interner.intern(f).index))
  }

  /// Reserves room for `n` rows.
  mutating func reserve(_ n: Int) { codes.reserveCapacity(n) }

  /// Appends the rows of `other`, read on its own from the rows that follow this column's
  /// in the file, keeping levels in order of first appearance over both.
  mutating func append(contentsOf other: CategoryBuilder) {
    let code = interner.absorb(other.interner)
    codes.reserveCapacity(codes.count + other.codes.count)
    for c in other.codes { codes.append(code[Int(c)]) }
  }

  /// The finished column.
  var categorical: Categorical { Categorical(levels: interner.strings, codes: codes) }
}
