import Foundation
import TestSupport
import Testing

/// The committed renders in notebooks-exported/ are current: regenerating them with the
/// documented commands (`make notebooks`) gives the same bytes.
@Suite(.serialized) struct NotebookTests {
  /// The built `creditrisk` of this configuration.
  static var binary: String {
    #if DEBUG
      return repositoryRoot() + "/.build/debug/creditrisk"
    #else
      return repositoryRoot() + "/.build/release/creditrisk"
    #endif
  }

  /// Runs the binary in the repository root; returns the exit status.
  static func run(_ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot())
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "creditrisk-notebooks-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test func demoReportIsCurrent() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/demo-report.html"
    let status = try Self.run([
      "report", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv", "--customers",
      "datasets/customers.csv", "--promises", "datasets/promises.csv", "--disputes",
      "datasets/disputes.csv", "--as-of", "2025-12-31", "--out", out,
    ])
    #expect(status == 0)
    let committed = try #require(
      Self.bytes(repositoryRoot() + "/notebooks-exported/demo-report.html"))
    #expect(Self.bytes(out) == committed, "run `make notebooks` and commit the result")
  }

  /// The report of a model loaded from its file is the report that trains the model itself:
  /// the in-sample diagnostics too (they had taken the open invoices' calibration shift).
  @Test func aLoadedModelGivesTheSameReport() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = [
      "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv", "--customers",
      "datasets/customers.csv", "--as-of", "2025-12-31",
    ]
    let model = folder + "/model.json"
    #expect(try Self.run(["train"] + input + ["--model", model]) == 0)
    #expect(
      try Self.run(["report"] + input + ["--model", model, "--out", folder + "/a.html"]) == 0)
    #expect(try Self.run(["report"] + input + ["--out", folder + "/b.html"]) == 0)
    let loaded = try #require(Self.bytes(folder + "/a.html"))
    #expect(loaded == Self.bytes(folder + "/b.html"))
  }

  @Test func backtestSampleIsCurrent() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/backtest-sample.md"
    let status = try Self.run([
      "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv",
      "--customers", "datasets/customers.csv",
      "--cutoff", "2025-09-30", "--horizon", "90", "--markdown", out,
    ])
    #expect(status == 0)
    let committed = try #require(
      Self.bytes(repositoryRoot() + "/notebooks-exported/backtest-sample.md"))
    #expect(Self.bytes(out) == committed, "run `make notebooks` and commit the result")
  }

  @Test func backtestWritesItsCSVFiles() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let status = try Self.run([
      "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv", "--cutoff",
      "2025-09-30", "--out", folder,
    ])
    #expect(status == 0)
    let metrics = String(
      decoding: try #require(Self.bytes(folder + "/backtest.csv")), as: UTF8.self)
    #expect(metrics.hasPrefix("metric,model,baseline,cutoff\n"))
    #expect(metrics.contains("\npayment_date_median_abs_error_days,"))
    // Counts whole and money with 2 decimals, as everywhere else; each row names the cutoff.
    #expect(metrics.contains("\ninvoices_open_at_cutoff,527,527,2025-09-30\n"), "\(metrics)")
    let amount = try #require(
      metrics.split(separator: "\n").first { $0.hasPrefix("amount_open_at_cutoff,") })
    #expect(amount.split(separator: ",")[1].split(separator: ".").last?.count == 2, "\(amount)")
    let calibration = String(
      decoding: try #require(Self.bytes(folder + "/backtest_calibration.csv")), as: UTF8.self)
    #expect(calibration.split(separator: "\n").count == 11)
    #expect(calibration.hasSuffix(",2025-09-30\n"))
    let weeks = String(
      decoding: try #require(Self.bytes(folder + "/backtest_weeks.csv")), as: UTF8.self)
    #expect(weeks.hasPrefix("cutoff,week_start,actual,model_expected,"))
  }

  @Test func backtestRefusesAHorizonBeyondTheHistory() throws {
    let status = try Self.run([
      "backtest", "--history", "datasets/history.csv", "--fx", "datasets/fx-rates.csv", "--cutoff",
      "2025-12-01",
    ])
    #expect(status != 0)
  }
}
