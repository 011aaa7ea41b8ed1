extension RollingBacktestResult {
  /// The cash comparison of the invoices of one age at the cutoff (`ageBuckets`), summed over
  /// the cutoffs and split by how far ahead the weeks are (`weekGroups`): which part of the open
  /// book the forecast misses, and how soon.
  public struct AgeCash: Sendable, Equatable {
    /// The age bucket's label (`ageBuckets`).
    public var bucket: String
    /// Invoices of that age over the cutoffs (one counted at each cutoff it is open at).
    public var invoices: Int
    /// Collections from them, the model's expected and the ceiling's, per `weekGroups` entry.
    public var actual: [Double]
    public var expected: [Double]
    public var ceilingExpected: [Double]?

    /// (expected − actual) / actual of week group `g`, or of all the weeks when nil.
    public func error(_ g: Int? = nil) -> Double {
      Cutoff.error(Self.total(expected, g), of: Self.total(actual, g))
    }

    /// The ceiling's (expected − actual) / actual, as `error(_:)`.
    public func ceilingError(_ g: Int? = nil) -> Double? {
      ceilingExpected.map { Cutoff.error(Self.total($0, g), of: Self.total(actual, g)) }
    }

    static func total(_ values: [Double], _ g: Int?) -> Double {
      g.map { values[$0] } ?? values.reduce(0, +)
    }
  }

  /// The groups of weeks after the cutoff the by-age comparison splits the 13 weeks into
  /// (indices of weeks, 0 for the first).
  public static let weekGroups: [(label: String, weeks: Range<Int>)] = [
    ("1-4", 0..<4), ("5-8", 4..<8), ("9-13", 8..<13),
  ]

  /// The cash comparison by age at the cutoff, over each cutoff's compared weeks.
  ///
  /// Empty when an invoice lacks the model's weekly expectations (a model without a cure part). An
  /// invoice's collection is its amount in the week it was paid, as in the weekly comparison.
  public var cashByAge: [AgeCash] {
    let all = cutoffs.flatMap(\.invoices)
    guard !all.isEmpty, all.allSatisfy({ $0.expectedByWeek != nil }) else { return [] }
    let ceiling = all.allSatisfy { $0.ceilingExpectedByWeek != nil }
    let groupOf = (0..<CashForecast.weeks).map { k in
      Self.weekGroups.firstIndex { $0.weeks.contains(k) } ?? Self.weekGroups.count - 1
    }
    return Self.ageBuckets.map { bucket in
      let zeros = [Double](repeating: 0, count: Self.weekGroups.count)
      var row = AgeCash(
        bucket: bucket.label, invoices: 0, actual: zeros, expected: zeros,
        ceilingExpected: ceiling ? zeros : nil)
      for c in cutoffs {
        let weeks = c.weeks.count
        for inv in c.invoices where bucket.range.contains(inv.ageAtCutoff) {
          row.invoices += 1
          for k in 0..<weeks {
            row.expected[groupOf[k]] += inv.expectedByWeek?[k] ?? 0
            row.ceilingExpected?[groupOf[k]] += inv.ceilingExpectedByWeek?[k] ?? 0
          }
          if let paid = inv.paidDate {
            let offset = paid.days(since: c.cutoff) - 1
            if offset >= 0, offset / 7 < weeks { row.actual[groupOf[offset / 7]] += inv.amount }
          }
        }
      }
      return row
    }
  }
}
