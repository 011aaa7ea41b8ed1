extension PopulationProfile {
  /// Largest cut point or median a profile may hold: a logarithm of 40 is already e⁴⁰ ≈ 2.4e17
  /// (beyond any amount or count), and a value in words (`NumericFeature.describe`) must stay
  /// a whole number.
  static let largestLogValue = 40.0
  /// Largest cut point or median of the other features (shares, days, months).
  static let largestValue = 1e9

  /// The first reason the profile cannot be compared with a book, or nil: each numeric
  /// feature once, with increasing finite cut points (within `largestLogValue` for a
  /// logarithm, else `largestValue`) and one share in [0, 1] per bin; each category with
  /// distinct levels and a share per level; the shares of each adding up to 1.
  func consistencyProblem() -> String? {
    guard rows >= 0 else { return "trainingPopulation has a negative row count" }
    guard Set(numeric.map(\.feature)).count == numeric.count else {
      return "trainingPopulation lists a feature twice"
    }
    let sides: [(name: String, bins: Int, shares: [Double])] =
      numeric.map { ($0.feature.name, $0.cutPoints.count + 1, $0.proportions) }
      + categories.map { ($0.name, $0.levels.count, $0.proportions) }
    for d in numeric
    where !d.cutPoints.allSatisfy(\.isFinite)
      || !zip(d.cutPoints, d.cutPoints.dropFirst()).allSatisfy({ $0 < $1 })
    {
      return "trainingPopulation cut points of '\(d.feature.name)' are not increasing numbers"
    }
    for d in numeric {
      let limit = d.feature.name.hasPrefix("log_") ? Self.largestLogValue : Self.largestValue
      guard (d.cutPoints + [d.median]).allSatisfy({ abs($0) <= limit }) else {
        return "trainingPopulation values of '\(d.feature.name)' lie beyond \(limit)"
      }
    }
    for d in categories where Set(d.levels).count != d.levels.count {
      return "trainingPopulation levels of '\(d.name)' repeat"
    }
    for side in sides {
      guard side.shares.count == side.bins else {
        return "trainingPopulation '\(side.name)' has \(side.shares.count) shares for "
          + "\(side.bins) bins"
      }
      let total = side.shares.reduce(0, +)
      guard side.shares.allSatisfy({ $0 >= 0 && $0 <= 1 }), side.bins == 0 || abs(total - 1) < 1e-6
      else {
        return "trainingPopulation shares of '\(side.name)' are not shares adding up to 1"
      }
    }
    return nil
  }
}
