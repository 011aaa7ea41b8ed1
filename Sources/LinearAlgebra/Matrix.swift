/// A dense matrix of `Double` in column-major order, the layout BLAS and LAPACK use.
///
/// Element `(i, j)` is `elements[i + j * rows]`. Matrices here are small (parameters x
/// parameters); observation-sized data lives in `DesignMatrix`.
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The entries, column after column.
  public var elements: [Double]

  /// A `rows` x `columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "negative dimension")
    self.rows = rows
    self.columns = columns
    self.elements = [Double](repeating: value, count: rows * columns)
  }

  /// A matrix over existing column-major `elements`.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(elements.count == rows * columns, "element count does not match shape")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from an array of rows (convenient in tests and small literals).
  public init(_ rowsOfValues: [[Double]]) {
    let r = rowsOfValues.count
    let c = rowsOfValues.first?.count ?? 0
    precondition(rowsOfValues.allSatisfy { $0.count == c }, "ragged rows")
    self.init(rows: r, columns: c)
    for i in 0..<r { for j in 0..<c { self[i, j] = rowsOfValues[i][j] } }
  }

  /// The `n` x `n` identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// Element at row `i`, column `j`.
  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { elements[i + j * rows] }
    set { elements[i + j * rows] = newValue }
  }

  /// The diagonal.
  public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
    return t
  }

  /// Copies the upper triangle onto the lower one (BLAS `syrk` and LAPACK fill only one triangle).
  public mutating func symmetrizeFromUpper() {
    precondition(rows == columns, "not square")
    for j in 0..<columns { for i in (j + 1)..<max(rows, j + 1) { self[i, j] = self[j, i] } }
  }

  /// Copies the lower triangle onto the upper one.
  public mutating func symmetrizeFromLower() {
    precondition(rows == columns, "not square")
    for j in 0..<columns { for i in (j + 1)..<max(rows, j + 1) { self[j, i] = self[i, j] } }
  }

  /// `self * x`, via BLAS `dgemv`.
  /// - Complexity: O(rows x columns).
  public func multiplied(by x: [Double]) -> [Double] {
    precondition(x.count == columns, "shape mismatch")
    var y = [Double](repeating: 0, count: rows)
    guard rows > 0, columns > 0 else { return y }
    elements.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { xp in
        y.withUnsafeMutableBufferPointer { yp in
          BLAS.gemv(
            transpose: false, rows: rows, columns: columns, alpha: 1, a: a.start, lda: rows,
            x: xp.start, beta: 0, y: yp.start)
        }
      }
    }
    return y
  }

  /// `self * other`, via BLAS `dgemm`.
  public func multiplied(by other: Matrix) -> Matrix {
    precondition(columns == other.rows, "shape mismatch")
    var c = Matrix(rows: rows, columns: other.columns)
    guard rows > 0, other.columns > 0, columns > 0 else { return c }
    elements.withUnsafeBufferPointer { a in
      other.elements.withUnsafeBufferPointer { b in
        c.elements.withUnsafeMutableBufferPointer { cp in
          BLAS.gemm(
            m: rows, n: other.columns, k: columns, a: a.start, lda: rows,
            b: b.start, ldb: other.rows, c: cp.start, ldc: rows)
        }
      }
    }
    return c
  }

  /// The quadratic form `xᵀ A x`.
  public func quadraticForm(_ x: [Double]) -> Double {
    let ax = multiplied(by: x)
    var s = 0.0
    for i in 0..<x.count { s += x[i] * ax[i] }
    return s
  }
}
