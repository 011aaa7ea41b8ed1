import CreditData
import CreditEngine
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The feature layout is `NumericFeature`'s case order: names, positions, the values the sweep
/// writes and the design's columns all follow it.
@Suite("Feature layout")
struct FeatureLayoutTests {
  @Test func positionsAndNamesFollowTheCaseOrder() throws {
    let features = NumericFeature.allCases
    #expect(features.map(\.position) == Array(0..<features.count))
    #expect(Set(features.map(\.name)).count == features.count)
    for f in features { #expect(NumericFeature(name: f.name) == f) }
  }

  /// One invoice of a customer with one earlier, paid invoice: every feature the sweep writes
  /// is found under its own name, with the value its definition gives.
  @Test func theSweepWritesEachFeatureUnderItsName() throws {
    let csv = """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date,disputed,paperless,credit_limit
      A,C1,2024-01-01,2024-01-31,100,2024-02-10,no,yes,1000
      B,C1,2024-03-01,2024-04-30,250,,yes,no,1000
      """
    let h = try HistoryLoader.parse(bytes: Array(csv.utf8), fileName: "t.csv")
    let p = Portfolio(history: h, asOf: day("2024-05-31"))
    let builder = FeatureBuilder(rule: DelinquencyRule(lateDays: 30), shrinkage: 0)
    let f = builder.features(p, queries: builder.invoiceQueries(p, rows: [1]))
    // At B's issue (Mar 1): A is paid (10 days late, on time by the rule), nothing is open; it
    // took 40 days on 30 days' terms (the pace is kept in single precision).
    let expected: [NumericFeature: Double] = [
      .logAmount: log1p(250), .terms: 60.0 / 30, .disputed: 1, .paperless: 0,
      .logPriorInvoices: log1p(1), .priorLateRate: 0, .priorMeanDaysLate: 10,
      .logDaysSinceLate: log1p(Double(FeatureBuilder.horizonDays)), .logOpenBalance: 0,
      .logOverdueBalance: 0, .utilisation: 0, .hasCreditLimit: 1, .logTenure: log1p(60),
      .priorLogPace: Double(Float(log1p(40.0) - log1p(30.0))),
    ]
    #expect(expected.count == NumericFeature.allCases.count)
    for feature in NumericFeature.allCases {
      #expect(f[feature, 0] == expected[feature], "\(feature.name)")
    }
  }

  /// The design's column `1 + j` (after the intercept) is the feature named
  /// `columnNames[j]`, standardised.
  @Test func designColumnsCarryTheirNames() throws {
    let portfolio = SampleData.portfolio
    let rows = Array(0..<400)
    let builder = FeatureBuilder()
    let raw = builder.features(portfolio, queries: builder.invoiceQueries(portfolio, rows: rows))
    let regions = portfolio.regions(rows: rows)
    let industries = portfolio.industries(rows: rows)
    let spec = FeatureSpec(raw: raw, regions: regions, industries: industries)
    let x = spec.design(raw: raw, regions: regions, industries: industries, intercept: true).design
    #expect(spec.columnNames.count == x.features - 1)
    for (j, feature) in spec.numeric.enumerated() {
      #expect(spec.columnNames[j] == feature.name)
      for i in [0, 17, 399] {
        let value = (raw[feature, i] - spec.means[j]) / spec.standardDeviations[j]
        #expect(x[i, 1 + j] == value, "\(feature.name), row \(i)")
      }
    }
  }

  /// Splitting features into consecutive parts keeps each part's rows, values and layout, an
  /// empty part included.
  @Test func splitKeepsEachPartsRows() throws {
    let width = NumericFeature.allCases.count
    let rows = 5
    let raw = RawFeatures(storage: (0..<(rows * width)).map(Double.init), count: rows)
    let parts = raw.split(counts: [2, 0, 3])
    #expect(parts.map(\.count) == [2, 0, 3])
    for (part, first) in zip(parts, [0, 2, 2]) {
      for r in 0..<part.count {
        for f in NumericFeature.allCases {
          #expect(part[f, r] == raw[f, first + r])
        }
      }
    }
  }
}
