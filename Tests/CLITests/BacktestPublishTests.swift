import Foundation
import TestSupport
import Testing

/// `backtest --cutoff D --out DIR --markdown FILE`: the files and the document are written
/// all or none.
@Suite("backtest --out with --markdown")
struct BacktestPublishTests {
  /// A Markdown path that cannot be written fails the run before anything is published: the
  /// earlier run's files and document stay as they were, and nothing is left beside them.
  @Test(arguments: ["missing/backtest.md", "folder", "file/backtest.md"])
  func aDocumentThatCannotBeWrittenPublishesNothing(markdown: String) throws {
    let scratch = try ScratchFolder("backtest-all-or-none")
    let root = scratch.path
    try FileManager.default.createDirectory(
      atPath: root + "/folder", withIntermediateDirectories: false)
    _ = try scratch.file("file", "not a folder\n")
    let base = ["backtest", "--history", "valid-small.csv", "--out", root + "/out"]
    let first = try CLI.run(
      base + ["--cutoff", "2025-06-30", "--markdown", root + "/backtest.md"])
    try #require(first.status == 0, "backtest failed: \(first.stderr)")
    let before = try snapshot(root)
    #expect(before.keys.contains("out/backtest.csv"))
    // Another cutoff this time, so that files published anyway would differ.
    let run = try CLI.run(base + ["--cutoff", "2025-05-31", "--markdown", root + "/" + markdown])
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last?.hasPrefix("Error: cannot write \(root)/\(markdown)") == true,
      "\(run.stderr)")
    #expect(try snapshot(root) == before)
  }

  /// With a document that can be written, both are replaced.
  @Test func bothAreWrittenWhenBothCanBe() throws {
    let scratch = try ScratchFolder("backtest-both")
    let root = scratch.path
    let run = try CLI.run([
      "backtest", "--history", "valid-small.csv", "--cutoff", "2025-06-30", "--out",
      root + "/out", "--markdown", root + "/backtest.md",
    ])
    try #require(run.status == 0, "backtest failed: \(run.stderr)")
    #expect(
      CLI.files(in: root + "/out").sorted() == [
        "backtest.csv", "backtest_calibration.csv", "backtest_weeks.csv",
      ])
    let document = try String(contentsOfFile: root + "/backtest.md", encoding: .utf8)
    #expect(document.contains("--cutoff 2025-06-30"))
    #expect(!CLI.files(in: root).contains { $0.contains(".tmp-") })
  }

  /// The document's command reads the history as the run did: with its --fx and the other
  /// reading options (it had dropped them, so on a history in several currencies it failed),
  /// a path with a space quoted.
  @Test func theDocumentsCommandReadsTheHistoryAsTheRunDid() throws {
    let scratch = try ScratchFolder("backtest-command")
    let rates = try scratch.file("fx rates.csv", "currency,rate\nUSD,1\n")
    let document = scratch.path + "/backtest.md"
    let run = try CLI.run([
      "backtest", "--history", "valid-small.csv", "--fx", rates, "--date-format", "iso",
      "--cutoff", "2025-06-30", "--markdown", document,
    ])
    try #require(run.status == 0, "backtest failed: \(run.stderr)")
    let text = try String(contentsOfFile: document, encoding: .utf8)
    #expect(
      text.contains(
        "\ncreditrisk backtest --history valid-small.csv --date-format iso --fx '\(rates)' "
          + "--cutoff 2025-06-30 --horizon 90\n"), "\(text)")
  }

  /// Every file under `root` (relative path) with its bytes; folders as empty data.
  private func snapshot(_ root: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in FileManager.default.subpaths(atPath: root) ?? [] {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder)
      files[name + (isFolder.boolValue ? "/" : "")] =
        isFolder.boolValue
        ? Data() : try #require(FileManager.default.contents(atPath: root + "/" + name))
    }
    return files
  }
  /// The rolling backtest prints its report; a --markdown it would leave unwritten is refused
  /// rather than ignored.
  @Test func theRollingBacktestRefusesMarkdown() throws {
    let scratch = try ScratchFolder("backtest-rolling-markdown")
    let run = try CLI.run([
      "backtest", "--history", "valid-small.csv", "--cutoffs", "2025-05..2025-06", "--markdown",
      scratch.path + "/b.md",
    ])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--markdown writes a single --cutoff's document"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/b.md"))
  }
}
