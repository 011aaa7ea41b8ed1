import LinearAlgebra
import TestSupport
import Testing

@Suite("Designs with level columns")
struct LevelColumnsTests {
  /// A design with an intercept, `dense` stored columns and two factors (4 levels with 3
  /// columns, the baseline code 2 without; 3 levels with 2 columns), and the same design with
  /// every column written out, made independently of `LevelColumns`.
  static func designs(n: Int, dense: Int, seed: UInt64) -> (
    levels: DesignMatrix, full: DesignMatrix
  ) {
    var rng = SeededGenerator(seed: seed)
    let stored = (0..<(n * dense)).map { _ in rng.normal() }
    let a: [Int32] = (0..<n).map { (i: Int) -> Int32 in Int32((i * 7 + i / 3) % 4) }
    let b: [Int32] = (0..<n).map { (i: Int) -> Int32 in Int32((i * 5 + 1) % 3) }
    let first = 1 + dense
    let aColumns: [Int32] = [Int32(first), Int32(first + 1), -1, Int32(first + 2)]
    let bColumns: [Int32] = [-1, Int32(first + 3), Int32(first + 4)]
    let width = first + 5
    let levels = LevelColumns(
      intercept: true, dense: dense,
      factors: [.init(codes: a, columns: aColumns), .init(codes: b, columns: bColumns)],
      width: width)
    var rows = [Double](repeating: 0, count: n * width)
    for i in 0..<n {
      rows[i * width] = 1
      for j in 0..<dense { rows[i * width + 1 + j] = stored[i * dense + j] }
      if aColumns[Int(a[i])] >= 0 { rows[i * width + Int(aColumns[Int(a[i])])] = 1 }
      if bColumns[Int(b[i])] >= 0 { rows[i * width + Int(bColumns[Int(b[i])])] = 1 }
    }
    return (
      DesignMatrix(observations: n, storage: stored, levels: levels, knownFinite: true),
      DesignMatrix(observations: n, features: width, storage: rows)
    )
  }

  // The elements, the rows taken out and every column stored are those of the full design;
  // products whose sums run in the same order are the same bits, the others agree to rounding.
  @Test(arguments: [(5, 3), (3_000, 4), (70_000, 6)])
  func sameValuesAndProductsAsTheFullDesign(n: Int, dense: Int) {
    let (x, full) = Self.designs(n: n, dense: dense, seed: UInt64(n))
    let p = full.features
    #expect(x.features == p && x.storage.count == n * dense)
    for i in [0, n / 2, n - 1] { for j in 0..<p { #expect(x[i, j] == full[i, j]) } }
    #expect(x.storingEveryColumn().storage == full.storage)
    #expect(
      x.selecting(rows: [n - 1, 0, n / 3]).storage
        == full.selecting(rows: [n - 1, 0, n / 3]).storage)
    #expect(
      x.selecting(columns: [p - 1, 1, 0]).storage == full.selecting(columns: [p - 1, 1, 0]).storage)
    #expect(x.column(p - 2) == full.column(p - 2))
    let beta = (0..<p).map { 0.25 * Double($0) - 1.1 }
    // By blocks: the stored columns' dot product, then the levels' coefficients.
    let xb = x.multiplied(by: beta)
    let fullXb = full.multiplied(by: beta)
    for i in 0..<n { #expect(isClose(xb[i], fullXb[i], rtol: 1e-13, atol: 1e-13)) }
    let v = (0..<n).map { Double($0 % 7) - 3 }
    let xtv = x.transposeMultiplied(by: v)
    let fullXtv = full.transposeMultiplied(by: v)
    for j in 0..<p { #expect(isClose(xtv[j], fullXtv[j], rtol: 1e-12, atol: 1e-9)) }
    let w = (0..<n).map { Double($0 % 5) * 0.3 + 0.1 }
    let shift = (0..<p).map { j in j == 0 ? 0 : full[n / 2, j] }
    #expect(x.gram(weights: w).elements == full.gram(weights: w).elements)
    #expect(
      x.gram(weights: w, shift: shift).elements == full.gram(weights: w, shift: shift).elements)
    let plain = x.gram()
    let fullPlain = full.gram()
    for k in plain.elements.indices {
      #expect(isClose(plain.elements[k], fullPlain.elements[k], rtol: 1e-12, atol: 1e-9))
    }
  }

  // Column ranges that cut through the intercept, the stored values and the indicators.
  @Test func rowsWrittenOutForAnyColumns() {
    let (x, full) = Self.designs(n: 40, dense: 3, seed: 3)
    let p = full.features
    var scratch = [Double](repeating: .nan, count: 40 * p)
    for columns in [0..<p, 1..<p, 2..<5, 4..<p, 0..<1, 6..<6] {
      scratch.withUnsafeMutableBufferPointer { s in
        x.withRows(10..<30, columns: columns, scratch: s.baseAddress!) { rows, stride in
          #expect(stride == columns.count)
          for i in 0..<20 {
            for (k, j) in columns.enumerated() { #expect(rows[i * stride + k] == full[10 + i, j]) }
          }
        }
      }
    }
  }

  // A stored value that is not finite is found at its design row and column.
  @Test func nonFiniteStoredValueIsLocated() {
    let (x, _) = Self.designs(n: 10, dense: 3, seed: 4)
    #expect(x.firstNonFinite() == nil)
    var stored = x.storage
    stored[7 * 3 + 2] = .infinity
    let bad = DesignMatrix(observations: 10, storage: stored, levels: x.levels!, knownFinite: false)
    let found = bad.firstNonFinite()
    #expect(found?.row == 7 && found?.column == 3 && found?.value == .infinity)
  }
}
