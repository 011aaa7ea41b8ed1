import CreditData
import Testing

@testable import CreditEngine

/// Score predicts its rows in blocks (`Scorer.predictionBlock`): every row's predictions are
/// those made with all the rows at once. (A block starts at a multiple of 4 rows, so each
/// design row keeps its place modulo 32 bytes, on which the BLAS kernels' order of additions
/// depends.)
@Suite("Prediction blocks")
struct PredictionBlocksTests {
  @Test func blocksGiveTheSamePredictionsAsOnePass() throws {
    let portfolio = SampleData.portfolio
    let scorer = Scorer(model: try Trainer().train(portfolio))
    #expect(scorer.model.timeToPaymentCure != nil)
    let book = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    let rows = book.openRows
    let raw = FeatureBuilder(rule: scorer.model.rule, shrinkage: scorer.model.shrinkage)
      .features(portfolio, queries: FeatureBuilder().invoiceQueries(portfolio, rows: rows))
    let (regions, industries) = (
      portfolio.regions(rows: rows), portfolio.industries(rows: rows)
    )
    let ages = rows.map { Double(portfolio.asOf.days(since: portfolio.history.issueDate[$0])) }
    #expect(rows.count > 20)
    let whole = scorer.predict(
      raw, regions: regions, industries: industries, wantContributions: true, ages: ages,
      block: (rows.count + 3) / 4 * 4)
    let blocks = scorer.predict(
      raw, regions: regions, industries: industries, wantContributions: true, ages: ages,
      block: 8)
    #expect(blocks.pd == whole.pd && blocks.pd.count == rows.count)
    #expect(blocks.contributions == whole.contributions && blocks.unseen == whole.unseen)
    #expect(blocks.curves.map(\.logLambda) == whole.curves.map(\.logLambda))
    #expect(blocks.curves.map(\.relativeHazard) == whole.curves.map(\.relativeHazard))
    var (a, b) = (try #require(blocks.timing), try #require(whole.timing))
    #expect(a.median == b.median && a.p10 == b.p10 && a.p90 == b.p90)
    #expect(a.paidEver == b.paidEver && a.paid30 == b.paid30 && a.logLambda == b.logLambda)
    // The weeks are made once the dates are corrected, from what the blocks made.
    #expect(a.withinWeeks.isEmpty && b.withinWeeks.isEmpty)
    a.makeWeeks(ages: ages)
    b.makeWeeks(ages: ages)
    #expect(a.withinWeeks == b.withinWeeks && a.withinWeeks.count == CashForecast.weeks + 1)
  }
}
