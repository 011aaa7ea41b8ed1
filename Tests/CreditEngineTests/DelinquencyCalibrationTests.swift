import CreditData
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

/// The delinquency labels from the determinable cohort and the out-of-time shift of the PD.
@Suite struct DelinquencyCalibrationTests {
  static let asOf = day("2025-12-31")

  /// Every label is of an invoice more than `lateDays` past its due date at the as-of date;
  /// invoices already paid before then have none (the ones that will be late could not have
  /// been seen yet), and the recent flags mark exactly the labels of the last 91 days.
  @Test func labelsComeFromTheDeterminableCohort() throws {
    let portfolio = Portfolio(history: try EngineFixtures.sample(), asOf: Self.asOf)
    let rule = DelinquencyRule()
    let sample = try TrainingSample(portfolio, rule: rule)
    let h = portfolio.history
    var paidUnlabelled = 0
    for m in sample.order.indices {
      let k = sample.rows[sample.order[m]]
      let determinable = rule.isPastLate(Self.asOf, due: h.dueDate[k])
      #expect((sample.known[m] == 1) == determinable)
      if !determinable && portfolio.paidByAsOf(k) != nil { paidUnlabelled += 1 }
      let recent = determinable && !rule.isPastLate(Self.asOf.adding(days: -91), due: h.dueDate[k])
      #expect(sample.recentOutcome[m] == recent)
    }
    #expect(paidUnlabelled > 100)
    #expect(sample.unknown == sample.known.count - sample.labelled)
  }

  /// The sample has enough recent outcomes for the shift; each open invoice's PD at issue is
  /// then the logistic model's log-odds moved by it, and a model file without it (written
  /// before it was kept) reads as nil and scores with the logistic model's own PD.
  @Test func theShiftMovesTheLogOddsAndOlderFilesFallBack() throws {
    let portfolio = Portfolio(history: try EngineFixtures.sample(), asOf: Self.asOf)
    let model = try Trainer().train(portfolio)
    let shift = try #require(model.delinquencyCalibration)
    #expect(shift.events >= DelinquencyCalibration.minimumOutcomes)
    #expect(shift.rows - shift.events >= DelinquencyCalibration.minimumOutcomes)
    #expect(abs(shift.shift) > 0 && abs(shift.shift) < 1)

    let older = try model.decodedWithout("delinquencyCalibration")
    #expect(older.delinquencyCalibration == nil)

    let book = OpenBook(portfolio, policy: CreditPolicy(), rule: model.rule)
    let raw = FeatureBuilder(rule: model.rule, shrinkage: model.shrinkage).features(
      portfolio, invoices: book.openRows)
    let regions = portfolio.regions(rows: book.openRows)
    let industries = portfolio.industries(rows: book.openRows)
    let calibrated = Scorer(model: model).predict(
      raw, regions: regions, industries: industries, wantContributions: false)
    let plain = Scorer(model: older).predict(
      raw, regions: regions, industries: industries, wantContributions: false)
    #expect(!calibrated.pd.isEmpty)
    for (q, p) in zip(calibrated.pd, plain.pd) {
      #expect(
        isClose(log(q / (1 - q)) - log(p / (1 - p)), shift.usedShift, rtol: 1e-9, atol: 1e-9))
    }
    let scored = Scorer(model: older).score(portfolio)
    #expect(scored.invoices.allSatisfy { $0.pd > 0 && $0.pd <= 1 })
  }

  /// IBM has 8 late invoices in 2,466: too few in any quarter for the shift, so the model
  /// keeps its own PD.
  @Test func fewRecentOutcomesLeaveThePDAsTheModelGivesIt() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: day("2013-09-30"))
    let model = try Trainer().train(portfolio)
    #expect(model.delinquencyCalibration == nil)
  }
}
