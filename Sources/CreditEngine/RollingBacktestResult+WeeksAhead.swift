extension RollingBacktestResult {
  /// The cash comparison of one week after the cutoffs (the `week`-th week after each),
  /// summed over the cutoffs: how the forecast does by how far ahead it looks.
  public struct WeekAhead: Sendable, Equatable {
    /// 1 for the week after the cutoff, up to 13.
    public var week: Int
    /// Cutoffs with that week compared.
    public var cutoffs: Int
    public var actual: Double
    public var expected: Double
    /// Cutoffs whose actual for the week fell inside the model's P10–P90 band.
    public var covered: Int
    /// The same for the ceiling, when the truth is known at every cutoff.
    public var ceilingExpected: Double?
    public var ceilingCovered: Int?

    /// (expected − actual) / actual.
    public var error: Double { Cutoff.error(expected, of: actual) }
    /// The ceiling's (expected − actual) / actual.
    public var ceilingError: Double? { ceilingExpected.map { Cutoff.error($0, of: actual) } }
  }

  /// The weeks after the cutoffs, each summed over the cutoffs that compared it; the ceiling's
  /// figures when every cutoff has them.
  public var weeksAhead: [WeekAhead] {
    let count = cutoffs.map(\.weeks.count).max() ?? 0
    let ceiling = !cutoffs.isEmpty && cutoffs.allSatisfy { $0.ceilingWeeks != nil }
    return (0..<count).map { k in
      var row = WeekAhead(
        week: k + 1, cutoffs: 0, actual: 0, expected: 0, covered: 0,
        ceilingExpected: ceiling ? 0 : nil, ceilingCovered: ceiling ? 0 : nil)
      for c in cutoffs where k < c.weeks.count {
        let w = c.weeks[k]
        row.cutoffs += 1
        row.actual += w.actual
        row.expected += w.model
        row.covered += w.isCovered ? 1 : 0
        if let band = c.ceilingWeeks?[k] {
          row.ceilingExpected? += band.expected
          row.ceilingCovered? += w.isCovered(by: band) ? 1 : 0
        }
      }
      return row
    }
  }
}
