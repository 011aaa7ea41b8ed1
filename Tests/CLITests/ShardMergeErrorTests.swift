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

  /// A shard's folder is refused as `--previous` until a whole run replaces its files.
  ///
  /// It holds only its customers: every other customer would read as new. A whole run or a
  /// merge written into a shard's folder removes its shard.json, so the folder is then a
  /// whole run's.
  @Test func aShardFolderIsNotAPreviousRunUntilAWholeRunReplacesIt() throws {
    let model = try #require(CLI.baseModel)
    let folder = try CLI.temporaryDirectory("shard-previous")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let score = ["score", "--history", "valid-small.csv", "--model", model]
    let a = try shard("1/2", folder, "a")
    let next = folder + "/next"
    let refused = try CLI.run(score + ["--previous", a, "--out", next])
    #expect(refused.status == 1 && !refused.signaled)
    #expect(
      refused.stderrLines.count == 1
        && refused.stderr.contains("\(a): is a shard's folder (it has shard.json)"),
      "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: next))
    let whole = try CLI.run(score + ["--out", a])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(whole.stderr.contains("removed \(a)/shard.json"), "\(whole.stderr)")
    #expect(!FileManager.default.fileExists(atPath: a + "/shard.json"))
    let compared = try CLI.run(score + ["--previous", a, "--out", next])
    #expect(compared.status == 0, "\(compared.stderr)")
    #expect(FileManager.default.fileExists(atPath: next + "/changes.csv"))
    let one = try shard("1/1", folder, "one")
    let stale = try shard("2/2", folder, "stale")
    let merge = try CLI.run(["merge", "--out", stale, one])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(!FileManager.default.fileExists(atPath: stale + "/shard.json"))
  }

  @Test func missingDuplicatedAndMismatchedShardsAreNamed() throws {
    let folder = try CLI.temporaryDirectory("shard-merge")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let a = try shard("1/3", folder, "a")
    let b = try shard("2/3", folder, "b")
    let c = try shard("3/3", folder, "c")
    try expectMergeFails([a, c], folder, "shard 2/3 is missing")
    try expectMergeFails(
      [a + "/shard.json", b, c], folder,
      "\(a)/shard.json: is a file, not a folder; merge expects the folders score --shard wrote")
    try expectMergeFails([a, b, c, b], folder, "are both shard 2/3")
    let other = try shard("2/2", folder, "other")
    try expectMergeFails([a, other], folder, "\(a) is shard 1/3 but \(other) is 2/2")
    let earlier = try shard("3/3", folder, "earlier", ["--as-of", "2025-10-31"])
    try expectMergeFails([a, b, earlier], folder, "\(a) is scored at")
    let policy = folder + "/policy.json"
    try #"{"holdDaysPastDue": 20}"#.write(toFile: policy, atomically: false, encoding: .utf8)
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
      toFile: invoices, atomically: false, encoding: .utf8)
    try expectMergeFails([a, b, c], folder, "\(invoices) was changed after scoring")
  }

  /// A change inside a row, by hand or by a spreadsheet that opens and saves the file again,
  /// keeps the rows' count; merge finds it by the file's content hash in shard.json.
  @Test func shardFileChangedInsideARowIsRefused() throws {
    let folder = try CLI.temporaryDirectory("shard-edited")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let a = try shard("1/3", folder, "a")
    let b = try shard("2/3", folder, "b")
    let c = try shard("3/3", folder, "c")
    // The first invoice's amount set to 1.00.
    let amount = try edited(b, "invoices.csv", as: "amount") { lines in
      var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false)
      try #require(cells.count > 2 && cells[2] != "1.00")
      cells[2] = "1.00"
      lines[1] = cells.joined(separator: ",")
    }
    try expectMergeFails(
      [a, amount, c], folder, "\(amount)/invoices.csv was changed after scoring")
    // As a spreadsheet saves it: dates as m/d/yyyy, whole numbers without their zero cents.
    let resaved = try edited(b, "aging.csv", as: "resaved") { lines in
      lines = lines.map { line in
        line.replacing(/(\d{4})-(\d\d)-(\d\d)/) { m in "\(Int(m.2) ?? 0)/\(Int(m.3) ?? 0)/\(m.1)" }
          .replacing(/\.00(,|$)/) { m in m.1 }
      }
    }
    try expectMergeFails(
      [resaved, a, c], folder, "\(resaved)/aging.csv was changed after scoring")
    // Unedited, they still merge.
    let merge = try CLI.run(["merge", "--out", folder + "/merged"] + [a, b, c])
    #expect(merge.status == 0 && merge.stderr.isEmpty, "\(merge.stderr)")
  }

  /// A shard.json from before the content hashes (an older build) still merges, with one
  /// warning that the files could not be checked, to the same bytes.
  @Test func shardWithoutContentHashesMergesWithAWarning() throws {
    let folder = try CLI.temporaryDirectory("shard-older")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try (1...3).map { try shard("\($0)/3", folder, "s\($0)") }
    let checked = try CLI.run(["merge", "--out", folder + "/checked"] + shards)
    try #require(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stderr.isEmpty, "\(checked.stderr)")
    var older: [String] = []
    for path in shards {
      let copy = path + "-older"
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      let json = copy + "/shard.json"
      let data = try #require(FileManager.default.contents(atPath: json))
      var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      try #require(object.removeValue(forKey: "fileHashes") != nil, "no fileHashes in \(json)")
      try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: json))
      older.append(copy)
    }
    let merge = try CLI.run(["merge", "--out", folder + "/unchecked"] + older)
    try #require(merge.status == 0, "\(merge.stderr)")
    #expect(merge.stderrLines.count == 1, "\(merge.stderr)")
    #expect(
      merge.stderr.hasPrefix("warning: \(older.joined(separator: ", ")): ")
        && merge.stderr.contains("no content hashes"), "\(merge.stderr)")
    #expect(CLI.files(in: folder + "/unchecked") == CLI.files(in: folder + "/checked"))
    for name in CLI.files(in: folder + "/checked") {
      let expected = FileManager.default.contents(atPath: folder + "/checked/" + name)
      let got = FileManager.default.contents(atPath: folder + "/unchecked/" + name)
      #expect(expected != nil && got == expected, "\(name) differs")
    }
    // Its rows are still counted: a file cut short is refused.
    let cut = try edited(older[1], "invoices.csv", as: "cut") { lines in lines.removeLast() }
    try expectMergeFails([older[0], cut, older[2]], folder, "\(cut)/invoices.csv has")
  }

  /// A copy of the shard folder `shard` named `<shard>-<label>`, its `name`'s lines (without
  /// the last newline) changed by `edit`.
  private func edited(
    _ shard: String, _ name: String, as label: String,
    _ edit: (inout [String]) throws -> Void
  ) throws -> String {
    let copy = shard + "-" + label
    try FileManager.default.copyItem(atPath: shard, toPath: copy)
    let file = copy + "/" + name
    var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(
      String.init)
    try #require(lines.count > 1, "\(file) has no rows")
    let before = lines
    try edit(&lines)
    try #require(lines != before)
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: file, atomically: false, encoding: .utf8)
    return copy
  }
}
