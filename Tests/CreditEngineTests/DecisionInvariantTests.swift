import CreditData
import CreditEngine
import Testing

/// The decisions on the bundled sample and the IBM sample (at 2013-09-30) pass every check of
/// `DecisionCheck`: no reason contradicts the customer's record, no hold raises a limit, no
/// limit below the open balance lacks a hold or a reduce-exposure action, no undisputed
/// invoice 90+ days past due is left to dispute resolution alone.
@Suite("Decisions on real books")
struct DecisionInvariantTests {
  static func check(_ portfolio: Portfolio) throws -> (DecisionCheck, ScoreResult) {
    let model = try Trainer().train(portfolio)
    let result = Scorer(model: model).score(portfolio)
    return (DecisionCheck(portfolio, result, rule: model.rule), result)
  }

  @Test func sample() throws {
    let (check, result) = try Self.check(SampleData.portfolio)
    #expect(check.passed, "\(check.examples)")
    // The checks had something to check.
    #expect(check.reasons > 300)
    #expect(check.holds > 20)
    #expect(check.belowExposure > 10)
    #expect(check.seriouslyOverdueCustomers > 5)
    // One disputed invoice no longer sends the customer's other invoices to dispute
    // resolution: some customer has both kinds of row.
    let disputeAction = CollectionsLadder().disputeAction
    let both = Dictionary(grouping: result.worklist, by: \.customerID).values.filter { rows in
      rows.contains { $0.action == disputeAction } && rows.contains { $0.action != disputeAction }
    }
    #expect(!both.isEmpty)
    for row in result.worklist { #expect((row.action == disputeAction) == row.disputed) }
  }

  @Test func ibmAtTheEndOfSeptember2013() throws {
    let history = try EngineFixtures.ibm()
    let (check, _) = try Self.check(Portfolio(history: history, asOf: day("2013-09-30")))
    #expect(check.passed, "\(check.examples)")
    #expect(check.reasons > 100)
    #expect(check.customers == 100)
  }

  /// The check itself finds a contradiction when one is there.
  @Test func theCheckCatchesAContradiction() throws {
    let portfolio = SampleData.portfolio
    let model = try Trainer().train(portfolio)
    var result = Scorer(model: model).score(portfolio)
    let i = try #require(result.customers.firstIndex { !$0.reasonDetails.isEmpty })
    result.customers[i].reasonDetails[0].value += 1_000
    let k = try #require(result.creditLimits.firstIndex { $0.hold && ($0.currentLimit ?? 0) > 0 })
    result.creditLimits[k].recommendedLimit = (result.creditLimits[k].currentLimit ?? 0) + 1
    let check = DecisionCheck(portfolio, result, rule: model.rule)
    #expect(check.contradictingReasons == 1)
    #expect(check.holdsRaised == 1)
    #expect(!check.passed)
  }
}
