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
}
