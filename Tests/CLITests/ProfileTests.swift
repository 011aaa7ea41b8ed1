import Foundation
import TestSupport
import Testing

/// A reading profile saved by `inspect --save-profile` replays what the first export showed,
/// so that a later export of the same system needs no flags.
@Suite("Reading profiles")
struct ProfileTests {
  let scratch: ScratchFolder
  init() throws { scratch = try ScratchFolder("profile") }

  /// valid-small.csv's first `rows` rows with `YYYY-MM-DD` dates written `D/M/YYYY`.
  private func dayMonth(_ name: String, rows: Int) throws -> String {
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let iso = /(\d{4})-(\d{2})-(\d{2})/
    let body = lines.dropFirst().prefix(rows).map { line in
      line.replacing(iso) { m in "\(Int(m.3) ?? 0)/\(Int(m.2) ?? 0)/\(m.1)" }
    }
    return try scratch.file(name, ([lines[0]] + body).joined(separator: "\n") + "\n")
  }

  /// The first export shows its day-and-month order (days above 12); the profile keeps it
  /// for a later one whose days are all 12 or below.
  @Test func theDateOrderIsKept() throws {
    let first = try dayMonth("first.csv", rows: 200)
    let later = try scratch.file(
      "later.csv",
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date\n"
        + "N1,C000006,2/3/2026,4/4/2026,100.00,\nN2,C000007,3/3/2026,2/4/2026,50.00,1/4/2026\n")
    let profile = scratch.path + "/profile.json"
    let saved = try CLI.run(["inspect", "--history", first, "--save-profile", profile])
    try #require(saved.status == 0, "\(saved.stderr)")
    let json = try String(contentsOfFile: profile, encoding: .utf8)
    // JSONEncoder writes the slashes escaped.
    #expect(json.replacingOccurrences(of: "\\/", with: "/").contains("\"D/M/YYYY\""), "\(json)")
    let without = try CLI.run(["inspect", "--history", later])
    #expect(without.status == 1)
    #expect(without.stderr.contains("--date-format"), "\(without.stderr)")
    let with = try CLI.run(["inspect", "--history", later, "--profile", profile])
    #expect(with.status == 0, "\(with.stderr)")
    #expect(with.stdout.contains("issue dates     2026-03-02 .. 2026-03-03"), "\(with.stdout)")
  }

  /// A profile that cannot be written says why, as every other output does: before, each
  /// of these said only 'cannot write the profile', and a FIFO at the path was replaced.
  @Test(arguments: [
    ("folder", "cannot write folder: is a folder, not a regular file; not replacing it"),
    ("missing/p.json", "cannot write missing/p.json: No such file or directory"),
    ("fifo", "cannot write fifo: is a FIFO, not a regular file; not replacing it"),
  ])
  func aProfileThatCannotBeWrittenSaysWhy(path: String, message: String) throws {
    try FileManager.default.createDirectory(
      atPath: scratch.path + "/folder", withIntermediateDirectories: false)
    #expect(mkfifo(scratch.path + "/fifo", 0o600) == 0)
    let run = try CLI.run(
      ["inspect", "--history", CLI.badFixtures + "/valid-small.csv", "--save-profile", path],
      in: scratch.path)
    #expect(run.status == 1)
    #expect(run.stderrLines.last == "Error: " + message, "\(run.stderr)")
    #expect(FileManager.default.subpaths(atPath: scratch.path)?.sorted() == ["fifo", "folder"])
  }
}
