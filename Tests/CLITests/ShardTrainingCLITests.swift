import Foundation
import TestSupport
import Testing

/// `train --shard` and `solve`: the bundled sample trained from two shards' statistics, file
/// by file as a cluster would run it, gives a model whose score files are those of `train`.
@Suite("Training from shard statistics, command line")
struct ShardTrainingCLITests {
  let root = repositoryRoot()
  var input: [String] {
    [
      "--history", root + "/datasets/history.csv", "--customers", root + "/datasets/customers.csv",
      "--fx", root + "/datasets/fx-rates.csv",
    ]
  }

  func ok(_ arguments: [String], in folder: String) throws -> String {
    let r = try CLI.run(arguments, in: folder)
    try #require(r.status == 0 && !r.signaled, "\(arguments.prefix(2)): \(r.stderr)")
    return r.stdout
  }

  @Test func twoShardsGiveTheSameScoreFiles() throws {
    let folder = try CLI.temporaryDirectory("shard-training")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try ok(["solve", "--as-of", "2025-12-31", "--state-out", "state-0.json"], in: folder)
    var round = 0
    var said = ""
    while !said.contains("done") {
      #expect(round < 40)
      let stats = try (1...2).map { i -> String in
        let out = "stats-\(round)-\(i).json"
        _ = try ok(
          ["train"] + input + [
            "--shard", "\(i)/2", "--state", "state-\(round).json", "--stats-out", out,
          ], in: folder)
        return out
      }
      said = try ok(
        ["solve", "--state", "state-\(round).json"] + stats + [
          "--state-out", "state-\(round + 1).json", "--model", "sharded.json",
        ], in: folder)
      round += 1
    }
    #expect(said.contains("model written to sharded.json"))
    _ = try ok(
      ["train"] + input + ["--as-of", "2025-12-31", "--model", "single.json"], in: folder)
    for model in ["single", "sharded"] {
      _ = try ok(
        ["score"] + input + ["--as-of", "2025-12-31", "--model", "\(model).json", "--out", model],
        in: folder)
    }
    let names = CLI.files(in: folder + "/single")
    #expect(names.count == 8)
    for name in names {
      let a = FileManager.default.contents(atPath: folder + "/single/" + name)
      let b = FileManager.default.contents(atPath: folder + "/sharded/" + name)
      #expect(a != nil && a == b, "\(name) differs")
    }
  }

  /// A shard says how much of its part belonged to other shards: a part cut by another rule
  /// than the customer hash loses those rows, which its line then shows.
  @Test func aShardSaysWhatItLeftOutOfOtherShards() throws {
    let folder = try CLI.temporaryDirectory("shard-training-left-out")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try ok(["solve", "--as-of", "2025-12-31", "--state-out", "s0.json"], in: folder)
    let r = try CLI.run(
      ["train"] + input + ["--shard", "1/3", "--state", "s0.json", "--stats-out", "a.json"],
      in: folder)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "shard 1/3: 2,695 invoices of 98 customers (5,305 invoices of 202 customers of other shards left out), population round -> a.json"
      ), "\(r.stderr)")
  }

  @Test func statisticsOfAnotherRoundAreRefused() throws {
    let folder = try CLI.temporaryDirectory("shard-training-errors")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try ok(["solve", "--as-of", "2025-12-31", "--state-out", "s0.json"], in: folder)
    _ = try ok(
      ["train"] + input + ["--shard", "1/1", "--state", "s0.json", "--stats-out", "a.json"],
      in: folder)
    _ = try ok(["solve", "--state", "s0.json", "a.json", "--state-out", "s1.json"], in: folder)
    let stale = try CLI.run(
      ["solve", "--state", "s1.json", "a.json", "--state-out", "s2.json"], in: folder)
    #expect(stale.status != 0)
    #expect(
      stale.stderr.contains(
        "shard 1/1: statistics of the 'population' round; expected the 'moments' round"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/s2.json"))
    // An empty statistics file (a shard whose run failed behind a shell redirect) is named.
    FileManager.default.createFile(atPath: folder + "/empty.json", contents: Data())
    let empty = try CLI.run(
      ["solve", "--state", "s0.json", "a.json", "empty.json", "--state-out", "s1b.json"],
      in: folder)
    #expect(empty.status == 1)
    #expect(
      empty.stderr.contains(
        "empty.json: holds no statistics (an empty file: did its train --shard fail?)"),
      "\(empty.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/s1b.json"))
    // Statistics printed by an earlier version, without the round they are for, say so.
    var fields = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder + "/a.json"))) as? [String: Any])
    fields["round"] = nil
    try JSONSerialization.data(withJSONObject: fields).write(
      to: URL(fileURLWithPath: folder + "/old.json"))
    let old = try CLI.run(
      ["solve", "--state", "s0.json", "old.json", "--state-out", "s1c.json"], in: folder)
    #expect(old.status == 1)
    #expect(
      old.stderr.contains(
        "old.json: missing field 'round'; expected the statistics that 'creditrisk train --shard i/n --state STATE' of this version prints: run that shard again"
      ), "\(old.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/s1c.json"))
    let otherSettings = try CLI.run(
      ["train"] + input + [
        "--shard", "1/1", "--state", "s0.json", "--stats-out", "b.json", "--l2", "2",
      ], in: folder)
    #expect(otherSettings.status != 0)
    #expect(otherSettings.stderr.contains("--l2 2.0 differs from the training state's 1.0"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/b.json"))
    let noState = try CLI.run(["train"] + input + ["--shard", "1/2"], in: folder)
    #expect(noState.status != 0 && noState.stderr.contains("--shard needs --state FILE"))
    let badShard = try CLI.run(
      ["train"] + input + ["--shard", "3/2", "--state", "s0.json", "--stats-out", "-"],
      in: folder)
    #expect(badShard.status != 0 && badShard.stderr.contains("must look like i/n"))
  }
}
