/// The columns of a design that hold no numbers of their own: an intercept (all ones) and the
/// one-hot columns of categorical factors, kept as one level per row instead of as values.
///
/// A design row is then `[1] (with an intercept), the d stored values, the indicator columns`,
/// where each factor puts a one in the column of the row's level (none for the factor's
/// baseline) and zeros in its other indicator columns. At 22 columns of which 9 are the
/// intercept and the levels, the stored design is 13 values a row instead of 22, and each
/// factor adds 4 bytes a row (the column of its level).
package struct LevelColumns: Sendable {
  /// One categorical factor: a code per row and the design column of each code.
  package struct Factor: Sendable {
    /// For each row, its level's code (an index into `columns`).
    package let codes: [Int32]
    /// For each code, the design column that is one for its rows, or -1 (no column: the
    /// baseline and the levels pooled into it).
    package let columns: [Int32]

    package init(codes: [Int32], columns: [Int32]) {
      self.codes = codes
      self.columns = columns
    }
  }

  /// Whether column 0 is an intercept.
  package let intercept: Bool
  /// The stored values a row, design columns `denseStart ..< denseStart + dense`.
  package let dense: Int
  /// Factors.
  package let factorCount: Int
  /// For each row, each factor's indicator column that is one (-1: none), row `i`'s at
  /// `i * factorCount ..< (i + 1) * factorCount`; every such column lies after the stored ones.
  ///
  /// 16 bits a column (a design's columns are far fewer than 32,768: its Gram matrix would
  /// take 8 GB): 2 bytes a row for each factor instead of 4.
  package let rowColumns: [Int16]
  /// Columns of a design row.
  package let width: Int

  /// - Parameter width: columns of a design row, at least `(intercept ? 1 : 0) + dense` and
  ///   greater than every factor's columns.
  package init(intercept: Bool, dense: Int, factors: [Factor], width: Int) {
    let start = intercept ? 1 : 0
    let indicators = (start + dense)..<width
    precondition(
      factors.allSatisfy { f in f.columns.allSatisfy { $0 == -1 || indicators.contains(Int($0)) } },
      "a factor's column is outside the indicator columns")
    let n = factors.first?.codes.count ?? 0
    precondition(factors.allSatisfy { $0.codes.count == n }, "factors differ in length")
    precondition(width <= Int(Int16.max), "too many design columns for 16-bit levels")
    let k = factors.count
    self.intercept = intercept
    self.dense = dense
    self.factorCount = k
    self.width = width
    self.rowColumns = [Int16](unsafeUninitializedCapacity: n * k) { out, initialized in
      for (f, factor) in factors.enumerated() {
        let columns = factor.columns.map { Int16($0) }
        for i in 0..<n { out[i * k + f] = columns[Int(factor.codes[i])] }
      }
      initialized = n * k
    }
  }

  /// The design column of the first stored value.
  package var denseStart: Int { intercept ? 1 : 0 }

  /// Writes design rows `rows`' `columns` to `out`, `columns.count` apart, from their stored
  /// values `stored` (row `i`'s at `stored + (i - rows.lowerBound) * dense`).
  ///
  /// Plain loops over a tile (not a copy call per row).
  func write(
    rows: Range<Int>, stored: UnsafePointer<Double>, columns: Range<Int>,
    to out: UnsafeMutablePointer<Double>
  ) {
    let (low, high) = (columns.lowerBound, columns.upperBound)
    let width = high - low
    let start = denseStart
    let (a, b) = storedColumns(in: columns)
    let one = intercept && low == 0 && high > 0
    let k = factorCount
    rowColumns.withUnsafeBufferPointer { levels in
      for i in rows {
        let row = out + (i - rows.lowerBound) * width
        let values = stored + (i - rows.lowerBound) * dense + (a - start)
        for j in 0..<(a - low) { row[j] = 0 }
        for j in 0..<(b - a) { row[a - low + j] = values[j] }
        for j in (b - low)..<width { row[j] = 0 }
        if one { row[0] = 1 }
        for f in 0..<k {
          let c = Int(levels[i * k + f])
          if c >= low && c < high { row[c - low] = 1 }
        }
      }
    }
  }

  /// Element `(i, j)` of the design, from row `i`'s stored values `stored` (nil: none).
  func value(row i: Int, column j: Int, stored: UnsafePointer<Double>?) -> Double {
    let start = denseStart
    if j < start { return 1 }
    if j < start + dense { return stored.unsafelyUnwrapped[j - start] }
    let k = factorCount
    return rowColumns[(i * k)..<((i + 1) * k)].contains(Int16(j)) ? 1 : 0
  }

  /// The stored values among `columns`, as the design columns `a ..< b`.
  package func storedColumns(in columns: Range<Int>) -> (a: Int, b: Int) {
    let a = Swift.min(Swift.max(columns.lowerBound, denseStart), columns.upperBound)
    return (a, Swift.max(Swift.min(columns.upperBound, denseStart + dense), a))
  }
}
