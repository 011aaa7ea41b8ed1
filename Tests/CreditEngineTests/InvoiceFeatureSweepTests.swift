import CreditData
import Testing

@testable import CreditEngine

/// Features of the history's own invoices (`features(_:invoices:outputRows:)`), whose queries
/// the sweep reads off each customer's invoices, equal those of the same invoices' queries
/// grouped as given (`features(_:queries:outputRows:)`).
@Suite struct InvoiceFeatureSweepTests {
  /// The training sample's rows in risk-set order (its `positions`), and every third issued
  /// invoice in file order, on the IBM sample at a cutoff with invoices issued after it; a
  /// row issued after the cutoff or listed twice leaves the queries grouped as given, with
  /// the same values.
  @Test func invoicesReadOffTheCustomersEqualTheQueries() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: Day(iso: "2013-06-30")!)
    let builder = FeatureBuilder(rule: DelinquencyRule(lateDays: 30))
    let sample = try TrainingSample(portfolio, rule: DelinquencyRule(lateDays: 30))
    let issued = (0..<portfolio.history.count).filter { portfolio.isIssued($0) }
    let later = try #require((0..<portfolio.history.count).first { !portfolio.isIssued($0) })
    let cases: [([Int], [Int]?)] = [
      (sample.rows, sample.positions()),
      (Array(stride(from: 0, to: issued.count, by: 3).map { issued[$0] }), nil),
      (Array(sample.rows.prefix(50)) + [later], nil),
      (Array(sample.rows.prefix(50)) + [sample.rows[7]], nil),
    ]
    for (rows, outputRows) in cases {
      let read = builder.features(portfolio, invoices: rows, outputRows: outputRows)
      let grouped = builder.features(
        portfolio, queries: builder.invoiceQueries(portfolio, rows: rows), outputRows: outputRows)
      #expect(read.count == rows.count)
      #expect(read.storage == grouped.storage)
    }
    #expect(sample.rows.count > 1000 && sample.rows.count < portfolio.history.count)
  }
}
