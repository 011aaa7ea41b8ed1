import Foundation
import TestSupport
import Testing

/// `score --previous` as a collections team runs it each morning: changes.csv says in words
/// every change it lists, its amounts at risk are the worklists' as written (so one day's
/// `amount_at_risk` is the next day's `previous_amount_at_risk`), and a folder that is not
/// this book's earlier run is refused before anything is written.
@Suite("score --previous, day to day")
struct DayToDayChangesTests {
  /// The rows of a CSV file by its header's names.
  private func rows(_ path: String) throws -> [[String: String]] { try CLI.rowsByName(path) }

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

  /// Two runs of the small fixture: the latest date, and the folder's files for the tests
  /// below to change.
  private func earlierRun(_ dir: String) throws -> (model: String, base: [String]) {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let base = ["score", "--history", "valid-small.csv", "--model", model]
    let first = try CLI.run(base + ["--as-of", "2025-06-30", "--out", dir + "/first"])
    try #require(first.status == 0, "first run: \(first.stderr)")
    return (model, base)
  }

  /// A CSV line of `cells`, quoted where a cell needs it.
  private func line(_ cells: [String]) -> String {
    cells.map { cell in
      guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
      return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",")
  }

  /// Rewrites column `name` of every row of `file` in `folder` with `change`.
  private func rewrite(
    _ folder: String, _ file: String, column name: String, _ change: (String) -> String
  ) throws {
    let path = folder + "/" + file
    var table = CLI.parseCSV(try String(contentsOfFile: path, encoding: .utf8))
    let k = try #require(table.first?.firstIndex(of: name), "\(file) has no \(name)")
    for r in table.indices.dropFirst() where table[r].count > k {
      table[r][k] = change(table[r][k])
    }
    try (table.filter { $0.count > 1 }.map(line).joined(separator: "\n") + "\n").write(
      toFile: path, atomically: false, encoding: .utf8)
  }

  /// Runs `base` with `--out` in `dir` and `--previous` and expects it refused with `message`
  /// (the last line of standard error, after "Error: "), nothing written.
  private func expectRefused(
    _ base: [String], _ dir: String, previous: String, _ message: String
  ) throws {
    let run = try CLI.run(base + ["--out", dir + "/out", "--previous", previous])
    #expect(run.status == 1)
    #expect(run.stderrLines.last == "Error: " + message)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
  }

  /// A run as of a later date than this one (yesterday's run compared with last week's
  /// folder given by mistake) is refused: the changes would run backwards.
  @Test func aLaterRunIsRefused() throws {
    let dir = try CLI.temporaryDirectory("days-later")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    try expectRefused(
      base + ["--as-of", "2025-05-31"], dir, previous: dir + "/first",
      "\(dir)/first/customers.csv: is a run as of 2025-06-30, after this run's as-of date "
        + "2025-05-31; --previous expects the folder of an earlier run")
    // The same date again (a run repeated after a correction) is an earlier run.
    let again = try CLI.run(
      base + ["--as-of", "2025-06-30", "--out", dir + "/again", "--previous", dir + "/first"])
    #expect(again.status == 0, "\(again.stderr)")
  }

  /// A --previous folder that does not exist is named as the folder --previous expects.
  @Test func aMissingFolderIsNamedAsPrevious() throws {
    let dir = try CLI.temporaryDirectory("days-missing")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    try expectRefused(
      base, dir, previous: dir + "/nosuch",
      "\(dir)/nosuch: no such folder; --previous expects the --out folder of an earlier score run")
  }

  /// A file given as --previous (a score file, say) is named as not a folder: before, it was
  /// said not to exist.
  @Test func aFileIsNamedAsNotAFolder() throws {
    let dir = try CLI.temporaryDirectory("days-file")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    try expectRefused(
      base, dir, previous: dir + "/first/customers.csv",
      "\(dir)/first/customers.csv: is a file, not a folder; --previous expects the --out "
        + "folder of an earlier score run")
  }

  /// A run whose money is in another currency is refused: its amounts cannot be compared.
  @Test func aRunInAnotherCurrencyIsRefused() throws {
    let dir = try CLI.temporaryDirectory("days-currency")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    for file in ["customers.csv", "credit_limits.csv", "worklist.csv", "invoices.csv"] {
      try rewrite(dir + "/first", file, column: "currency") { _ in "EUR" }
    }
    try expectRefused(
      base, dir, previous: dir + "/first",
      "\(dir)/first/customers.csv: has its money in EUR, this run in USD; --previous expects "
        + "an earlier run of the same book")
  }

  /// A run of another book (its open invoices are not this history's, or another
  /// customer's here) is refused; before, every customer came out changed.
  @Test func aRunOfAnotherBookIsRefused() throws {
    let dir = try CLI.temporaryDirectory("days-book")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    let open = try rows(dir + "/first/invoices.csv").count
    try #require(open > 0)
    try rewrite(dir + "/first", "invoices.csv", column: "customer_id") { "X" + $0 }
    try expectRefused(
      base, dir, previous: dir + "/first",
      "\(dir)/first/invoices.csv: is a run of another book: \(open) of its \(open) open "
        + "invoices are not in this history or belong to another customer there; --previous "
        + "expects an earlier run of the same book")
  }

  /// A run whose as_of a spreadsheet rewrote (`6/30/2025`) is refused, naming the cell:
  /// before, it passed for an older run that states no date, so a later run's folder was
  /// compared backwards without a word.
  @Test func aRunWhoseDateIsNotISOIsRefused() throws {
    let dir = try CLI.temporaryDirectory("days-rewritten")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    try rewrite(dir + "/first", "customers.csv", column: "as_of") { _ in "6/30/2025" }
    let header = CLI.parseCSV(
      try String(contentsOfFile: dir + "/first/customers.csv", encoding: .utf8))[0]
    let column = try #require(header.firstIndex(of: "as_of")) + 1
    try expectRefused(
      base + ["--as-of", "2025-05-31"], dir, previous: dir + "/first",
      "\(dir)/first/customers.csv:2:\(column) (as_of): '6/30/2025' is not a date YYYY-MM-DD as "
        + "score writes it (was the file saved again by a spreadsheet?); --previous expects the "
        + "folder of an earlier score run as it wrote it")
  }

  /// Files of an older run without `as_of` are still compared, and the summary says that
  /// they state no date (it said "the run as of ?").
  @Test func aRunWithoutItsDateSaysSo() throws {
    let dir = try CLI.temporaryDirectory("days-undated")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try earlierRun(dir)
    for file in ["customers.csv", "credit_limits.csv", "worklist.csv", "invoices.csv"] {
      let path = dir + "/first/" + file
      let table = CLI.parseCSV(try String(contentsOfFile: path, encoding: .utf8))
      let k = try #require(table.first?.firstIndex(of: "as_of"))
      let kept = table.filter { $0.count > 1 }.map { row in
        line(row.enumerated().filter { $0.offset != k }.map(\.element))
      }
      try (kept.joined(separator: "\n") + "\n").write(
        toFile: path, atomically: false, encoding: .utf8)
    }
    let run = try CLI.run(base + ["--out", dir + "/out", "--previous", dir + "/first"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("changes since the earlier run (its files state no as-of date): "))
    #expect(!run.stdout.contains("as of ?"))
  }
}
