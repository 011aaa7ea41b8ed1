import Foundation
import TestSupport
import Testing

/// An output given the path of an input, or of another output, is refused in one line
/// before anything is read or written.
@Suite("Output paths apart from inputs and from each other")
struct DistinctPathTests {
  /// Before, `train --history h.csv --model h.csv` replaced the history with the model
  /// (as did fit's --json, inspect's --save-profile, report's --out and backtest's
  /// --markdown over their inputs), and two outputs on one path (backtest --out X --markdown
  /// X, score --out X --xlsx X) published the first, then failed on the second with a
  /// warning about an interrupted run that was the run's own file.
  @Test(arguments: [
    (
      ["train", "--history", "h.csv", "--model", "h.csv"],
      "--model h.csv is also given as --history; writing it would replace that input: give "
        + "the output a path of its own"
    ),
    (
      ["train", "--history", "h.csv", "--model", "./link.csv"],
      "--model ./link.csv is also given as --history; writing it would replace that input: "
        + "give the output a path of its own"
    ),
    (
      [
        "fit", "logistic", "--data", "f.csv", "--target", "y", "--covariates", "x", "z",
        "--json", "f.csv",
      ],
      "--json f.csv is also given as --data; writing it would replace that input: give the "
        + "output a path of its own"
    ),
    (
      ["inspect", "--history", "h.csv", "--save-profile", "h.csv"],
      "--save-profile h.csv is also given as --history; writing it would replace that input: "
        + "give the output a path of its own"
    ),
    (
      ["report", "--history", "h.csv", "--model", "model.json", "--out", "model.json"],
      "--out model.json is also given as --model; writing it would replace that input: give "
        + "the output a path of its own"
    ),
    (
      ["backtest", "--history", "h.csv", "--cutoff", "2025-06-30", "--markdown", "h.csv"],
      "--markdown h.csv is also given as --history; writing it would replace that input: "
        + "give the output a path of its own"
    ),
    (
      [
        "backtest", "--history", "h.csv", "--cutoff", "2025-06-30", "--out", "bt", "--markdown",
        "bt",
      ],
      "--out bt and --markdown bt are the same path; one output would replace the other: give "
        + "each a path of its own"
    ),
    (
      ["score", "--history", "h.csv", "--model", "model.json", "--out", "s", "--xlsx", "s"],
      "--out s and --xlsx s are the same path; one output would replace the other: give each "
        + "a path of its own"
    ),
    (
      [
        "score", "--history", "h.csv", "--model", "model.json", "--out", "s", "--xlsx",
        "model.json",
      ],
      "--xlsx model.json is also given as --model; writing it would replace that input: give "
        + "the output a path of its own"
    ),
    (
      ["solve", "--as-of", "2025-12-29", "--state-out", "st.json", "--model", "st.json"],
      "--model st.json and --state-out st.json are the same path; one output would replace "
        + "the other: give each a path of its own"
    ),
  ])
  func anOutputOnAnInputOrAnotherOutputIsRefused(arguments: [String], message: String) throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("output-paths")
    let root = scratch.path
    let files = FileManager.default
    try files.copyItem(atPath: CLI.badFixtures + "/valid-small.csv", toPath: root + "/h.csv")
    try files.copyItem(atPath: CLI.badFixtures + "/fit-collinear.csv", toPath: root + "/f.csv")
    try files.copyItem(atPath: model, toPath: root + "/model.json")
    try files.createSymbolicLink(atPath: root + "/link.csv", withDestinationPath: "h.csv")
    let before = try snapshot(root)
    let run = try CLI.run(arguments, in: root)
    #expect(run.status == 1)
    #expect(run.stderrLines == ["Error: " + message], "\(run.stderr)")
    #expect(try snapshot(root) == before)
  }

  /// An output file that cannot be written is reported before the history is read: before,
  /// `train --model missing/model.json` read the history and fitted the models (minutes on a
  /// large book) and only then said the folder was missing.
  @Test(arguments: [
    (
      ["train", "--history", "h.csv", "--model", "missing/model.json"],
      "cannot write missing/model.json: No such file or directory"
    ),
    (
      ["report", "--history", "h.csv", "--out", "folder"],
      "cannot write folder: is a folder, not a regular file; not replacing it"
    ),
    (
      ["backtest", "--history", "h.csv", "--cutoff", "2025-06-30", "--markdown", "m/"],
      "cannot write m/: ends with '/', so it names a folder; expected the path of a file"
    ),
    (
      ["score", "--history", "h.csv", "--model", "model.json", "--out", "s", "--xlsx", "folder"],
      "cannot write folder: is a folder, not a regular file; not replacing it"
    ),
  ])
  func anOutputFileThatCannotBeWrittenFailsFirst(arguments: [String], message: String) throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("output-paths-first")
    let root = scratch.path
    try FileManager.default.copyItem(
      atPath: CLI.badFixtures + "/valid-small.csv", toPath: root + "/h.csv")
    try FileManager.default.copyItem(atPath: model, toPath: root + "/model.json")
    try FileManager.default.createDirectory(
      atPath: root + "/folder", withIntermediateDirectories: false)
    let before = try snapshot(root)
    let run = try CLI.run(arguments, in: root)
    #expect(run.status == 1)
    #expect(run.stderrLines == ["Error: " + message], "\(run.stderr)")
    #expect(try snapshot(root) == before)
  }

  /// A workbook given the path of one of the score files in `--out` is refused before
  /// anything is written: before, the run wrote customers.csv and then put the workbook in
  /// its place, so the folder's customers.csv was a ZIP archive.
  @Test(arguments: ["s/customers.csv", "s/changes.csv", "./s/../s/worklist.csv"])
  func aWorkbookOnAScoreFileIsRefused(xlsx: String) throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("output-paths-workbook")
    let root = scratch.path
    let score = ["score", "--history", CLI.badFixtures + "/valid-small.csv", "--model", model]
    let first = try CLI.run(score + ["--out", "s"], in: root)
    try #require(first.status == 0, "\(first.stderr)")
    let before = try snapshot(root)
    let run = try CLI.run(score + ["--out", "s", "--xlsx", xlsx], in: root)
    #expect(run.status == 1)
    let name = String(xlsx.split(separator: "/").last ?? "")
    #expect(
      run.stderrLines == [
        "Error: --xlsx \(xlsx) is \(name) of --out s; the workbook would replace that file: give the workbook a path of its own"
      ], "\(run.stderr)")
    #expect(try snapshot(root) == before)
  }

  /// A profile saved over the one it was read with is updated, not refused.
  @Test func aProfileSavedOverTheOneReadIsUpdated() throws {
    let scratch = try ScratchFolder("output-paths-profile")
    let root = scratch.path
    let history = CLI.badFixtures + "/valid-small.csv"
    let first = try CLI.run(
      ["inspect", "--history", history, "--save-profile", "p.json"], in: root)
    try #require(first.status == 0, "\(first.stderr)")
    let again = try CLI.run(
      ["inspect", "--history", history, "--profile", "p.json", "--save-profile", "p.json"],
      in: root)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("profile written to p.json"))
  }

  /// Every entry under `root` (relative path), files with their bytes, links with their text.
  private func snapshot(_ root: String) throws -> [String: Data] {
    var entries: [String: Data] = [:]
    for name in FileManager.default.subpaths(atPath: root) ?? [] {
      let path = root + "/" + name
      if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
        entries[name] = Data(("-> " + link).utf8)
      } else {
        entries[name] = FileManager.default.contents(atPath: path) ?? Data()
      }
    }
    return entries
  }
}
