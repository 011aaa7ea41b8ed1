import Foundation
import TestSupport
import Testing

/// `score --previous` as a collections team runs it each morning: changes.csv says in words
/// every change it lists, its amounts at risk are the worklists' as written (so one day's
/// `amount_at_risk` is the next day's `previous_amount_at_risk`).
@Suite("score --previous, day to day")
struct DayToDayChangesTests {
  /// The rows of a CSV file by its header's names.
  private func rows(_ path: String) throws -> [[String: String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let table = CLI.parseCSV(text)
    let header = try #require(table.first)
    return table.dropFirst().filter { $0.count > 1 }.map {
      Dictionary(uniqueKeysWithValues: zip(header, $0))
    }
  }

  /// Cents of a money cell.
  private func cents(_ text: String?) -> Int? {
    text.flatMap(Double.init).map { Int(($0 * 100).rounded()) }
  }

  /// The bundled sample scored on 2025-12-03 and on 2025-12-04 against it (with the
  /// sample's promises and disputes, as `make demo` reads them).
  @Test func consecutiveMorningsOnTheSample() throws {
    let dir = try CLI.temporaryDirectory("days")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let root = repositoryRoot()
    let data = root + "/datasets"
    let input = [
      "--history", data + "/history.csv", "--customers", data + "/customers.csv",
      "--fx", data + "/fx-rates.csv",
    ]
    let train = try CLI.run(
      ["train"] + input + ["--as-of", "2025-11-30", "--model", dir + "/model.json"], in: root)
    try #require(train.status == 0, "train failed: \(train.stderr)")
    let score =
      ["score"] + input + [
        "--model", dir + "/model.json", "--promises", data + "/promises.csv",
        "--disputes", data + "/disputes.csv",
      ]
    let first = try CLI.run(score + ["--as-of", "2025-12-03", "--out", dir + "/d03"], in: root)
    try #require(first.status == 0, "score failed: \(first.stderr)")
    let second = try CLI.run(
      score + ["--as-of", "2025-12-04", "--out", dir + "/d04", "--previous", dir + "/d03"],
      in: root)
    try #require(second.status == 0, "score failed: \(second.stderr)")
    let changes = try rows(dir + "/d04/changes.csv")
    #expect(changes.count > 50)

    // Every row says what changed; a score that moved within its grade is said too (three
    // customers of the sample had a row with an empty `change`).
    for row in changes {
      let text = row["change"] ?? ""
      #expect(!text.isEmpty, "\(row)")
      if row["grade"] == row["previous_grade"], let now = row["risk_score"],
        let then = row["previous_risk_score"], now != then
      {
        #expect(text.contains("score \(then) -> \(now)"), "\(row)")
      }
    }
    #expect(changes.contains { $0["change"]?.hasPrefix("score ") == true })

    // Each customer's amounts at risk are the sums of the two worklists' rows to the cent
    // (C000154's was 80,944.80 against its rows' 80,944.78).
    func sums(_ folder: String) throws -> [String: Int] {
      var total: [String: Int] = [:]
      for row in try rows(folder + "/worklist.csv") {
        total[row["customer_id"] ?? "", default: 0] += cents(row["amount_at_risk"]) ?? 0
      }
      return total
    }
    let (before, after) = (try sums(dir + "/d03"), try sums(dir + "/d04"))
    for row in changes {
      let id = row["customer_id"] ?? ""
      #expect(cents(row["amount_at_risk"]) == after[id, default: 0], "\(id)")
      #expect(cents(row["previous_amount_at_risk"]) == before[id, default: 0], "\(id)")
      #expect(
        cents(row["amount_at_risk_change"])
          == after[id, default: 0] - before[id, default: 0], "\(id)")
    }
  }
}
