import Foundation
import TestSupport
import Testing

/// `backtest --cutoffs` on the bundled sample, whose simulation truth lies beside it.
@Suite struct RollingBacktestCLITests {
  /// The truth beside the history adds the ceiling rows, on the same invoices as the model's.
  @Test func ceilingFromTheTruthBesideTheHistory() throws {
    let run = try CLI.run(
      [
        "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv",
        "--customers", "datasets/customers.csv", "--cutoffs", "2025-09..2025-09",
        "--replicates", "5",
      ], in: repositoryRoot())
    #expect(run.status == 0)
    let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("all ") }
    #expect(rows.count == 3)
    let counts = rows.map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
    #expect(Set(counts).count == 1)
    #expect(rows.contains { $0.contains("ceiling") })
    // The PD table has the true PDs' column, and their mean beside the model's.
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("metric") && $0.hasSuffix("ceiling") })
    let meanPD = try #require(lines.first { $0.hasPrefix("mean_pd") })
    #expect(meanPD.split(separator: " ", omittingEmptySubsequences: true).count == 7)
    // The cash table has the ceiling's forecast beside the model's, and its own summary line.
    #expect(lines.contains { $0.hasPrefix("cutoff") && $0.hasSuffix("ceiling_weeks") })
    let cash = try #require(lines.first { $0.hasPrefix("2025-09-30") })
    let cells = cash.split(separator: " ", omittingEmptySubsequences: true)
    #expect(cells.count == 8)
    #expect(try #require(Double(cells[5])) > 0)
    #expect(lines.contains { $0.hasPrefix("ceiling:") && $0.contains("coverage") })
    // And the 13 weeks after the cutoff, each with the ceiling's error and coverage.
    let header = try #require(lines.firstIndex { $0.hasPrefix("week ") })
    #expect(lines[header].hasSuffix("ceiling_in_p10_p90"))
    let weeks = lines[(header + 2)...].prefix { !$0.hasPrefix("-") }
    #expect(weeks.map { $0.split(separator: " ").first } == (1...13).map { Substring("\($0)") })
    #expect(weeks.allSatisfy { $0.hasSuffix("1/1") || $0.hasSuffix("0/1") })
  }
}
