import Foundation
import TestSupport
import Testing

/// `score --shard i/n` and `merge`: the merged files are the bytes of one `score` run.
@Suite("Shards")
struct ShardMergeTests {
  /// The eight score files.
  static let scoreFiles = [
    "aging.csv", "cash_forecast.csv", "credit_limits.csv", "customers.csv",
    "discount_offers.csv", "invoices.csv", "payment_plans.csv", "worklist.csv",
  ]

  /// Scores `arguments` once into `folder/one`, then as `n` shards merged into
  /// `folder/merged-n` (shard folders given last first); fails on any file that differs.
  private func expectSameAsOneRun(_ arguments: [String], folder: String, shards: [Int]) throws {
    let one = try CLI.run(["score"] + arguments + ["--out", folder + "/one"])
    try #require(one.status == 0, "score failed: \(one.stderr)")
    for n in shards {
      var parts: [String] = []
      for i in 1...n {
        let out = folder + "/shard-\(n)-\(i)"
        let run = try CLI.run(["score"] + arguments + ["--shard", "\(i)/\(n)", "--out", out])
        try #require(run.status == 0, "score --shard \(i)/\(n) failed: \(run.stderr)")
        #expect(run.stdout.contains("shard \(i)/\(n): "))
        parts.insert(out, at: 0)
      }
      let merged = folder + "/merged-\(n)"
      let merge = try CLI.run(["merge", "--out", merged] + parts)
      try #require(merge.status == 0, "merge failed: \(merge.stderr)")
      #expect(CLI.files(in: merged) == Self.scoreFiles)
      for name in Self.scoreFiles {
        let expected = FileManager.default.contents(atPath: folder + "/one/" + name)
        let got = FileManager.default.contents(atPath: merged + "/" + name)
        #expect(expected != nil && got == expected, "\(name) differs with \(n) shards")
      }
    }
  }

  @Test func bundledSampleMergesToOneRunsBytes() throws {
    let folder = try CLI.temporaryDirectory("shards-sample")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let data = repositoryRoot() + "/datasets"
    let input = [
      "--history", data + "/history.csv", "--customers", data + "/customers.csv", "--fx",
      data + "/fx-rates.csv",
    ]
    let train = try CLI.run(["train"] + input + ["--model", folder + "/model.json"])
    try #require(train.status == 0, "train failed: \(train.stderr)")
    let arguments =
      input + [
        "--promises", data + "/promises.csv", "--disputes", data + "/disputes.csv", "--model",
        folder + "/model.json",
      ]
    try expectSameAsOneRun(arguments, folder: folder, shards: [1, 3, 7])
    // Each shard holds only its own customers, and every customer is in one shard.
    var ids: [String] = []
    for i in 1...3 {
      let rows = CLI.parseCSV(
        try String(contentsOfFile: folder + "/shard-3-\(i)/customers.csv", encoding: .utf8))
      ids += rows.dropFirst().map { $0[0] }
    }
    let all = CLI.parseCSV(
      try String(contentsOfFile: folder + "/one/customers.csv", encoding: .utf8))
    #expect(ids.sorted() == all.dropFirst().map { $0[0] }.sorted())
    #expect(Set(ids).count == ids.count)
  }

  /// A simulated book scored with the Cox/Weibull curves (its model without the cure part).
  @Test func simulatedBookWithoutCureModelMergesToOneRunsBytes() throws {
    let folder = try CLI.temporaryDirectory("shards-simulated")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let book = folder + "/book"
    let simulate = try CLI.run([
      "simulate", "--customers", "150", "--invoices", "6000", "--seed", "17", "--out", book,
    ])
    try #require(simulate.status == 0, "simulate failed: \(simulate.stderr)")
    let input = [
      "--history", book + "/history.csv", "--customers", book + "/customers.csv", "--fx",
      book + "/fx-rates.csv",
    ]
    let model = folder + "/model.json"
    let train = try CLI.run(["train"] + input + ["--model", model])
    try #require(train.status == 0, "train failed: \(train.stderr)")
    let data = try #require(FileManager.default.contents(atPath: model))
    var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    try #require(json["timeToPaymentCure"] != nil)
    json["timeToPaymentCure"] = nil
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: model))
    try expectSameAsOneRun(input + ["--model", model], folder: folder, shards: [1, 3, 7])
  }
}
