import LinearAlgebra

extension LogisticRegression {
  /// Checks shapes (programmer errors trap) and values (user data: typed errors).
  ///
  /// Rows are numbered from 1 in messages, the first data row of a CSV being row 1.
  func validate(
    _ x: DesignMatrix, _ targets: BinaryTargets, featureNames: [String], interceptIndex: Int?
  ) throws {
    let n = x.observations
    let p = x.features
    precondition(targets.count == n, "y has \(targets.count) values for \(n) observations")
    precondition(featureNames.count == p, "\(featureNames.count) names for \(p) features")
    var weights: [Double]? = nil
    var y: [Double] = []
    switch targets.storage {
    case .values(let values, let given):
      (y, weights) = (values, given)
      if let weights { precondition(weights.count == n, "weights do not match observations") }
    case .bits:
      // (Each outcome is 0 or 1 and each weight 0 or 1: nothing to check row by row.)
      break
    }
    if let interceptIndex {
      precondition(interceptIndex >= 0 && interceptIndex < p, "bad intercept index")
    }
    guard n > 0 else { throw FitError.invalidInput("no observations to fit") }
    guard p > 0 else { throw FitError.invalidInput("no features to fit") }
    for i in y.indices where y[i] != 0 && y[i] != 1 {
      throw FitError.invalidInput("row \(i + 1): outcome must be 0 or 1, found \(y[i])")
    }
    let positiveRows =
      y.isEmpty
      ? targets.withRows { rows in (0..<n).count { rows.weight($0) > 0 } }
      : try DesignRank.positiveRows(weights, count: n) { i, w in
        .invalidInput("row \(i + 1): weight must be a finite number >= 0, found \(w)")
      }
    if !x.knownFinite, let bad = x.firstNonFinite() {
      throw FitError.invalidInput(
        "row \(bad.row + 1), feature '\(featureNames[bad.column])': value \(bad.value) is not finite"
      )
    }
    let (positive, total) = Self.outcomeWeights(targets)
    guard total > 0 else { throw FitError.invalidInput("all weights are zero") }
    try DesignRank.requireRows(positiveRows, coefficients: p)
    guard positive > 0 else { throw FitError.invalidInput("the outcome has no events (y = 1)") }
    guard positive < total else {
      throw FitError.invalidInput("the outcome has no non-events (y = 0)")
    }
  }

  /// Throws `.constantColumns` or `.collinearColumns` if the weighted design is rank
  /// deficient, judged on centred and scaled columns when there is an intercept (see
  /// `DesignRank.verify`).
  static func checkRank(
    _ x: DesignMatrix, weights: [Double]?, featureNames: [String], interceptIndex: Int?
  ) throws {
    try DesignRank.verify(
      x, weights: weights, featureNames: featureNames, interceptIndex: interceptIndex)
  }
}
