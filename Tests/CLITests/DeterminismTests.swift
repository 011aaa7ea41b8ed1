import Foundation
import TestSupport
import Testing

@Suite("Determinism")
struct DeterminismTests {
  /// Trains and scores on the bundled datasets/ into a new folder; returns the folder.
  private func trainAndScore() throws -> String {
    let folder = try CLI.temporaryDirectory("determinism")
    let root = repositoryRoot()
    let history = root + "/datasets/history.csv", customers = root + "/datasets/customers.csv"
    let fx = root + "/datasets/fx-rates.csv"
    let train = try CLI.run(
      [
        "train", "--history", history, "--customers", customers, "--fx", fx, "--model",
        folder + "/model.json",
      ],
      in: root)
    try #require(train.status == 0 && !train.signaled, "train failed: \(train.stderr)")
    let score = try CLI.run(
      [
        "score", "--history", history, "--customers", customers, "--fx", fx, "--model",
        folder + "/model.json",
        "--out", folder + "/out",
      ], in: root)
    try #require(score.status == 0 && !score.signaled, "score failed: \(score.stderr)")
    return folder
  }

  @Test func twoRunsGiveIdenticalBytes() throws {
    let first = try trainAndScore()
    let second = try trainAndScore()
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    let names = CLI.files(in: first)
    #expect(
      names == [
        "model.json", "out/aging.csv", "out/cash_forecast.csv", "out/credit_limits.csv",
        "out/customers.csv", "out/discount_offers.csv", "out/invoices.csv",
        "out/payment_plans.csv", "out/worklist.csv",
      ])
    #expect(CLI.files(in: second) == names)
    for name in names {
      let a = FileManager.default.contents(atPath: first + "/" + name)
      let b = FileManager.default.contents(atPath: second + "/" + name)
      #expect(a != nil && a == b, "\(name) differs between two runs")
    }
    #expect(CLI.outputProblems(in: first).isEmpty)
  }
}
