import CreditData
import CreditEngine
import TestSupport
import Testing

/// A rolling backtest over cutoffs that start before the history can be trained on, or end too
/// late for the horizon, and the categories of a young history.
@Suite("Rolling backtest: the first and the last cutoffs")
struct RollingBacktestStartTests {
  static func rolling(_ first: String, _ last: String) -> RollingBacktest {
    RollingBacktest(
      cutoffs: RollingBacktest.monthEnds(from: day(first), through: day(last)), replicates: 10,
      backtest: Backtest(cutoff: day(first)))
  }

  /// The sample in one currency (the backtest adds amounts up).
  static var portfolio: Portfolio {
    var p = SampleData.portfolio
    p.history.currency = nil
    return p
  }

  @Test func cutoffsBeforeTheHistoryCanBeTrainedOnAreSkippedAndNamed() throws {
    let result = try Self.rolling("2024-01-01", "2024-03-01").run(Self.portfolio)
    #expect(result.skipped.map(\.cutoff) == [day("2024-01-31")])
    #expect(result.skipped.first?.reason.hasPrefix("no invoice's outcome is known") == true)
    #expect(result.cutoffs.map(\.cutoff) == [day("2024-02-29"), day("2024-03-31")])
  }

  @Test func noCutoffThatTrainsIsAnError() throws {
    #expect(throws: RollingBacktestError.self) {
      try Self.rolling("2024-01-01", "2024-01-01").run(Self.portfolio)
    }
  }

  @Test func aLastCutoffBeyondTheHistoryStopsBeforeAnyCutoffRuns() throws {
    var started: [Day] = []
    do {
      _ = try Self.rolling("2025-08-01", "2025-11-01").run(Self.portfolio) { started.append($1) }
      Issue.record("a horizon past the history's end ran")
    } catch let error as RollingBacktestError {
      #expect(started.isEmpty)
      #expect(
        "\(error)"
          == "the history ends on 2025-12-31, before the end of the last cutoff's horizon "
          + "2026-03-01 (cutoff 2025-11-30, --horizon 91); end --cutoffs at 2025-09 or earlier, "
          + "or give a shorter --horizon")
    }
  }

  /// The sample at 2024-04-30 with every invoice issued from `from` on in industry "New":
  /// none of their outcomes is known then (only those of invoices due by 2024-03-30).
  static func newIndustry(from: String) throws -> TrainedModel {
    var history = SampleData.portfolio.history
    let issued = history.issueDate
    let old = try #require(history.industry)
    history.industry = Categorical(
      values: old.codes.indices.map { k in
        issued[k] >= day(from) ? "New" : old.levels[Int(old.codes[k])]
      })
    return try Trainer().train(Portfolio(history: history, asOf: day("2024-04-30")))
  }

  @Test func aLevelWithNoKnownOutcomeHasNoColumn() throws {
    let model = try Self.newIndustry(from: "2024-04-20")
    #expect(model.features.levelsPooledForOutcomes == ["industry=New"])
    #expect(model.features.pooledIndustryLevels.contains("New"))
  }

  @Test func aBaselineWithNoKnownOutcomeTakesInALevel() throws {
    // From mid-March, "New" is the most frequent industry: the baseline, with no outcome known.
    let model = try Self.newIndustry(from: "2024-03-16")
    #expect(model.features.industryBaseline == "New")
    let pooled = try #require(model.features.levelsPooledForOutcomes)
    #expect(pooled.count == 1)
    #expect(pooled.allSatisfy { $0.hasPrefix("industry=") })
  }
}
