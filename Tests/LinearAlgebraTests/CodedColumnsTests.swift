import LinearAlgebra
import TestSupport
import Testing

@Suite("Designs with coded columns")
struct CodedColumnsTests {
  /// `LevelColumnsTests.designs`' design with stored columns 1 and 3 of few values (a whole
  /// count standardised, a flag), and the same design with those two coded.
  static func designs(n: Int, seed: UInt64) throws -> (plain: DesignMatrix, coded: DesignMatrix) {
    let dense = 5
    let (x, _) = LevelColumnsTests.designs(n: n, dense: dense, seed: seed)
    let levels = try #require(x.levels)
    var stored = x.storage
    for i in 0..<n {
      stored[i * dense + 1] = (Double((i * 13) % 37) - 18.0) / 7.3
      stored[i * dense + 3] = i % 3 == 0 ? -0.5 : 2.0
    }
    let plain = DesignMatrix(
      observations: n, storage: stored, levels: levels, knownFinite: true)
    let coded = CodedColumns.coding(&stored, rows: n, dense: dense, candidates: [1, 3, 4])
    return (
      plain,
      DesignMatrix(
        observations: n, storage: stored, levels: levels, coded: coded, knownFinite: true)
    )
  }

  // Columns 1 and 3 are coded, column 4 (70,000 normal values) is not; the storage holds the
  // other three stored columns; every element, row written out and product is the same bits.
  @Test(arguments: [7, 3_000, 70_000])
  func sameValuesAndProductsAsTheStoredDesign(n: Int) throws {
    let (x, c) = try Self.designs(n: n, seed: UInt64(n) + 1)
    let coded = try #require(c.coded)
    #expect(coded.positions == (n > 65_536 ? [1, 3] : [1, 3, 4]))
    #expect(c.storage.count == n * coded.plain.count)
    let p = x.features
    for i in [0, n / 2, n - 1] { for j in 0..<p { #expect(c[i, j] == x[i, j]) } }
    #expect(c.storingEveryColumn().storage == x.storingEveryColumn().storage)
    #expect(
      c.selecting(rows: [n - 1, 0, n / 3]).storage == x.selecting(rows: [n - 1, 0, n / 3]).storage)
    let beta = (0..<p).map { 0.25 * Double($0) - 1.1 }
    #expect(c.multiplied(by: beta) == x.multiplied(by: beta))
    let v = (0..<n).map { Double($0 % 7) - 3 }
    #expect(c.transposeMultiplied(by: v) == x.transposeMultiplied(by: v))
    let w = (0..<n).map { Double($0 % 5) * 0.3 + 0.1 }
    #expect(c.gram(weights: w).elements == x.gram(weights: w).elements)
    #expect(c.gram().elements == x.gram().elements)
    #expect(c.firstNonFinite() == nil)
  }

  // A column of more than 65,536 values is left as values; so is every column when none has
  // few enough, and the storage is then unchanged.
  @Test func columnsOfManyValuesStayStored() {
    let n = 70_000
    var stored = [Double](repeating: 0, count: 2 * n)
    for i in 0..<n {
      stored[2 * i] = Double(i)
      stored[2 * i + 1] = Double((2 * i + 1) % 4)
    }
    let coded = CodedColumns.coding(&stored, rows: n, dense: 2, candidates: [0, 1])
    #expect(coded?.positions == [1] && coded?.plain == [0])
    #expect(stored == (0..<n).map(Double.init))
    #expect(coded?.values.sorted() == [1, 3])
    var many = (0..<n).map(Double.init)
    #expect(CodedColumns.coding(&many, rows: n, dense: 1, candidates: [0]) == nil)
    #expect(many == (0..<n).map(Double.init))
  }

  // A coded value that is not finite is found at its row and design column.
  @Test func nonFiniteCodedValueIsLocated() throws {
    let (x, _) = LevelColumnsTests.designs(n: 10, dense: 2, seed: 5)
    var stored = x.storage
    for i in 0..<10 { stored[i * 2 + 1] = i == 6 ? .infinity : 1 }
    let coded = CodedColumns.coding(&stored, rows: 10, dense: 2, candidates: [1])
    let bad = DesignMatrix(
      observations: 10, storage: stored, levels: try #require(x.levels), coded: coded,
      knownFinite: false)
    let found = bad.firstNonFinite()
    #expect(found?.row == 6 && found?.column == 2 && found?.value == .infinity)
  }

  // Giving back the pages past an array's elements keeps them.
  @Test func spareCapacityReleasedKeepsTheValues() {
    var values = (0..<1_000_000).map(Double.init)
    values.removeLast(900_000)
    releaseSpareCapacity(&values)
    #expect(values == (0..<100_000).map(Double.init))
    values.append(contentsOf: [1, 2])
    #expect(values.suffix(2) == [1, 2])
  }
}
