import CLAPACK

/// Least-squares solution of `min ‖A x − b‖₂` for a full-rank `A` (m x n, m ≥ n), via QR (`dgels`).
/// - Throws: `LinearAlgebraError.rankDeficient(column:)` when `A` has a zero diagonal in `R`.
/// - Complexity: O(m n²).
public func leastSquares(_ a: Matrix, _ b: [Double]) throws -> [Double] {
  precondition(b.count == a.rows && a.rows >= a.columns, "shape mismatch")
  var aa = a.elements
  var rhs = b
  var m = Int32(a.rows)
  var n = Int32(a.columns)
  var nrhs: Int32 = 1
  var info: Int32 = 0
  var lwork: Int32 = -1
  var query = 0.0
  // Workspace query (lwork = -1), then the real call.
  dgels_("N", &m, &n, &nrhs, &aa, &m, &rhs, &m, &query, &lwork, &info, 1)
  lwork = Int32(query)
  var work = [Double](repeating: 0, count: max(1, Int(lwork)))
  aa.withUnsafeMutableBufferPointer { ap in
    rhs.withUnsafeMutableBufferPointer { bp in
      work.withUnsafeMutableBufferPointer { wp in
        dgels_(
          "N", &m, &n, &nrhs, ap.baseAddress, &m, bp.baseAddress, &m, wp.baseAddress, &lwork, &info,
          1)
      }
    }
  }
  try LAPACKInfo.check(info, routine: "dgels") { .rankDeficient(column: $0) }
  return Array(rhs[0..<a.columns])
}
