import CreditData
import CreditEngine
import Foundation
import Testing

@Suite("Explanations")
struct ExplainTests {
  /// Explains every customer listed in customers.csv and every open invoice; checks each
  /// explanation against the scorer's rows.
  private func explainEveryone(_ portfolio: Portfolio, _ model: TrainedModel) throws {
    let scorer = Scorer(model: model)
    let result = scorer.score(portfolio)
    #expect(!result.customers.isEmpty)
    for customer in result.customers {
      let e = try scorer.explain(customer: customer.customerID, in: portfolio, scored: result)
      #expect(e.score == customer)
      // The terms add up to the score: the build-up reproduces the scorer's PD.
      #expect(abs(e.unroundedPoints - Double(customer.riskScore)) <= 0.5 + 1e-9)
      #expect(e.openInvoices.count == e.nextActions.count)
      #expect(e.openInvoices.allSatisfy { $0.customerID == customer.customerID })
      #expect(e.history.invoices >= e.history.paid + e.history.open)
      #expect(e.history.paid >= e.history.paidAfterDue)
      #expect(e.history.paidAfterDue >= e.history.paidLate)
    }
    let listedOpen = Set(result.customers.map(\.customerID))
    for invoice in result.invoices where listedOpen.contains(invoice.customerID) {
      let e = try scorer.explain(invoice: invoice.invoiceID, in: portfolio, scored: result)
      #expect(e.invoice == invoice)
      #expect(e.next.date >= portfolio.asOf)
    }
  }

  @Test func everyListedCustomerOfTheSample() throws {
    let model = try Trainer().train(SampleData.portfolio)
    try explainEveryone(SampleData.portfolio, model)
  }

  @Test func everyListedCustomerOfIBMAtTheEndOfSeptember2013() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: day("2013-09-30"))
    let model = try Trainer().train(portfolio)
    try explainEveryone(portfolio, model)
  }

  @Test func theAverageCustomerScoresTheBasePoints() throws {
    let model = try Trainer().train(SampleData.portfolio)
    let policy = CreditPolicy()
    let scorer = Scorer(model: model, policy: policy)
    let result = scorer.score(SampleData.portfolio)
    let first = try #require(result.customers.first)
    let e = try scorer.explain(customer: first.customerID, in: SampleData.portfolio, scored: result)
    // An intercept-only log-odds β₀ (with the PD's out-of-time shift) scores
    // base + factor (−β₀ − ln baseOdds).
    let beta0 = model.delinquency.coefficients[0] + (model.delinquencyCalibration?.usedShift ?? 0)
    let pd0 = 1 / (1 + exp(-beta0))
    let factor = policy.pointsToDoubleOdds / log(2.0)
    #expect(abs(e.basePoints - Double(policy.points(pd: pd0))) <= 0.5 + 1e-9)
    #expect(
      abs(e.basePoints - (policy.scoreBase + factor * (-beta0 - log(policy.scoreBaseOdds))))
        < 1e-9)
  }

  /// The time since the last late payment is counted to the as-of date, as customers.csv's
  /// reasons count it: the feature counts to the day after (the typical next invoice's issue
  /// date), and the explanation said one day more ("1 day ago" for a payment late on the
  /// as-of date, where customers.csv says 0 days).
  @Test func daysSinceTheLastLatePaymentCountToTheAsOfDate() throws {
    let portfolio = SampleData.portfolio
    let model = try Trainer().train(portfolio)
    let scorer = Scorer(model: model)
    let result = scorer.score(portfolio)
    let h = portfolio.history
    let asOf = portfolio.asOf
    // The day each customer's latest late invoice became late, from the history itself.
    var lastLate: [String: Day] = [:]
    for k in 0..<h.count where portfolio.isIssued(k) && h.amount[k] > 0 {
      let due = h.dueDate[k]
      let end = portfolio.paidByAsOf(k) ?? asOf
      guard end.days(since: due) > model.lateDays else { continue }
      let became = due.adding(days: model.lateDays + 1)
      let id = h.customerIDs[Int(h.customerIndex[k])]
      lastLate[id] = max(lastLate[id] ?? became, became)
    }
    var checked = 0
    for customer in result.customers {
      let e = try scorer.explain(customer: customer.customerID, in: portfolio, scored: result)
      let term = try #require(
        e.terms.first { $0.feature == NumericFeature.logDaysSinceLate.label })
      guard let day = lastLate[customer.customerID], asOf.days(since: day) < 730 else { continue }
      let days = asOf.days(since: day)
      #expect(
        term.value == "last late payment \(AmountText.duration(days: days)) ago",
        "\(customer.customerID): \(term.value), \(days) days")
      checked += 1
    }
    #expect(checked > 0)
  }

  @Test func unknownIdsSuggestTheClosest() throws {
    let model = try Trainer().train(SampleData.portfolio)
    let scorer = Scorer(model: model)
    let result = scorer.score(SampleData.portfolio)
    let id = try #require(result.customers.first?.customerID)
    let typo = String(id.dropLast())
    do {
      _ = try scorer.explain(customer: typo, in: SampleData.portfolio, scored: result)
      Issue.record("no error for \(typo)")
    } catch let error as ExplainError {
      #expect(error.description.contains("no customer '\(typo)' in the history"))
      #expect(error.description.contains("did you mean"))
    }
    #expect(throws: ExplainError.self) {
      _ = try scorer.explain(invoice: "nope", in: SampleData.portfolio, scored: result)
    }
  }

  /// An id as a spreadsheet shows it, without its leading zeros (IBM's invoice 0000611365 as
  /// 611365), or in other letter case, is told the history's id: the zeros are more edits than
  /// the closest id allows, so it had no suggestion.
  @Test func idsWithoutTheirLeadingZerosSuggestTheHistorysId() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: day("2013-09-30"))
    let scorer = Scorer(model: try Trainer().train(portfolio))
    let result = scorer.score(portfolio)
    for (given, meant) in [("611365", "0000611365"), ("7900770", "0007900770")] {
      do {
        _ = try scorer.explain(invoice: given, in: portfolio, scored: result)
        Issue.record("no error for \(given)")
      } catch let error as ExplainError {
        #expect(
          error.description
            == "no invoice '\(given)' in the history (did you mean '\(meant)'?)")
      }
    }
    do {
      _ = try scorer.explain(customer: "379-nevhp", in: portfolio, scored: result)
      Issue.record("no error for 379-nevhp")
    } catch let error as ExplainError {
      #expect(
        error.description
          == "no customer '379-nevhp' in the history (did you mean '0379-NEVHP'?)")
    }
  }

  /// The terms whose value blends the customer's record with the portfolio's (the model's
  /// shrinkage) say so: a thin record's '3% of earlier invoices late' is not its own (0 of 18
  /// late), and the History line gives its own.
  @Test func blendedTermsSaySo() throws {
    let model = try Trainer().train(SampleData.portfolio)
    #expect(model.shrinkage > 0)
    let scorer = Scorer(model: model)
    let result = scorer.score(SampleData.portfolio)
    let blended = Set(
      [NumericFeature.priorLateRate, .priorMeanDaysLate, .priorLogPace].map(\.label))
    for customer in result.customers.prefix(20) {
      let e = try scorer.explain(
        customer: customer.customerID, in: SampleData.portfolio, scored: result)
      #expect(e.shrinkage == model.shrinkage)
      for t in e.terms {
        #expect(t.value.hasSuffix(" (blended)") == blended.contains(t.feature), "\(t)")
      }
    }
  }

  /// A customer of the history not scored says why: no invoice yet at the as-of date (it
  /// said 'no activity since never'), or none for longer than the activity lookback.
  @Test func customerNotScoredSaysWhy() throws {
    let model = try Trainer().train(SampleData.portfolio)
    var early = SampleData.portfolio
    early.asOf = day("2024-03-01")
    let scorer = Scorer(model: model)
    let result = scorer.score(early)
    let h = early.history
    // A customer whose first invoice comes after 2024-03-01.
    let c = try #require(
      h.customerIDs.indices.first { c in
        !(0..<h.count).contains { Int(h.customerIndex[$0]) == c && early.isIssued($0) }
      })
    let id = h.customerIDs[c]
    do {
      _ = try scorer.explain(customer: id, in: early, scored: result)
      Issue.record("no error for \(id)")
    } catch let error as ExplainError {
      #expect(
        error.description
          == "customer '\(id)' has no invoice issued by the as-of date 2024-03-01, so it is not "
          + "scored")
    }
    #expect(
      ExplainError.notListed("C9", lastActivity: day("2023-01-31"), asOf: day("2024-03-01"))
        .description
        == "customer 'C9' has no open balance and no activity since 2023-01-31 (as of "
        + "2024-03-01), so it is not scored; see --policy activityLookbackDays")
  }
}
