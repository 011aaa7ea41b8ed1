import Foundation
import Testing

/// `score --shard` and `merge` refuse what would not give one run's files, in one line, and
/// leave no output behind.
@Suite("Shard errors")
struct ShardMergeErrorTests {
  /// Scores valid-small.csv as shard `spec` into `folder/name`, with `extra` arguments.
  private func shard(_ spec: String, _ folder: String, _ name: String, _ extra: [String] = [])
    throws -> String
  {
    let model = try #require(CLI.baseModel)
    let out = folder + "/" + name
    let run = try CLI.run(
      ["score", "--history", "valid-small.csv", "--model", model, "--shard", spec, "--out", out]
        + extra)
    try #require(run.status == 0, "score --shard \(spec) failed: \(run.stderr)")
    return out
  }

  /// Merges `folders` into `folder/merged`; expects a failure whose one line contains `text`
  /// and no merged folder.
  private func expectMergeFails(_ folders: [String], _ folder: String, _ text: String) throws {
    let out = folder + "/merged"
    let run = try CLI.run(["merge", "--out", out] + folders)
    #expect(run.status != 0 && !run.signaled)
    #expect(run.stderrLines.count == 1 && run.stderr.contains(text), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test(arguments: ["0/3", "4/3", "3", "a/b", "1/0", "0/0", "2/3/4", "1/-2"])
  func badShardSpecIsRejected(_ spec: String) throws {
    let model = try #require(CLI.baseModel)
    let folder = try CLI.temporaryDirectory("shard-spec")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--shard", spec, "--out",
      folder + "/out",
    ])
    #expect(run.status != 0 && !run.signaled)
    #expect(run.stderr.contains("--shard expects i/n with 1 <= i <= n"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test(arguments: [["--previous", "."], ["--xlsx", "x.xlsx"], ["--letters", "letters"]])
  func wholeRunOptionsAreRefusedWithShard(_ option: [String]) throws {
    let model = try #require(CLI.baseModel)
    let folder = try CLI.temporaryDirectory("shard-options")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run(
      [
        "score", "--history", "valid-small.csv", "--model", model, "--shard", "1/2", "--out",
        folder + "/out",
      ] + option)
    #expect(run.status != 0 && !run.signaled)
    #expect(run.stderr.contains("need the whole run"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test func missingDuplicatedAndMismatchedShardsAreNamed() throws {
    let folder = try CLI.temporaryDirectory("shard-merge")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let a = try shard("1/3", folder, "a")
    let b = try shard("2/3", folder, "b")
    let c = try shard("3/3", folder, "c")
    try expectMergeFails([a, c], folder, "shard 2/3 is missing")
    try expectMergeFails([a, b, c, b], folder, "are both shard 2/3")
    let other = try shard("2/2", folder, "other")
    try expectMergeFails([a, other], folder, "\(a) is shard 1/3 but \(other) is 2/2")
    let earlier = try shard("3/3", folder, "earlier", ["--as-of", "2025-10-31"])
    try expectMergeFails([a, b, earlier], folder, "\(a) is scored at")
    let policy = folder + "/policy.json"
    try #"{"holdDaysPastDue": 20}"#.write(toFile: policy, atomically: true, encoding: .utf8)
    let strict = try shard("3/3", folder, "strict", ["--policy", policy])
    try expectMergeFails([a, b, strict], folder, "were scored with different settings")
    let plain = folder + "/plain"
    let model = try #require(CLI.baseModel)
    let score = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", plain,
    ])
    try #require(score.status == 0)
    try expectMergeFails([a, b, plain], folder, "\(plain) is not a shard folder")
    // A shard file cut short after scoring.
    let invoices = c + "/invoices.csv"
    let text = try String(contentsOfFile: invoices, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    try #require(lines.count > 2)
    try (lines.dropLast(2).joined(separator: "\n") + "\n").write(
      toFile: invoices, atomically: true, encoding: .utf8)
    try expectMergeFails([a, b, c], folder, "\(invoices) has")
  }
}
