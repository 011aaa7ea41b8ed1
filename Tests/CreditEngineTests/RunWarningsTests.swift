import CreditData
import CreditEngine
import Testing

@Suite("Run warnings")
struct RunWarningsTests {
  @Test func ibmAtItsLastDateHasNothingOpenAndSaysWhatToTry() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm())
    let model = try Trainer().train(Portfolio(history: portfolio.history, asOf: day("2013-09-30")))
    let result = Scorer(model: model).score(portfolio)
    #expect(result.invoices.isEmpty)
    let warnings = RunWarnings.scoring(result, portfolio: portfolio, model: model)
    let lastIssue = portfolio.history.issueDate.max()
    let expected = "no open invoices at the as-of date \(portfolio.asOf)"
    #expect(warnings.first?.hasPrefix(expected) == true)
    #expect(warnings.first?.contains("try --as-of \(lastIssue.map(\.description) ?? "")") == true)
    // A caller that hands its portfolio over to scoring reads the last issue date first.
    #expect(RunWarnings.lastIssue(portfolio) == lastIssue)
    let handedOver = RunWarnings.scoring(
      result, lastIssue: RunWarnings.lastIssue(portfolio), model: model)
    #expect(handedOver == warnings)
  }

  /// In an export of paid invoices only, the last one paid the day it was issued (the as-of
  /// date), the date to try is the last issue of an invoice still open at the end of that
  /// day, not the as-of date itself; a written-off invoice is never open.
  @Test func withEverythingPaidTheDateToTryHadAnInvoiceOpen() throws {
    let csv = """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date,written_off
      A1,C1,2025-01-01,2025-01-31,100,2025-01-20,no
      A2,C1,2025-01-05,2025-02-04,100,2025-02-10,no
      A3,C2,2025-01-08,2025-02-07,100,,yes
      A4,C2,2025-02-10,2025-03-12,100,2025-02-10,no

      """
    let portfolio = Portfolio(
      history: try HistoryLoader.parse(bytes: Array(csv.utf8), fileName: "paid.csv"))
    #expect(portfolio.asOf == day("2025-02-10"))
    #expect(RunWarnings.lastIssue(portfolio) == day("2025-01-05"))
  }

  @Test func ibmWithThirtyLateDaysHasTooFewLateOutcomesAndOneGrade() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: day("2013-09-30"))
    var options = TrainingOptions()
    options.rule = DelinquencyRule(lateDays: 30)
    let model = try Trainer(options: options).train(portfolio)
    #expect(model.warnings.contains { $0.hasPrefix("only ") && $0.contains("late outcomes") })
    let result = Scorer(model: model).score(portfolio)
    let warnings = RunWarnings.scoring(result, portfolio: portfolio, model: model)
    let gradeA = result.customers.filter { $0.riskGrade == "A" }.count
    #expect(Double(gradeA) >= 0.95 * Double(result.customers.count))
    #expect(warnings.contains { $0.contains("customers are graded A") })
  }

  @Test func theSampleHasEnoughLateOutcomes() throws {
    let model = try Trainer().train(SampleData.portfolio)
    #expect(RunWarnings.training(model).isEmpty)
    let result = Scorer(model: model).score(SampleData.portfolio)
    #expect(RunWarnings.scoring(result, portfolio: SampleData.portfolio, model: model).isEmpty)
  }

  @Test func aModelTooOldOrTrainedAfterTheAsOfDateIsNamed() throws {
    let history = SampleData.portfolio.history
    let asOf = SampleData.portfolio.asOf
    let older = Portfolio(
      history: history, customers: [:], asOf: asOf.adding(days: -91))
    let oldModel = try Trainer().train(older)
    let now = Portfolio(history: history, asOf: asOf)
    let result = Scorer(model: oldModel).score(now)
    let old = RunWarnings.scoring(result, portfolio: now, model: oldModel)
    #expect(old.contains { $0.contains("91 days before the as-of date") })
    #expect(
      RunWarnings.scoring(result, portfolio: now, model: oldModel, maxModelAgeDays: 91)
        .allSatisfy { !$0.contains("days before the as-of date") })
    let newModel = try Trainer().train(now)
    let earlier = Portfolio(history: history, asOf: asOf.adding(days: -30))
    let early = RunWarnings.scoring(
      Scorer(model: newModel).score(earlier), portfolio: earlier, model: newModel)
    #expect(early.contains { $0.contains("after the as-of date \(earlier.asOf)") })
  }
}
