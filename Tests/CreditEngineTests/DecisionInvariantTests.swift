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

@Suite("Worklist by invoice")
struct WorklistTests {
  /// Amount at risk and expected loss are the stated formulas of each row's invoice, and the
  /// customer's amount at risk is the sum over its open invoices.
  @Test func amountsFollowTheFormulas() throws {
    let portfolio = SampleData.portfolio
    let model = try Trainer().train(portfolio)
    var policy = CreditPolicy()
    policy.lossGivenDefault = 0.6
    let result = Scorer(model: model, policy: policy).score(portfolio)
    let invoices = Dictionary(uniqueKeysWithValues: result.invoices.map { ($0.invoiceID, $0) })
    var customerAtRisk: [String: Double] = [:]
    for i in result.invoices {
      customerAtRisk[i.customerID, default: 0] += i.amount * (1 - i.pPaid30d)
    }
    #expect(result.worklist.count > 100)
    for row in result.worklist {
      let invoice = try #require(invoices[row.invoiceID])
      #expect(row.customerID == invoice.customerID)
      #expect(abs(row.amountAtRisk - invoice.amount * (1 - invoice.pPaid30d)) < 1e-9)
      let loss = try #require(row.expectedLoss)
      #expect(abs(loss - invoice.amount * (1 - invoice.pPaidEver) * 0.6) < 1e-9)
      #expect(
        abs(row.customerAmountAtRisk - (customerAtRisk[row.customerID] ?? 0))
          < 1e-6 * max(1, row.customerAmountAtRisk))
      #expect(row.actionDate <= result.asOf.adding(days: Scorer.worklistLookaheadDays))
    }
    // Without a stated loss given default there is none.
    let plain = Scorer(model: model).score(portfolio)
    #expect(plain.worklist.allSatisfy { $0.expectedLoss == nil })
  }

  /// The plan's action and date are the ladder's `nextAction`, for every day around due.
  @Test func planMatchesTheLadder() {
    let ladder = CollectionsLadder()
    let due = day("2026-01-31")
    for offset in -30...200 {
      let asOf = due.adding(days: offset)
      let plan = ladder.plan(dueDate: due, asOf: asOf, disputed: false)
      let next = ladder.nextAction(dueDate: due, asOf: asOf, disputed: false)
      #expect(plan.action == next.action && plan.date == next.date, "\(offset)")
      #expect(plan.reason.contains(plan.action))
    }
    let disputed = ladder.plan(dueDate: due, asOf: due.adding(days: 42), disputed: true)
    #expect(disputed.action == ladder.disputeAction)
    #expect(disputed.reason == "disputed, 42 days past due")
    #expect(
      ladder.plan(dueDate: due, asOf: due.adding(days: 42), disputed: false).reason
        == "42 days past due: call (from 15 days past due) now; then demand letter on 2026-03-17")
  }
}
