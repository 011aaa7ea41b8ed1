import Foundation
import TestSupport
import Testing

/// Halved or damped Newton steps stay in the model file's diagnostics, not among the warnings
/// of a run or of the report: the sample's Weibull fit halves a step once and converges, and
/// its "warning: Weibull model: Newton steps were halved 1 times" topped every demo and
/// report; IBM's Weibull fit damps steps on its way.
@Suite("Training warnings")
struct TrainingWarningsTests {
  @Test func halvedStepsAreNoWarning() throws {
    let dir = try CLI.temporaryDirectory("warnings")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let root = repositoryRoot()
    let input = [
      "--history", root + "/datasets/history.csv", "--fx", root + "/datasets/fx-rates.csv",
    ]
    let train = try CLI.run(["train"] + input + ["--model", dir + "/model.json"], in: root)
    try #require(train.status == 0, "train failed: \(train.stderr)")
    #expect(!train.stderr.contains("halved"), "\(train.stderr)")
    let model = try String(contentsOfFile: dir + "/model.json", encoding: .utf8)
    #expect(model.contains("Newton steps were halved once"))

    let report = try CLI.run(
      ["report"] + input + ["--model", dir + "/model.json", "--out", dir + "/report.html"],
      in: root)
    try #require(report.status == 0, "report failed: \(report.stderr)")
    #expect(!report.stderr.contains("halved"), "\(report.stderr)")
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(!html.contains("<li>Weibull model: Newton steps were halved"))

    let ibm = try CLI.run(
      [
        "train", "--history", root + "/datasets/ibm-accounts-receivable.csv", "--model",
        dir + "/ibm.json",
      ], in: root)
    try #require(ibm.status == 0, "train failed: \(ibm.stderr)")
    #expect(!ibm.stderr.contains("damped"), "\(ibm.stderr)")
    #expect(ibm.stderr.contains("warning: only 8 late outcomes"), "\(ibm.stderr)")
    let ibmModel = try String(contentsOfFile: dir + "/ibm.json", encoding: .utf8)
    #expect(ibmModel.contains("those steps were damped"))
  }
}
