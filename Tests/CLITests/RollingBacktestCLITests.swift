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

  /// The printed cash table adds up backtest_weeks.csv's cells.
  ///
  /// On the sample at 2025-09 the model's expected collections were printed 2997069.91 and the
  /// ceiling's 3007047.57, beside weeks whose cells add up to 2997069.93 and 3007047.56.
  @Test func theCashTableAddsUpTheWeeksFile() throws {
    let folder = try CLI.temporaryDirectory("rolling-weeks")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run(
      [
        "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv",
        "--customers", "datasets/customers.csv", "--cutoffs", "2025-09..2025-09",
        "--replicates", "0", "--out", folder,
      ], in: repositoryRoot())
    #expect(run.status == 0)
    let weeks = try CLI.rowsByName(folder + "/backtest_weeks.csv")
    #expect(weeks.count == 13)
    /// A column's cells added up in whole cents, written as the table prints money.
    func total(_ column: String) throws -> String {
      let cents = try weeks.reduce(0) { sum, row in
        let cell = try #require(row[column])
        return sum + (try #require(Int(cell.replacingOccurrences(of: ".", with: ""))))
      }
      let fraction = cents % 100
      return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
    let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("2025-09-30") })
    let cells = row.split(separator: " ").map(String.init)
    #expect(cells[1] == (try total("actual")))
    #expect(cells[2] == (try total("model_expected")))
    #expect(cells[5] == (try total("ceiling_expected")))
  }

  /// A single month-end is named in the singular.
  ///
  /// The line that says what was read said 'backtest cutoff 2025-09-30..2025-09-30
  /// (1 month-ends)', and the summary '1 cutoffs 2025-09-30..2025-09-30'.
  @Test func oneMonthEndIsSaidInTheSingular() throws {
    let run = try CLI.run(
      [
        "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv",
        "--customers", "datasets/customers.csv", "--cutoffs", "2025-09..2025-09",
        "--replicates", "0",
      ], in: repositoryRoot())
    #expect(run.status == 0)
    #expect(run.stderrLines.first?.hasSuffix("backtest cutoff 2025-09-30 (1 month-end)") == true)
    #expect(run.stdout.hasPrefix("rolling backtest: 1 cutoff 2025-09-30, "))
  }

  /// Cutoffs that all come before the history's first invoice are refused, naming it.
  ///
  /// They stopped at training: 'at the last: only 0 invoices with a positive amount were
  /// issued by the as-of date 2020-03-31', where backtest --cutoff names the cutoff and the
  /// first invoice.
  @Test func cutoffsBeforeTheFirstInvoiceNameIt() throws {
    let run = try CLI.run(
      [
        "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv",
        "--cutoffs", "2020-01..2020-03",
      ], in: repositoryRoot())
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last
        == "Error: --cutoffs' last month-end 2020-03-31 is before the first invoice of "
        + "datasets/history.csv (issued 2024-01-01, line 2): nothing was issued by then; "
        + "expected a date from 2024-01-01 on")
  }
}
