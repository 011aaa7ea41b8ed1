/// An n x p design matrix stored observation by observation.
///
/// Element `(i, j)` (observation `i`, feature `j`) is `storage[i * features + j]`. Read as
/// BLAS sees it, this is the column-major p x n matrix `Xᵀ` with leading dimension `p`: each
/// observation is one contiguous column, so a block of rows is a contiguous tile that BLAS
/// can take without a copy, and row tiles can be split across threads.
///
/// A design may keep its intercept and one-hot category columns as a level per row
/// (`levels`); `storage` then holds only the other columns, and the products write each tile
/// of rows out in full into a cache-resident buffer before BLAS reads it (`withRows`).
public struct DesignMatrix: Sendable {
  /// Number of observations (rows), n.
  public let observations: Int
  /// Number of features (columns), p.
  public let features: Int
  /// The entries, observation after observation: every column, or with `levels` only the
  /// `levels.dense` stored ones (with `coded`, only the plain ones among them).
  public private(set) var storage: [Double]
  /// The intercept and indicator columns kept as levels (nil: `storage` holds every column).
  package let levels: LevelColumns?
  /// The stored columns kept as 16-bit codes (nil: `storage` holds every stored column).
  package let coded: CodedColumns?
  /// Whether every entry was checked to be finite when the design was built (false: unknown).
  ///
  /// The fits then need not scan it again, a pass over the whole design each.
  package let knownFinite: Bool

  /// A design over existing observation-major `storage`.
  public init(observations: Int, features: Int, storage: [Double]) {
    self.init(observations: observations, features: features, storage: storage, knownFinite: false)
  }

  /// A design over existing observation-major `storage`.
  /// - Parameter knownFinite: true only if the caller has checked that every entry of
  ///   `storage` is finite (e.g. while writing it); the fits then skip their own scan.
  package init(observations: Int, features: Int, storage: [Double], knownFinite: Bool) {
    precondition(storage.count == observations * features, "storage does not match shape")
    self.observations = observations
    self.features = features
    self.storage = storage
    self.levels = nil
    self.coded = nil
    self.knownFinite = knownFinite
  }

  /// A design whose intercept and indicator columns are `levels`, the other columns in
  /// observation-major `storage` (`levels.dense` a row), or with `coded` those of them it
  /// does not code (`coded.plain.count` a row).
  /// - Parameter knownFinite: true only if every stored value is known to be finite.
  package init(
    observations: Int, storage: [Double], levels: LevelColumns, coded: CodedColumns? = nil,
    knownFinite: Bool
  ) {
    precondition(
      storage.count == observations * (coded?.plain.count ?? levels.dense),
      "storage does not match shape")
    precondition(
      levels.rowColumns.count == observations * levels.factorCount, "levels do not match rows")
    if let coded {
      precondition(
        coded.dense == levels.dense && coded.codes.count == observations * coded.positions.count,
        "coded columns do not match the design")
    }
    self.observations = observations
    self.features = levels.width
    self.storage = storage
    self.levels = levels
    self.coded = coded
    self.knownFinite = knownFinite
  }

  /// A design from feature columns (each of length n).
  public init(columns: [[Double]]) {
    let p = columns.count
    let n = columns.first?.count ?? 0
    precondition(columns.allSatisfy { $0.count == n }, "columns differ in length")
    var s = [Double](repeating: 0, count: n * p)
    for j in 0..<p {
      let col = columns[j]
      for i in 0..<n { s[i * p + j] = col[i] }
    }
    self.init(observations: n, features: p, storage: s)
  }

  /// A design from observation rows (each of length p).
  public init(rows: [[Double]]) {
    let n = rows.count
    let p = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == p }, "ragged rows")
    self.init(observations: n, features: p, storage: rows.flatMap { $0 })
  }

  /// Element for observation `i`, feature `j`.
  public subscript(i: Int, j: Int) -> Double {
    guard let levels else { return storage[i * features + j] }
    return storage.withUnsafeBufferPointer { xs in
      let (a, b) = levels.storedColumns(in: j..<(j + 1))
      guard let coded, a < b else {
        return levels.value(row: i, column: j, stored: xs.baseAddress.map { $0 + i * levels.dense })
      }
      return coded.value(
        row: i, position: j - levels.denseStart,
        stored: xs.baseAddress.map { $0 + i * coded.plain.count })
    }
  }

  /// Feature `j` as a column.
  public func column(_ j: Int) -> [Double] {
    (0..<observations).map { self[$0, j] }
  }

  /// The observations in `rows`, as a new design.
  /// (Every column of the new design is stored.)
  public func selecting(rows: [Int]) -> DesignMatrix {
    var s = [Double]()
    if levels != nil {
      let p = features
      s = [Double](unsafeUninitializedCapacity: rows.count * p) { out, initialized in
        for (k, i) in rows.enumerated() {
          withRows(i..<(i + 1), columns: 0..<p, scratch: out.start + k * p) { row, _ in
            (out.start + k * p).update(from: row, count: p)
          }
        }
        initialized = rows.count * p
      }
      return DesignMatrix(
        observations: rows.count, features: p, storage: s, knownFinite: knownFinite)
    }
    s.reserveCapacity(rows.count * features)
    for i in rows { s.append(contentsOf: storage[(i * features)..<((i + 1) * features)]) }
    return DesignMatrix(
      observations: rows.count, features: features, storage: s, knownFinite: knownFinite)
  }

  /// This design with every column stored (itself when it has no `levels`).
  public func storingEveryColumn() -> DesignMatrix {
    levels == nil ? self : selecting(rows: Array(0..<observations))
  }

  /// The features in `columns` (in that order), as a new design.
  public func selecting(columns: [Int]) -> DesignMatrix {
    precondition(columns.allSatisfy { $0 >= 0 && $0 < features }, "column out of range")
    var s = [Double]()
    s.reserveCapacity(observations * columns.count)
    for i in 0..<observations { for j in columns { s.append(self[i, j]) } }
    return DesignMatrix(
      observations: observations, features: columns.count, storage: s, knownFinite: knownFinite)
  }

  /// Calls `body` with the observations `rows`' features `columns`: a pointer to the first
  /// value and the distance between rows.
  ///
  /// A design that stores every column is read where it is; with `levels`, the rows are
  /// written out in full into `scratch` (room for `rows.count * columns.count` values), rows
  /// `columns.count` apart.
  package func withRows<R>(
    _ rows: Range<Int>, columns: Range<Int>, scratch: UnsafeMutablePointer<Double>,
    _ body: (UnsafePointer<Double>, Int) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeBufferPointer { xs in
      guard let levels else {
        // (No values at all: nothing to read, and no address to read them at.)
        guard let base = xs.baseAddress else { return try body(scratch, features) }
        return try body(base + rows.lowerBound * features + columns.lowerBound, features)
      }
      // (No stored values at all: nothing is read from `stored`.)
      guard let coded else {
        levels.write(
          rows: rows, stored: storedRows(rows, in: xs, scratch: nil) ?? UnsafePointer(scratch),
          columns: columns, to: scratch)
        return try body(scratch, columns.count)
      }
      // The stored values written out first (`storedRows`), the rows then from them.
      return try withUnsafeTemporaryAllocation(
        of: Double.self, capacity: rows.count * coded.dense
      ) { expanded in
        let stored = storedRows(rows, in: xs, scratch: expanded.baseAddress ?? scratch)
        levels.write(
          rows: rows, stored: stored ?? UnsafePointer(scratch), columns: columns, to: scratch)
        return try body(scratch, columns.count)
      }
    }
  }

  /// The first stored value that is not finite, as its observation, feature and value.
  ///
  /// (With `levels`, the intercept and the indicators are finite by construction.)
  /// (With `coded`, a plain value is found first, then a coded one row by row.)
  package func firstNonFinite() -> (row: Int, column: Int, value: Double)? {
    let stride = coded?.plain.count ?? levels?.dense ?? features
    let start = levels?.denseStart ?? 0
    if let k = storage.firstIndex(where: { !$0.isFinite }) {
      return (k / stride, (coded?.plain[k % stride] ?? k % stride) + start, storage[k])
    }
    guard let coded, !coded.values.allSatisfy(\.isFinite) else { return nil }
    for i in 0..<observations {
      for position in coded.positions where !self[i, start + position].isFinite {
        return (i, start + position, self[i, start + position])
      }
    }
    return nil
  }

  // MARK: - Products

  /// The linear predictor `X β` (BLAS `dgemv` per chunk, chunks in parallel; with `levels`,
  /// on the stored values, the levels' coefficients added).
  /// - Complexity: O(n p).
  public func multiplied(by beta: [Double]) -> [Double] {
    precondition(beta.count == features, "shape mismatch")
    var y = [Double](repeating: 0, count: observations)
    guard observations > 0, features > 0 else { return y }
    let p = features
    y.withUnsafeMutableBufferPointer { yp in
      let out = SendablePointer(yp.start)
      beta.withUnsafeBufferPointer { b in
        let bp = SendablePointer(UnsafeMutablePointer(mutating: b.start))
        Parallel.forEachChunk(observations) { r in
          linearPredictor(
            rows: r, columns: 0..<p, beta: bp.pointer, into: out.pointer + r.lowerBound)
        }
      }
    }
    return y
  }

  /// `Xᵀ v` (BLAS `dgemv` per chunk; the chunk sums are added in chunk order).
  /// - Complexity: O(n p).
  public func transposeMultiplied(by v: [Double]) -> [Double] {
    precondition(v.count == observations, "shape mismatch")
    guard observations > 0, features > 0 else { return [Double](repeating: 0, count: features) }
    let p = features
    let partials: [[Double]] = storage.withUnsafeBufferPointer { xs in
      v.withUnsafeBufferPointer { vs in
        Parallel.map(observations) { r in
          var g = [Double](repeating: 0, count: p)
          g.withUnsafeMutableBufferPointer { gp in
            guard levels != nil else {
              BLAS.gemv(
                transpose: false, rows: p, columns: r.count, alpha: 1,
                a: xs.start + r.lowerBound * p, lda: p, x: vs.start + r.lowerBound,
                beta: 0, y: gp.start)
              return
            }
            forEachTile(r, columns: 0..<p) { tile, xt, lda in
              BLAS.gemv(
                transpose: false, rows: p, columns: tile.count, alpha: 1, a: xt, lda: lda,
                x: vs.start + tile.lowerBound, beta: 1, y: gp.start)
            }
          }
          return g
        }
      }
    }
    return Self.sum(partials)
  }

  /// The weighted Gram matrix `Xᵀ W X` (full symmetric) of the design or of its shifted rows.
  ///
  /// `W = diag(weights)`, all weights ≥ 0; `XᵀX` when `weights` is nil. With `shift`, the
  /// Gram matrix of the shifted rows, `Σᵢ wᵢ (xᵢ − s)(xᵢ − s)ᵀ`.
  ///
  /// Rows are split into chunks reduced on separate threads with single-threaded BLAS; within
  /// a chunk, tiles of `tileRows` observations are shifted and scaled by `√w` into a
  /// cache-resident buffer and added with one `dsyrk` (unweighted and unshifted, `dsyrk` reads
  /// the rows where they are). Chunk results are summed in order (deterministic).
  /// - Parameter shift: one value per feature subtracted from every row, or nil. A shift by
  ///   one of the design's own rows keeps the sums of squares near the columns' spread, so
  ///   centring them afterwards (`RankAnalysis(gram:centringOn:)`) does not cancel.
  /// - Complexity: O(n p²).
  public func gram(weights: [Double]? = nil, shift: [Double]? = nil) -> Matrix {
    if let weights { precondition(weights.count == observations, "shape mismatch") }
    if let shift { precondition(shift.count == features, "shape mismatch") }
    let p = features
    guard observations > 0, p > 0 else { return Matrix(rows: p, columns: p) }
    BLAS.useSingleThreadedKernels()
    let partials: [[Double]] = storage.withUnsafeBufferPointer { xs in
      Parallel.map(observations) { r in
        var g = [Double](repeating: 0, count: p * p)
        g.withUnsafeMutableBufferPointer { gp in
          let x = xs.start
          guard weights != nil || shift != nil || levels != nil else {
            BLAS.syrkUpper(
              n: p, k: r.count, alpha: 1, a: x + r.lowerBound * p, lda: p, beta: 0,
              c: gp.start, ldc: p)
            return
          }
          let tileRows = DesignMatrix.tileRows
          let offset = shift ?? [Double](repeating: 0, count: p)
          var tile = [Double](repeating: 0, count: tileRows * p)
          tile.withUnsafeMutableBufferPointer { t in
            var start = r.lowerBound
            while start < r.upperBound {
              let m = min(tileRows, r.upperBound - start)
              // With `levels` the rows are written out into the tile first, then shifted and
              // scaled where they are.
              withRows(start..<(start + m), columns: 0..<p, scratch: t.start) { src, lda in
                for i in 0..<m {
                  let s = weights?[start + i].squareRoot() ?? 1
                  let row = src + i * lda
                  let dst = t.start + i * p
                  for j in 0..<p { dst[j] = (row[j] - offset[j]) * s }
                }
              }
              BLAS.syrkUpper(
                n: p, k: m, alpha: 1, a: t.start, lda: p, beta: 1, c: gp.start, ldc: p)
              start += m
            }
          }
        }
        return g
      }
    }
    var m = Matrix(rows: p, columns: p, elements: Self.sum(partials))
    m.symmetrizeFromUpper()
    return m
  }

  /// Calls `body` for each tile of at most `tileRows` of the observations `rows`, with the
  /// tile's rows, its features `columns` and the distance between its rows (`withRows`).
  package func forEachTile(
    _ rows: Range<Int>, columns: Range<Int>,
    _ body: (Range<Int>, UnsafePointer<Double>, Int) -> Void
  ) {
    let tileRows = DesignMatrix.tileRows
    let scratch = UnsafeMutablePointer<Double>.allocate(
      capacity: levels == nil ? 0 : tileRows * columns.count)
    defer { scratch.deallocate() }
    var start = rows.lowerBound
    while start < rows.upperBound {
      let tile = start..<Swift.min(start + tileRows, rows.upperBound)
      withRows(tile, columns: columns, scratch: scratch) { body(tile, $0, $1) }
      start = tile.upperBound
    }
  }

  /// Rows per cache tile: 1024 x 32 doubles = 256 KiB, inside a 1 MiB L2.
  public static let tileRows = 1024

  /// Element-wise sum of equally long vectors, in order.
  static func sum(_ parts: [[Double]]) -> [Double] {
    var total = parts[0]
    for part in parts.dropFirst() { for k in 0..<total.count { total[k] += part[k] } }
    return total
  }
}
