import LinearAlgebra

extension CodedColumns {
  /// Codes those of the columns `candidates` (positions within a stored row, in order) that
  /// have at most 65,536 distinct values (told apart by their bits) over the `n` stored rows
  /// of `dense` values in `storage`, and leaves in `storage` only the rows' other values
  /// (`plain`), in order.
  /// - Returns: nil (and `storage` unchanged) when no candidate has few enough values.
  package static func coding(
    _ storage: inout [Double], rows n: Int, dense: Int, candidates: [Int]
  ) -> CodedColumns? {
    precondition(storage.count == n * dense, "storage does not match the rows")
    var positions: [Int] = []
    var tables: [[Double]] = []
    var indices: [[UInt64: Int]] = []
    for position in candidates {
      var index: [UInt64: Int] = [:]
      var table: [Double] = []
      for i in 0..<n where index[storage[i * dense + position].bitPattern] == nil {
        index[storage[i * dense + position].bitPattern] = table.count
        table.append(storage[i * dense + position])
        if table.count > Int(UInt16.max) + 1 { break }
      }
      guard table.count <= Int(UInt16.max) + 1 else { continue }
      positions.append(position)
      tables.append(table)
      indices.append(index)
    }
    guard !positions.isEmpty, n > 0 else { return nil }
    let plain = (0..<dense).filter { !positions.contains($0) }
    var codes: [UInt16] = []
    var values: [Double] = []
    for i in 0..<n {
      for (e, position) in positions.enumerated() {
        codes.append(UInt16(indices[e][storage[i * dense + position].bitPattern] ?? 0))
      }
      for position in plain { values.append(storage[i * dense + position]) }
    }
    storage = values
    return CodedColumns(dense: dense, positions: positions, tables: tables, codes: codes)
  }
}
