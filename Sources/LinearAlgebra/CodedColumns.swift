/// Stored design columns with few distinct values (flags, terms, functions of whole counts or
/// days), kept as a 16-bit code per row into the column's table of values instead of as a
/// Double per row.
///
/// A design with coded columns (`DesignMatrix.coded`) keeps only its other stored columns, the
/// plain ones, in `storage` (`plain.count` values a row); its stored rows are written out in
/// full (`expand`), a tile at a time, inside the passes that read them, and a row written out
/// has exactly the values it was made from. At 14 stored columns of which 7 are coded, a row
/// takes 56 + 14 bytes instead of 112.
package struct CodedColumns: Sendable {
  /// Stored values of a design row (plain and coded).
  package let dense: Int
  /// The positions within a stored row of the columns kept as values, in order.
  package let plain: [Int]
  /// The positions within a stored row of the coded columns, in order.
  package let positions: [Int]
  /// The coded columns' values one table after another: code c of coded column k stands for
  /// `values[offsets[k] + c]`.
  package let values: [Double]
  /// Where each coded column's table starts in `values`.
  package let offsets: [Int]
  /// Row i's codes at `codes[i * positions.count ..< (i + 1) * positions.count]`.
  package let codes: [UInt16]

  /// Codes beside the values: `tables[k]` holds coded column k's values, `positions` its
  /// place in a stored row of `dense` values.
  package init(dense: Int, positions: [Int], tables: [[Double]], codes: [UInt16]) {
    precondition(positions.count == tables.count, "a table per coded column")
    precondition(
      zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }
        && positions.allSatisfy { (0..<dense).contains($0) }, "positions out of order or range")
    precondition(
      tables.allSatisfy { $0.count <= Int(UInt16.max) + 1 }, "a table longer than 16-bit codes")
    precondition(
      positions.isEmpty ? codes.isEmpty : codes.count % positions.count == 0,
      "codes do not match the coded columns")
    self.dense = dense
    self.positions = positions
    let coded = Set(positions)
    self.plain = (0..<dense).filter { !coded.contains($0) }
    self.values = tables.flatMap { $0 }
    var offsets: [Int] = []
    var start = 0
    for table in tables {
      offsets.append(start)
      start += table.count
    }
    self.offsets = offsets
    self.codes = codes
  }

  /// Writes the stored rows `rows` out in full to `out`, `dense` values a row, from their
  /// plain values `stored` (row `rows.lowerBound`'s first, `plain.count` values a row).
  ///
  /// Row by row, each row's values written where they go in one stretch of memory (a column
  /// at a time through a tile of rows touched a cache line per value).
  package func expand(
    rows: Range<Int>, stored: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
  ) {
    let (d, w, k, m) = (dense, plain.count, positions.count, rows.count)
    plain.withUnsafeBufferPointer { plainAt in
      positions.withUnsafeBufferPointer { codedAt in
        offsets.withUnsafeBufferPointer { offsets in
          values.withUnsafeBufferPointer { table in
            codes.withUnsafeBufferPointer { cs in
              let (plainAt, codedAt) = (plainAt.baseAddress, codedAt.baseAddress)
              let (offsets, table) = (offsets.baseAddress, table.baseAddress)
              var code = cs.baseAddress.map { $0 + rows.lowerBound &* k }
              var (src, dst) = (stored, out)
              for _ in 0..<m {
                for j in 0..<w { dst[plainAt.unsafelyUnwrapped[j]] = src[j] }
                for e in 0..<k {
                  let c = Int(code.unsafelyUnwrapped[e])
                  dst[codedAt.unsafelyUnwrapped[e]] =
                    table.unsafelyUnwrapped[offsets.unsafelyUnwrapped[e] &+ c]
                }
                src += w
                dst += d
                code = code.map { $0 + k }
              }
            }
          }
        }
      }
    }
  }

  /// Value `position` (within a stored row) of row `i`, from the row's plain values `stored`.
  package func value(row i: Int, position: Int, stored: UnsafePointer<Double>?) -> Double {
    if let k = positions.firstIndex(of: position) {
      return values[offsets[k] + Int(codes[i * positions.count + k])]
    }
    return stored.unsafelyUnwrapped[plain.firstIndex(of: position).unsafelyUnwrapped]
  }
}
