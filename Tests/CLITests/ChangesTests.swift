import Foundation
import TestSupport
import Testing

@Suite("score --previous")
struct ChangesTests {
  /// The rows of a CSV file by its header's names.
  private func rows(_ path: String) throws -> [[String: String]] { try CLI.rowsByName(path) }

  @Test func twoRunsAtDifferentDatesGiveTheirChanges() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let folder = try CLI.temporaryDirectory("changes")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let base = ["score", "--history", "valid-small.csv", "--model", model]
    let first = try CLI.run(base + ["--as-of", "2025-06-30", "--out", folder + "/first"])
    try #require(first.status == 0, "first run: \(first.stderr)")
    let second = try CLI.run(base + ["--out", folder + "/second", "--previous", folder + "/first"])
    try #require(second.status == 0, "second run: \(second.stderr)")
    #expect(second.stdout.contains("changes since the run as of 2025-06-30"))
    let changes = try rows(folder + "/second/changes.csv")
    #expect(!changes.isEmpty)
    #expect(changes.allSatisfy { $0["previous_as_of"] == "2025-06-30" })
    // New holds, worked out from the two runs' credit_limits.csv.
    let before = try rows(folder + "/first/credit_limits.csv")
    let after = try rows(folder + "/second/credit_limits.csv")
    let heldBefore = Set(before.filter { $0["hold"] == "true" }.compactMap { $0["customer_id"] })
    let newHolds = Set(
      after.filter { $0["hold"] == "true" }.compactMap { $0["customer_id"] }
        .filter { !heldBefore.contains($0) })
    let flagged = Set(changes.filter { $0["new_hold"] == "true" }.compactMap { $0["customer_id"] })
    #expect(flagged == newHolds)
    // Grade changes, likewise from customers.csv.
    let gradeBefore = Dictionary(
      try rows(folder + "/first/customers.csv").map { ($0["customer_id"] ?? "", $0["risk_grade"]) },
      uniquingKeysWith: { a, _ in a })
    for row in try rows(folder + "/second/customers.csv") {
      let id = row["customer_id"] ?? ""
      guard let was = gradeBefore[id] ?? nil, was != row["risk_grade"] else { continue }
      let change = changes.first { $0["customer_id"] == id }
      #expect(change?["previous_grade"] == was && change?["grade"] == row["risk_grade"])
    }
  }

  /// A customer in only one of the two runs has that run's cells filled and the other's
  /// empty, its amount at risk as well as its grade, score, limit and hold.
  @Test func aNewCustomerAndOneNoLongerListedHaveTheOtherRunsCellsEmpty() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("changes-listed")
    let lines = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
      .split(separator: "\n")
    // valid-small.csv without customer `id`'s invoices, written to the scratch folder.
    func without(_ id: String) throws -> String {
      let kept = lines.filter { !$0.contains(",\(id),") }
      return try scratch.file("without-\(id).csv", kept.joined(separator: "\n") + "\n")
    }
    let first = try CLI.run([
      "score", "--history", try without("C000002"), "--model", model, "--out",
      scratch.path + "/first",
    ])
    try #require(first.status == 0, "first run: \(first.stderr)")
    let second = try CLI.run([
      "score", "--history", try without("C000008"), "--model", model, "--out",
      scratch.path + "/second", "--previous", scratch.path + "/first",
    ])
    try #require(second.status == 0, "second run: \(second.stderr)")
    let changes = try rows(scratch.path + "/second/changes.csv")
    let new = try #require(changes.first { $0["customer_id"] == "C000002" })
    #expect(new["change"]?.hasPrefix("new customer") == true)
    for column in ["previous_grade", "previous_risk_score", "previous_limit", "previous_hold"] {
      #expect(new[column] == "", "\(column)")
    }
    #expect(new["previous_amount_at_risk"] == "")
    #expect(new["amount_at_risk"] != "" && new["amount_at_risk"] != nil)
    #expect(new["amount_at_risk_change"] == new["amount_at_risk"])
    let gone = try #require(changes.first { $0["customer_id"] == "C000008" })
    #expect(gone["change"]?.hasPrefix("no longer listed") == true)
    for column in ["grade", "risk_score", "recommended_limit", "hold"] {
      #expect(gone[column] == "", "\(column)")
    }
    #expect(gone["amount_at_risk"] == "")
    #expect(gone["previous_amount_at_risk"] != "" && gone["previous_amount_at_risk"] != nil)
    // The report's table says the same: no amount for the run a customer was not in.
    let report = try CLI.run([
      "report", "--history", try without("C000008"), "--model", model, "--previous",
      scratch.path + "/first", "--out", scratch.path + "/report.html",
    ])
    try #require(report.status == 0, "report: \(report.stderr)")
    let html = try String(contentsOfFile: scratch.path + "/report.html", encoding: .utf8)
    func cells(_ id: String) -> [String] {
      guard let start = html.range(of: "<td>\(id)</td>"),
        let end = html[start.upperBound...].range(of: "</tr>")
      else { return [] }
      return html[start.upperBound..<end.lowerBound].components(separatedBy: "</td>").dropLast()
        .map { String($0.drop { $0 != ">" }.dropFirst()) }
    }
    let newCells = cells("C000002")
    #expect(newCells.count == 4 && newCells[1] == "–" && newCells[2] != "–", "\(newCells)")
    let goneCells = cells("C000008")
    #expect(goneCells.count == 4 && goneCells[1] != "–" && goneCells[2] == "–", "\(goneCells)")
  }

  @Test func aFolderThatIsNotAScoreRunIsNamed() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let folder = try CLI.temporaryDirectory("changes-bad")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", folder + "/out",
      "--previous", folder,
    ])
    #expect(run.status == 1)
    #expect(run.stderrLines.last?.contains("\(folder)/customers.csv") == true)
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }
}
