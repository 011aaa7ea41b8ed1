import CreditData
import CreditReport
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

/// The header of each file `backtest --out` writes, as the README lists it.
@Suite struct BacktestFileHeaderTests {
  /// The header line of each file, its names joined by ", " as the README writes a header.
  static func headers() throws -> [String: String] {
    let single = try BacktestSummaryTests.result()
    let rolling = RollingBacktestResult(
      cutoffs: [], lateDays: 30, horizonDays: 91, replicates: 0, seed: 1)
    let files: [(String, CSVWriter)] = [
      ("backtest.csv", BacktestFiles.metrics(single)),
      ("backtest_calibration.csv", BacktestFiles.calibration(single)),
      ("backtest_weeks.csv", BacktestFiles.weeks(single)),
      ("backtest_weeks.csv of --cutoffs", RollingBacktestFiles.weeks(rolling)),
      ("backtest_invoices.csv", RollingBacktestFiles.invoices(rolling)),
    ]
    var headers: [String: String] = [:]
    for (name, writer) in files {
      let line = String(decoding: writer.bytes, as: UTF8.self).split(separator: "\n")[0]
      headers[name] = line.split(separator: ",").joined(separator: ", ")
    }
    return headers
  }

  /// Each file's columns are in the README, in the file's order, so a script can rely on them.
  ///
  /// The README named backtest.csv's columns only; of the others it said what they hold
  /// ('each week's actual and expected collections') without the names a script reads.
  @Test func theReadmeListsEveryColumnOfEachFile() throws {
    let readme = try String(contentsOfFile: repositoryRoot() + "/README.md", encoding: .utf8)
      .replacingOccurrences(of: "\n", with: " ")
    for (file, header) in try Self.headers() {
      let listed = readme.contains("`\(header)`")
      #expect(listed, "\(file): `\(header)` is not in the README")
    }
  }
}
