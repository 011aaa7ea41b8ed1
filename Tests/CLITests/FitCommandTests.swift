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
    var description: String { golden }
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
}
