import CreditData
import Testing

@testable import CreditEngine

/// What training reads through the sample's invoices placed in risk-set order
/// (`InvoicePlacement`) equals what it read through the invoices gathered in that order.
@Suite struct InvoicePlacementTests {
  /// On the IBM sample at a cutoff with invoices issued after it and a year of recent rows:
  /// the categories, the drift profile's recent rows and the cure subsample's invoices.
  @Test func placedEqualsGathered() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: Day(iso: "2013-06-30")!)
    let sample = try TrainingSample(portfolio, rule: DelinquencyRule(lateDays: 30))
    let positions = sample.positions()
    let placement = try #require(
      InvoicePlacement(portfolio, invoices: sample.rows, at: positions))
    let sortedRows = sample.order.map { sample.rows[$0] }
    #expect(placement.count == sample.rows.count && sortedRows != sample.rows)

    let placed = portfolio.categories(placement)
    let gathered = portfolio.categories(rows: sample.rows, placedAt: positions)
    #expect(placed.regions.levels == gathered.regions.levels)
    #expect(placed.regions.codes == gathered.regions.codes)
    #expect(placed.industries.codes == gathered.industries.codes)

    let recent = try #require(PopulationProfile.recentRows(placement, portfolio))
    let start = portfolio.asOf.adding(days: -PopulationProfile.recentDays)
    #expect(
      recent == sortedRows.indices.filter { portfolio.history.issueDate[sortedRows[$0]] > start })
    #expect(recent.count > 100 && recent.count < sortedRows.count)

    for step in [1, 7, 40] {
      let rows = Array(stride(from: 0, to: sortedRows.count, by: step))
      #expect(placement.invoices(everyRow: step) == rows.map { sortedRows[$0] })
    }
  }

  /// A row issued after the as-of date, or listed twice, places nothing.
  @Test func onlyIssuedInvoicesOnce() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: Day(iso: "2013-06-30")!)
    let later = try #require((0..<portfolio.history.count).first { !portfolio.isIssued($0) })
    let issued = try #require((0..<portfolio.history.count).first { portfolio.isIssued($0) })
    #expect(InvoicePlacement(portfolio, invoices: [issued, later], at: nil) == nil)
    #expect(InvoicePlacement(portfolio, invoices: [issued, issued], at: nil) == nil)
    let one = try #require(InvoicePlacement(portfolio, invoices: [issued], at: [0]))
    #expect(one.count == 1 && one.targets.filter { $0 >= 0 } == [0])
    #expect(one.targets[issued] == 0)
  }
}
