import Foundation
import TestSupport
import Testing

/// Model files with extreme numbers: within the limits scoring accepts, every output number
/// is finite (no NaN, infinity or blank cell, no "nan" on the summary); beyond them, the file
/// is refused with its name and the key.
@Suite("Extreme model files", .serialized)
struct ExtremeModelTests {
  /// A change to the base model: a dotted key path and the value every number there gets.
  struct Edit: CustomTestStringConvertible, Sendable {
    var path: String
    var value: Double
    var testDescription: String { "\(path) = \(value)" }
  }

  /// The base model's JSON with `edits` applied, written to `folder/model.json`.
  private func editedModel(_ edits: [Edit], in folder: String) throws -> String {
    let base = try #require(CLI.baseModel)
    let data = try Data(contentsOf: URL(fileURLWithPath: base))
    var model = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for edit in edits {
      model = set(model, Array(edit.path.split(separator: ".").map(String.init)), edit.value)
    }
    let path = folder + "/model.json"
    try JSONSerialization.data(withJSONObject: model).write(to: URL(fileURLWithPath: path))
    return path
  }

  private func set(_ object: [String: Any], _ path: [String], _ value: Double) -> [String: Any] {
    var object = object
    guard let key = path.first else { return object }
    if path.count == 1 {
      if let list = object[key] as? [Any] {
        object[key] = Array(repeating: value, count: list.count)
      } else {
        object[key] = value
      }
    } else if let child = object[key] as? [String: Any] {
      object[key] = set(child, Array(path.dropFirst()), value)
    }
    return object
  }

  static let withinLimits: [[Edit]] = [
    [Edit(path: "timeToPaymentCox.coefficients", value: 100)],
    [Edit(path: "timeToPaymentCox.coefficients", value: -100)],
    [Edit(path: "timeToPaymentWeibull.coefficients", value: -100)],
    [Edit(path: "timeToPaymentWeibull.logRho", value: 10)],
    [
      Edit(path: "timeToPaymentWeibull.logRho", value: 10),
      Edit(path: "timeToPaymentWeibull.coefficients", value: -100),
    ],
    [Edit(path: "delinquency.coefficients", value: 100)],
    [
      Edit(path: "features.standardDeviations", value: 1e-9),
      Edit(path: "features.means", value: -1e9),
      Edit(path: "timeToPaymentCox.coefficients", value: 100),
      Edit(path: "timeToPaymentWeibull.coefficients", value: -100),
      Edit(path: "delinquency.coefficients", value: -100),
    ],
    [
      Edit(path: "features.standardDeviations", value: 1e9),
      Edit(path: "timeToPaymentCox.coefficients", value: -100),
      Edit(path: "timeToPaymentWeibull.coefficients", value: 100),
      Edit(path: "timeToPaymentWeibull.logRho", value: 10),
    ],
    [
      Edit(path: "timeToPaymentCox.baseline.cumulativeHazard", value: 1e6),
      Edit(path: "timeToPaymentCox.coefficients", value: 100),
    ],
    [Edit(path: "shrinkage", value: 1e6)],
    [Edit(path: "timeToPaymentCure.latencyCoefficients", value: -100)],
    [Edit(path: "timeToPaymentCure.logRho", value: 10)],
    [Edit(path: "timeToPaymentCure.incidenceCoefficients", value: -1000)],
    [
      Edit(path: "timeToPaymentCure.latencyBaseline.tailShape", value: 22_026),
      Edit(path: "timeToPaymentCure.latencyCoefficients", value: 100),
    ],
    [
      Edit(path: "timeToPaymentCure.latencyBaseline.tailShape", value: 4.6e-5),
      Edit(path: "timeToPaymentCure.latencyCoefficients", value: -100),
    ],
  ]

  @Test(arguments: withinLimits)
  func outputsStayFinite(edits: [Edit]) throws {
    let folder = try CLI.temporaryDirectory("extreme")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try editedModel(edits, in: folder)
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", folder + "/out",
    ])
    #expect(run.status == 0 && !run.signaled, "\(run.stderr)")
    #expect(
      !run.stdout.lowercased().contains("nan") && !run.stdout.contains("inf"), "\(run.stdout)")
    #expect(CLI.files(in: folder + "/out").count == 8)
    let problems = CLI.outputProblems(in: folder + "/out")
    #expect(problems.isEmpty, "\(problems.prefix(5))")
  }

  static let beyondLimits: [(Edit, String)] = [
    (Edit(path: "delinquency.coefficients", value: 1e200), "delinquency.coefficients[0] is 1e+200"),
    (
      Edit(path: "timeToPaymentCox.coefficients", value: 700),
      "timeToPaymentCox.coefficients[0] is 700.0"
    ),
    (
      Edit(path: "timeToPaymentWeibull.logRho", value: -700),
      "timeToPaymentWeibull.logRho is -700.0"
    ),
    (Edit(path: "features.means", value: 1e300), "features.means[0] is 1e+300"),
    (
      Edit(path: "features.standardDeviations", value: 1e-300),
      "features.standardDeviations[0] is 1e-300"
    ),
    (
      Edit(path: "timeToPaymentCox.baseline.times", value: 1e300),
      "timeToPaymentCox.baseline.times[0] is 1e+300"
    ),
    (Edit(path: "shrinkage", value: 1e300), "shrinkage is 1e+300"),
    (
      Edit(path: "timeToPaymentCure.incidenceCoefficients", value: 1e200),
      "timeToPaymentCure.incidenceCoefficients[0] is 1e+200"
    ),
    (Edit(path: "timeToPaymentCure.logRho", value: 700), "timeToPaymentCure.logRho is 700.0"),
  ]

  /// A latency baseline whose knots do not increase (every knot the same) is refused on
  /// load, naming the key.
  @Test(arguments: ["logTimes", "logHazards"])
  func flatBaselineKnotsAreRefused(key: String) throws {
    let folder = try CLI.temporaryDirectory("knots")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try editedModel(
      [Edit(path: "timeToPaymentCure.latencyBaseline.\(key)", value: 1)], in: folder)
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", folder + "/out",
    ])
    #expect(run.status == 1 && !run.signaled, "\(run.stderr)")
    #expect(
      run.stderrLines.last?.contains("timeToPaymentCure.latencyBaseline.\(key)") == true
        && run.stderrLines.last?.contains("expected strictly increasing values") == true,
      "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test(arguments: beyondLimits)
  func absurdNumbersAreRefused(edit: Edit, key: String) throws {
    let folder = try CLI.temporaryDirectory("absurd")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try editedModel([edit], in: folder)
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", folder + "/out",
    ])
    #expect(run.status == 1 && !run.signaled, "\(run.stderr)")
    #expect(
      run.stderrLines.last?.hasPrefix("Error: \(model): \(key); expected within ") == true,
      "\(run.stderr)")
    #expect(run.stderrLines.last?.contains("beyond what scoring can use") == true)
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }
}
