import CreditData
import LinearAlgebra

/// A numeric feature left out because on every training invoice it is a linear combination of
/// other columns of the design: `has_credit_limit` where only the EMEA customers have a credit
/// limit, `paperless` where exactly the EMEA customers are billed electronically.
///
/// A feature that varies over the training invoices but is the same on every one with a known
/// outcome (no earlier late invoice before any invoice whose outcome is known, in a history of
/// a few months) is a multiple of the intercept there: it is left out with no `columns`.
public struct DependentFeature: Codable, Sendable, Equatable {
  /// The feature's name (`NumericFeature.name`).
  public var feature: String
  /// The design columns it is a combination of, besides the intercept (empty: the same value
  /// on every training invoice with a known outcome).
  public var columns: [String]
}

extension FeatureSpec {
  /// About how many training rows the dependence check reads first (`leavingOutDependent`).
  static let dependenceSubsampleRows = 20_000

  /// The spec without the numeric features that are linear combinations of the intercept, the
  /// category columns and the numeric features before them on every training row the
  /// delinquency model weighs (`including`: those with a known outcome; nil: all), each named
  /// in `dependentFeatures`.
  ///
  /// The rows with a known outcome are some of the rows the time-to-payment models read, so a
  /// dependence on all rows holds on them too; one that holds on them only (a feature the same
  /// on each of them) would stop the delinquency fit alone, and goes as well: the three fits
  /// share one design.
  ///
  /// Such a design has no unique fit: training would stop at collinear columns that are not
  /// the user's to drop (which invoices have a limit, or are billed electronically, is the
  /// data's). Like R's `lm` and `coxph`, which leave an aliased column's coefficient out, the
  /// later column of a dependence goes; the category columns come first, so a feature that
  /// only restates a region leaves the region its column. The design keeps its span.
  ///
  /// The check reads every k-th row first (about `dependenceSubsampleRows`): a dependence on
  /// every row holds on those too, so a subsample of full rank clears the whole design at the
  /// cost of a few milliseconds. Only where the subsample is rank-deficient are all rows read.
  ///
  /// First, the category levels that those rows do not tell from their baseline join it (a
  /// young history whose Technology invoices are all too recent for a known outcome:
  /// `poolLevelsOutcomesCannotTell`).
  func leavingOutDependent(
    raw: RawFeatures, regions: Categorical, industries: Categorical,
    including: ((Int) -> Bool)? = nil
  ) -> FeatureSpec {
    var spec = self
    if let including {
      spec.poolLevelsOutcomesCannotTell(over: including, regions, industries)
    }
    return spec.leavingOutDependentNumeric(
      raw: raw, regions: regions, industries: industries, including: including)
  }

  /// Moves to the pooled levels the region and industry levels that the rows `including` is
  /// true of cannot tell from their baseline, and names them in `levelsPooledForOutcomes`
  /// (`region=LATAM`).
  ///
  /// Over those rows, the category columns with the intercept have full rank exactly when
  /// every level's node (a baseline and its pooled levels one node) has rows and the graph of
  /// the region-industry pairs among them is connected (`FeatureSpec.categoryLevels`, there
  /// over all rows). So: a level with a column but none of the rows joins its baseline; a
  /// baseline with none of them takes in the level with the most (ties: alphabetical first);
  /// then each component without the industry baseline gives up its rarest industry level.
  mutating func poolLevelsOutcomesCannotTell(
    over including: (Int) -> Bool, _ regions: Categorical, _ industries: Categorical
  ) {
    let counts = Self.pairCounts(regions: regions, industries: industries, including: including)
    guard !counts.isEmpty else { return }
    let (regionRows, industryRows) = Self.marginals(counts)
    var moved: [String] = []
    // A level without rows joins its baseline; a baseline without rows takes in the level with
    // the most.
    func settle(
      _ levels: inout [String], _ pooled: inout [String], _ baseline: String,
      _ rows: [String: Int], _ name: String
    ) {
      let empty = levels.filter { rows[$0, default: 0] == 0 }
      levels.removeAll { rows[$0, default: 0] == 0 }
      var gone = empty
      let baselineRows = ([baseline] + pooled).reduce(0) { $0 + rows[$1, default: 0] }
      if baselineRows == 0,
        let most = levels.max(by: { (rows[$0, default: 0], $1) < (rows[$1, default: 0], $0) })
      {
        levels.removeAll { $0 == most }
        gone.append(most)
      }
      pooled = (pooled + gone).sorted()
      moved += gone.sorted().map { "\(name)=\($0)" }
    }
    settle(&regionLevels, &pooledRegionLevels, regionBaseline, regionRows, "region")
    settle(&industryLevels, &pooledIndustryLevels, industryBaseline, industryRows, "industry")
    // Then the pairs' graph, as over all rows.
    let levels = Self.categoryLevels(
      pairs: counts,
      fixed: (
        CategoryLevels(baseline: regionBaseline, levels: regionLevels, pooled: pooledRegionLevels),
        CategoryLevels(
          baseline: industryBaseline, levels: industryLevels, pooled: pooledIndustryLevels)
      ))
    industryLevels = levels.industries.levels
    pooledIndustryLevels = levels.industries.pooled
    moved += levels.aliased.map { "industry=\($0.level)" }
    if !moved.isEmpty { levelsPooledForOutcomes = moved }
  }

  /// `leavingOutDependent` for the numeric features.
  func leavingOutDependentNumeric(
    raw: RawFeatures, regions: Categorical, industries: Categorical,
    including: ((Int) -> Bool)?
  ) -> FeatureSpec {
    guard raw.count > 0, !numeric.isEmpty else { return self }
    let step = raw.count / Self.dependenceSubsampleRows
    if step >= 2 {
      let rows = stride(from: 0, to: raw.count, by: step).filter { including?($0) ?? true }
      let sample = gram(raw: raw, regions: regions, industries: industries, rows: rows)
      if dependentNumeric(sample).isEmpty { return self }
    }
    let rows = including.map { (0..<raw.count).filter($0) }
    let found = dependentNumeric(
      gram(raw: raw, regions: regions, industries: industries, rows: rows))
    guard !found.isEmpty else { return self }
    let names = ["Intercept"] + columnNames
    var spec = self
    let gone = Set(found.map(\.column))
    let kept = numeric.indices.filter { !gone.contains($0 + 1) }
    spec.numeric = kept.map { numeric[$0] }
    spec.means = kept.map { means[$0] }
    spec.standardDeviations = kept.map { standardDeviations[$0] }
    spec.dependentFeatures = found.map { d in
      DependentFeature(feature: names[d.column], columns: d.of.filter { $0 != 0 }.map { names[$0] })
    }
    return spec
  }

  /// `Σ xxᵀ` over `rows` (nil: all) of the design with an intercept, in blocks of rows.
  func gram(
    raw: RawFeatures, regions: Categorical, industries: Categorical, rows: [Int]?
  ) -> Matrix {
    let writer = DesignRows(self, regions: regions, industries: industries, intercept: true)
    let p = writer.width
    let n = rows?.count ?? raw.count
    let block = 1024
    var g = Matrix(rows: p, columns: p)
    var tile = [Double](repeating: 0, count: block * p)
    var check = 0.0
    for first in stride(from: 0, to: n, by: block) {
      let count = min(block, n - first)
      tile.withUnsafeMutableBufferPointer { t in
        raw.forEachRow(first..<(first + count), rows: rows) { r, features in
          _ = writer.write(
            t.start + (r - first) * p, features: features, categoryRow: rows?[r] ?? r,
            check: &check)
        }
        g.elements.withUnsafeMutableBufferPointer { c in
          BLAS.syrkUpper(
            n: p, k: count, alpha: 1, a: t.start, lda: p, beta: 1, c: c.start, ldc: p)
        }
      }
    }
    return g
  }

  /// The numeric design columns that are combinations of the columns before them.
  ///
  /// The order is the intercept, the category columns, the numeric columns; each column found
  /// comes with the columns it is a combination of (none besides the intercept for a numeric
  /// column that is constant over the rows).
  ///
  /// Centred on the intercept as `RankAnalysis(gram:centringOn:)` does and scaled to unit
  /// diagonal, the columns are taken in that order into a Cholesky factor; a column whose
  /// residual variance after the ones kept is below `tolerance` is dependent (the one kept
  /// would have a pivot of at most about 1e-5).
  func dependentNumeric(_ gram: Matrix, tolerance: Double = 1e-10) -> [(column: Int, of: [Int])] {
    let p = gram.rows
    let q = numeric.count
    func g(_ a: Int, _ b: Int) -> Double { gram[min(a, b), max(a, b)] }
    let total = g(0, 0)
    guard total > 0 else { return [] }
    func centred(_ a: Int, _ b: Int) -> Double { g(a, b) - g(0, a) * g(0, b) / total }
    let order = Array((q + 1)..<p) + Array(1...q)
    // A column is constant over the rows when its centred sum of squares is rounding against
    // its plain one (Σx² − (Σx)²/n cancels to about 1e-16 of Σx², not to 0).
    let scale = order.map { c -> Double in
      let v = centred(c, c)
      return v > tolerance * g(c, c) ? v.squareRoot() : 0
    }
    // Rows of the factor for the columns kept: kept[k] = (order index, row of L).
    var kept: [(index: Int, row: [Double])] = []
    var found: [(column: Int, of: [Int])] = []
    for (i, column) in order.enumerated() {
      guard scale[i] > 0 else {
        // Constant: the intercept's. A numeric one is left out; a category column constant
        // over the rows is not this check's (its level's rows are counted apart).
        if column <= q { found.append((column, [])) }
        continue
      }
      // Forward substitution: L l = c, with c the column's (scaled) covariances with the kept.
      var l: [Double] = []
      for (k, other) in kept.enumerated() {
        var s = centred(order[other.index], column) / (scale[other.index] * scale[i])
        for m in 0..<k { s -= other.row[m] * l[m] }
        l.append(s / other.row[k])
      }
      let residual = 1 - l.reduce(0) { $0 + $1 * $1 }
      if residual > tolerance {
        kept.append((i, l + [residual.squareRoot()]))
      } else if column <= q {
        // Back substitution: Lᵀ b = l gives the combination of the kept columns.
        var b = l
        for k in stride(from: kept.count - 1, through: 0, by: -1) {
          for m in (k + 1)..<kept.count { b[k] -= kept[m].row[k] * b[m] }
          b[k] /= kept[k].row[k]
        }
        let of = kept.indices.filter { abs(b[$0]) > 1e-6 }.map { order[kept[$0].index] }
        found.append((column, of.sorted()))
      }
    }
    return found
  }
}
