import Foundation
import TestSupport
import Testing

/// `score --letters DIR --letter-templates DIR` through the binary: letters written as a set;
/// a bad template or a used folder stops the run before anything is written.
@Suite("score --letters")
struct LetterCommandTests {
  @Test func writesLettersAndStopsOnABadTemplate() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let folder = try CLI.temporaryDirectory("letters")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let base = ["score", "--history", "valid-small.csv", "--model", model]
    let good = try CLI.run(base + ["--out", folder + "/out", "--letters", folder + "/letters"])
    try #require(good.status == 0, "\(good.stderr)")
    let letters = CLI.files(in: folder + "/letters")
    #expect(letters.contains("letters.csv"))
    #expect(letters.filter { $0.hasSuffix(".txt") }.count >= 1)
    // The folder is used now: a second run into it is refused.
    let again = try CLI.run(base + ["--out", folder + "/out2", "--letters", folder + "/letters"])
    #expect(again.status != 0)
    #expect(again.stderr.contains("is not a new or empty folder"))
    // An unknown placeholder: file and line named, nothing written.
    let templates = folder + "/templates"
    try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
    try Data("Dear {{customer_id}},\n{{amount_due}}\n".utf8).write(
      to: URL(fileURLWithPath: templates + "/default.txt"))
    let bad = try CLI.run(
      base + [
        "--out", folder + "/out3", "--letters", folder + "/letters3", "--letter-templates",
        templates,
      ])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains(templates + "/default.txt:2: unknown placeholder {{amount_due}}"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/out3"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/letters3"))
  }

  /// A letters' folder that is the score folder, inside it, or holding it (as given, through
  /// `..` or through a symbolic link) is refused in one line before anything is written:
  /// the letters would be mixed with the score files, or one set would replace the other.
  /// (An existing score folder given as --letters itself is a used folder, refused as such.)
  @Test(arguments: [
    ("new", "new"), ("out", "out/letters"), ("new", "new/letters"), ("out", "link/letters"),
    ("out/../out", "out/./letters"), ("letters/out", "letters"), ("empty/out", "empty"),
    ("empty/../new", "new"),
  ])
  func aLettersFolderMixedWithTheScoreFolderIsRefused(out: String, letters: String) throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("letters-apart")
    let root = scratch.path
    let base = ["score", "--history", CLI.badFixtures + "/valid-small.csv", "--model", model]
    let first = try CLI.run(base + ["--out", root + "/out"])
    try #require(first.status == 0, "score failed: \(first.stderr)")
    try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "out")
    try FileManager.default.createDirectory(
      atPath: root + "/empty", withIntermediateDirectories: false)
    let before = try snapshot(root)
    let run = try CLI.run(base + ["--out", out, "--letters", letters], in: root)
    #expect(run.status == 1)
    #expect(
      run.stderrLines == [
        "Error: --letters \(letters) and --out \(out) are the same folder or one holds the "
          + "other; give the letters a folder of their own beside the score files"
      ], "\(run.stderr)")
    #expect(try snapshot(root) == before)
  }

  /// A letters' folder beside the score folder, or named like it, is fine.
  @Test func aLettersFolderBesideTheScoreFolderIsWritten() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("letters-beside")
    let root = scratch.path
    let run = try CLI.run(
      [
        "score", "--history", CLI.badFixtures + "/valid-small.csv", "--model", model, "--out",
        "out", "--letters", "out-letters",
      ], in: root)
    try #require(run.status == 0, "score failed: \(run.stderr)")
    #expect(CLI.files(in: root + "/out").contains("worklist.csv"))
    #expect(CLI.files(in: root + "/out-letters").contains("letters.csv"))
    #expect(!CLI.files(in: root + "/out").contains("letters.csv"))
  }

  /// Every file and folder under `root` (relative path), files with their bytes.
  private func snapshot(_ root: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in FileManager.default.subpaths(atPath: root) ?? [] {
      let path = root + "/" + name
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      files[name] =
        attributes[.type] as? FileAttributeType == .typeRegular
        ? try #require(FileManager.default.contents(atPath: path)) : Data()
    }
    return files
  }
}
