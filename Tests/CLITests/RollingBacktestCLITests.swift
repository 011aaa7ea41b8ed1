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
  }
}
