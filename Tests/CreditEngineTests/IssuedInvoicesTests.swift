import CreditData
import Testing

@testable import CreditEngine

@Suite("Issued invoices")
struct IssuedInvoicesTests {
  /// The sweep gives the same features from the scorer's grouped invoices as from its own
  /// grouping of the history's rows: every invoice at its issue date and every customer the
  /// day after the as-of date, at the sample's as-of date and at one in the middle of it
  /// (invoices issued or paid after it, credit notes, open invoices past due).
  @Test func theSweepReadsTheSameEventsFromEitherGrouping() throws {
    let sample = SampleData.portfolio
    let h = sample.history
    for asOf in [sample.asOf, sample.asOf.adding(days: -200)] {
      var portfolio = sample
      portfolio.asOf = asOf
      let builder = FeatureBuilder()
      let issued = IssuedInvoices(portfolio)
      let rows = (0..<h.count).filter { portfolio.isIssued($0) }
      let probes = (0..<h.customerIDs.count).map { c in
        FeatureQuery(
          customer: Int32(c), date: asOf.adding(days: 1), amount: 100, termsDays: 30,
          disputed: false, paperless: false, creditLimit: nil)
      }
      let queries = builder.invoiceQueries(portfolio, rows: rows) + probes
      #expect(issued.invoices.count == rows.count)
      let fromRows = builder.features(portfolio, queries: queries)
      let fromIssued = builder.features(portfolio, queries: queries, issued: issued)
      #expect(fromIssued.storage == fromRows.storage, "as of \(asOf)")
    }
  }
}
