import Foundation
import TestSupport
import Testing

/// `creditrisk fit` must give the library's numbers, checked against the same statsmodels and
/// lifelines reference values the model tests use (scripts/golden/generate.py).
@Suite("fit command against reference values")
struct FitCommandTests {
  struct Case: Sendable, CustomStringConvertible {
    var golden: String
    var arguments: [String]
    var description: String { "\(golden) (\(arguments.dropFirst(3).joined(separator: " ")))" }
  }

  static let cases: [Case] = [
    Case(
      golden: "logistic_spector_statsmodels",
      arguments: ["logistic", "--data", "data/spector.csv", "--target", "GRADE"]),
    Case(
      golden: "cox_rossi_efron_lifelines",
      arguments: ["cox", "--data", "data/rossi.csv", "--duration", "week", "--event", "arrest"]),
    Case(
      golden: "cox_rossi_breslow_statsmodels",
      arguments: [
        "cox", "--data", "data/rossi.csv", "--duration", "week", "--event", "arrest", "--ties",
        "breslow",
      ]),
    Case(
      golden: "weibull_rossi_lifelines",
      arguments: ["weibull", "--data", "data/rossi.csv", "--duration", "week", "--event", "arrest"]),
    // Columns are found ignoring case, and so are left out of the default covariates: the
    // target and duration in another case once became covariates of their own model.
    Case(
      golden: "logistic_spector_statsmodels",
      arguments: ["logistic", "--data", "data/spector.csv", "--target", "grade"]),
    Case(
      golden: "cox_rossi_efron_lifelines",
      arguments: ["cox", "--data", "data/rossi.csv", "--duration", "WEEK", "--event", "Arrest"]),
    Case(
      golden: "weibull_lung_lifelines",
      arguments: [
        "weibull", "--data", "data/lung.csv", "--duration", "time", "--event", "status",
        "--covariates", "age", "sex", "ph_ecog", "ph_karno", "wt_loss",
      ]),
  ]

  @Test(arguments: cases)
  func matchesReference(_ c: Case) throws {
    let fixtures = fixturesDirectory()
    let json = FileManager.default.temporaryDirectory.appendingPathComponent("fit-\(c.golden).json")
      .path
    defer { try? FileManager.default.removeItem(atPath: json) }
    let run = try CLI.run(["fit"] + c.arguments + ["--json", json], in: fixtures)
    #expect(run.status == 0, "\(run.stderr)")
    let ours =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    let golden =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: fixtures + "/golden/\(c.golden).json")))
      as! [String: Any]
    let coefficients = ours["coefficients"] as! [String: Double]
    let errors = ours["standard_errors"] as! [String: Double]
    let goldenCoefficients = golden["coefficients"] as! [String: Double]
    let goldenErrors = golden["standard_errors"] as! [String: Double]
    #expect(Set(coefficients.keys) == Set(goldenCoefficients.keys))
    for (name, value) in goldenCoefficients {
      #expect(isClose(coefficients[name] ?? .nan, value, rtol: 1e-6), "\(name)")
      #expect(isClose(errors[name] ?? .nan, goldenErrors[name] ?? .nan, rtol: 1e-5), "se \(name)")
    }
    if let logRho = golden["log_rho"] as? Double {
      #expect(isClose(ours["log_rho"] as! Double, logRho, rtol: 1e-6))
      #expect(isClose(errors["log_rho"] ?? .nan, goldenErrors["log_rho"] ?? .nan, rtol: 1e-5))
    }
    #expect(
      isClose(ours["log_likelihood"] as! Double, golden["log_likelihood"] as! Double, rtol: 1e-8))
    #expect(ours["converged"] as? Bool == true)
  }

  @Test func missingColumnIsNamed() throws {
    let run = try CLI.run(
      ["fit", "logistic", "--data", "data/spector.csv", "--target", "PASSED"],
      in: fixturesDirectory())
    #expect(run.status != 0)
    #expect(run.stderr.contains("no column 'PASSED'"))
  }

  /// The folder of this test's files (removed when the test's suite instance goes).
  private let scratch: ScratchFolder

  init() throws { scratch = try ScratchFolder("fit") }

  /// Writes `text` to the file `name` in the test's folder and returns its path.
  private func scratchFile(_ name: String, _ text: String) throws -> String {
    try scratch.file(name, text)
  }

  /// A fit that cannot be made says which file it was made on; a Cox-only option given to
  /// another model is refused rather than ignored.
  @Test func aFitErrorNamesItsFileAndTiesAreCoxOnly() throws {
    let path = try scratchFile("one.csv", "y,x\n1,2\n")
    let run = try CLI.run(["fit", "logistic", "--data", path, "--target", "y"])
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last == "Error: \(path): too few rows: 1 row with positive weight to "
        + "fit 2 coefficients; at least 2 are needed", "\(run.stderr)")
    let ties = try CLI.run([
      "fit", "logistic", "--data", path, "--target", "y", "--ties", "breslow",
    ])
    #expect(ties.status == 64)
    #expect(ties.stderr.contains("--ties applies to cox only"), "\(ties.stderr)")
  }

  @Test(arguments: ["2", "0.5", "-1", "yes"])
  func anEventThatIsNotAFlagIsNamedWithItsPlace(_ value: String) throws {
    let csv = "t,e,x\n1,1,0.5\n2,0,1.5\n3,\(value),2.5\n4,1,0.1\n5,0,3\n"
    let path = try scratchFile("events.csv", csv)
    for kind in ["cox", "weibull"] {
      let run = try CLI.run(["fit", kind, "--data", path, "--duration", "t", "--event", "e"])
      #expect(run.status == 1)
      #expect(
        run.stderr.contains("events.csv:4:2 (e): '\(value)' is not an event flag; expected 0 or 1"),
        "\(run.stderr)")
    }
  }

  @Test(arguments: [("weibull", "0"), ("weibull", "-1"), ("cure", "0"), ("cox", "-1")])
  func aDurationThatIsNotOneIsNamedWithItsPlace(_ kind: String, _ value: String) throws {
    let csv = "t,e,x\n1,1,0.5\n2,0,1.5\n\(value),1,2.5\n4,1,0.1\n5,0,3\n"
    let path = try scratchFile("durations.csv", csv)
    let run = try CLI.run(["fit", kind, "--data", path, "--duration", "t", "--event", "e"])
    #expect(run.status == 1)
    let expected = kind == "cox" ? "0 or above" : "above 0"
    #expect(
      run.stderr.contains(
        "durations.csv:4:1 (t): '\(value)' is not a duration; expected a number \(expected)"),
      "\(run.stderr)")
  }

  @Test func booleanFlagsFitLikeZeroAndOne() throws {
    let rossi = try String(
      contentsOfFile: fixturesDirectory() + "/data/rossi.csv", encoding: .utf8)
    var lines = rossi.split(separator: "\n").map(String.init)
    for k in 1..<lines.count {
      var fields = lines[k].split(separator: ",").map(String.init)
      fields[1] = fields[1] == "1" ? "true" : "FALSE"
      lines[k] = fields.joined(separator: ",")
    }
    let path = try scratchFile("rossi-bool.csv", lines.joined(separator: "\n") + "\n")
    let json = path + ".json"
    let run = try CLI.run([
      "fit", "cox", "--data", path, "--duration", "week", "--event", "arrest", "--json", json,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    try expectCoefficients(in: json, as: "cox_rossi_efron_lifelines.json")
  }

  /// The coefficients in the JSON the fit wrote at `path` equal a golden file's to 1e-6.
  private func expectCoefficients(in path: String, as golden: String) throws {
    let ours =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
      as? [String: Any]
    let reference =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: fixturesDirectory() + "/golden/" + golden)))
      as? [String: Any]
    let coefficients = try #require(ours?["coefficients"] as? [String: Double])
    let expected = try #require(reference?["coefficients"] as? [String: Double])
    for (name, value) in expected {
      #expect(isClose(coefficients[name] ?? .nan, value, rtol: 1e-6), "\(name)")
    }
  }

  @Test func coxWithoutCovariatesSaysSo() throws {
    let path = try scratchFile("no-covariates.csv", "t,e\n1,1\n2,0\n3,1\n")
    let run = try CLI.run(["fit", "cox", "--data", path, "--duration", "t", "--event", "e"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("no covariates"), "\(run.stderr)")
  }

  @Test func zeroWeightRowsAreNoOps() throws {
    let json = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fit-zero-weights-\(UUID().uuidString).json"
    ).path
    defer { try? FileManager.default.removeItem(atPath: json) }
    let run = try CLI.run(
      [
        "fit", "cox", "--data", "data/rossi_weighted.csv", "--duration", "week", "--event",
        "arrest", "--weights", "w", "--json", json,
      ], in: fixturesDirectory())
    #expect(run.status == 0, "\(run.stderr)")
    try expectCoefficients(in: json, as: "cox_rossi_zero_weights_lifelines.json")
  }

  @Test func cureMatchesTheReferenceAndSavesThePredictingFit() throws {
    let json = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fit-cure-\(UUID().uuidString).json"
    ).path
    defer { try? FileManager.default.removeItem(atPath: json) }
    let run = try CLI.run(
      [
        "fit", "cure", "--data", "data/cure_history.csv", "--duration", "duration", "--event",
        "paid", "--written-off", "written_off", "--json", json,
      ], in: fixturesDirectory())
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("incidence: disputed"))
    let ours =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as? [String: Any]
    let golden =
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: URL(
            fileURLWithPath: fixturesDirectory() + "/golden/cure_history_flagged_scipy.json")))
      as? [String: Any]
    let coefficients = try #require(ours?["coefficients"] as? [String: Double])
    for part in ["incidence", "latency"] {
      let expected = try #require(golden?["\(part)_coefficients"] as? [String: Double])
      for (name, value) in expected {
        #expect(isClose(coefficients["\(part): \(name)"] ?? .nan, value, rtol: 1e-6), "\(name)")
      }
    }
    #expect(ours?["written_off"] as? Int == 73)
    #expect(ours?["fit"] is [String: Any])
  }

  @Test func aWriteOffFlagThatIsNotAFlagIsNamedWithItsPlace() throws {
    let csv = "t,e,w,x\n1,1,0,0.5\n2,0,1,1.5\n3,0,7,2.5\n4,1,0,0.1\n5,0,0,3\n"
    let path = try scratchFile("writeoffs.csv", csv)
    let run = try CLI.run([
      "fit", "cure", "--data", path, "--duration", "t", "--event", "e", "--written-off", "w",
    ])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("writeoffs.csv:4:3 (w): '7' is not a write-off flag"), "\(run.stderr)")
  }

  /// The help's description reads as sentences wrapped to the width: before, each source
  /// line was a line of its own (a word such as 'is' or 'the' alone on a line).
  @Test func theHelpDescriptionIsWrappedAsSentences() throws {
    let run = try CLI.run(["fit", "--help"])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let description = lines.drop { !$0.hasPrefix("An intercept") }.prefix { !$0.isEmpty }
    #expect(description.count == 5, "\(run.stdout)")
    #expect(description.allSatisfy { $0.count > 40 }, "\(run.stdout)")
  }
}
