import LinearAlgebra

/// The checks on weights, a design's shape and its rank shared by the fitters.
///
/// With an intercept, the rank is judged on the columns centred on their weighted means and
/// scaled to unit variance (`RankAnalysis(gram:centringOn:)`), so a well-posed column far from
/// zero (`x + 10⁶`) is not mistaken for a copy of the intercept, and a constant column is
/// named as constant, not as collinear.
enum DesignRank {
  /// The number of rows with positive weight (all `n` when `weights` is nil), after checking
  /// that every weight is finite and ≥ 0.
  /// - Parameter invalid: the error for row `i`'s bad weight (each fitter numbers rows its way).
  static func positiveRows(
    _ weights: [Double]?, count n: Int, invalid: (_ row: Int, _ weight: Double) -> FitError
  ) throws -> Int {
    guard let weights else { return n }
    var positive = 0
    for i in 0..<n {
      guard weights[i] >= 0 && weights[i].isFinite else { throw invalid(i, weights[i]) }
      if weights[i] > 0 { positive += 1 }
    }
    return positive
  }

  /// Throws `FitError.invalidInput` when fewer than `needed` rows have positive weight (by
  /// default one per coefficient): such a design cannot have full rank, and "collinear" would
  /// hide the cause.
  static func requireRows(_ positiveRows: Int, coefficients: Int, needed: Int? = nil) throws {
    let needed = needed ?? coefficients
    guard positiveRows < needed else { return }
    let rows = positiveRows == 1 ? "1 row" : "\(positiveRows) rows"
    throw FitError.invalidInput(
      "too few rows: \(rows) with positive weight to fit \(coefficients) coefficient"
        + (coefficients == 1 ? "" : "s") + "; at least \(needed) are needed")
  }

  /// Throws `FitError.tooLarge` naming the first column whose weighted sum of squares in
  /// `gram` (its diagonal) is not a finite number.
  ///
  /// Values beyond about 1e154 overflow their squares; the rank test would then read the
  /// overflow as a column of zeros or a constant, which is not what is wrong.
  /// - Parameter skip: a column left out of the check (the intercept, whose entry is `Σ w`).
  static func requireFiniteSquares(_ gram: Matrix, featureNames: [String], skip: Int? = nil)
    throws
  {
    for j in 0..<gram.rows where j != skip && !gram[j, j].isFinite {
      throw FitError.tooLarge(feature: featureNames[j])
    }
  }

  /// Throws `.constantColumns` or `.collinearColumns` unless the weighted design has full
  /// column rank.
  ///
  /// One pass over `x` (the weighted Gram matrix of the design shifted by its first row of
  /// positive weight, intercept unshifted), then O(p³).
  static func verify(
    _ x: DesignMatrix, weights: [Double]?, featureNames: [String], interceptIndex: Int?
  ) throws {
    let names = { (group: [Int]) in group.map { featureNames[$0] } }
    guard let c = interceptIndex else {
      let gram = x.gram(weights: weights)
      try requireFiniteSquares(gram, featureNames: featureNames)
      let analysis = RankAnalysis(gram: gram)
      guard !analysis.isFullRank else { return }
      throw FitError.collinearColumns(
        analysis.zeroColumns.map { [featureNames[$0]] } + analysis.dependencies.map(names))
    }
    let first = weights?.firstIndex { $0 > 0 } ?? 0
    var shift = (0..<x.features).map { x[first, $0] }
    shift[c] = 0
    let gram = x.gram(weights: weights, shift: shift)
    try requireFiniteSquares(gram, featureNames: featureNames, skip: c)
    let analysis = RankAnalysis(gram: gram, centringOn: c)
    if !analysis.zeroColumns.isEmpty { throw FitError.constantColumns(names(analysis.zeroColumns)) }
    if !analysis.dependencies.isEmpty {
      throw FitError.collinearColumns(analysis.dependencies.map(names))
    }
  }
}
