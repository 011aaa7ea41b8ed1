import Foundation
import TestSupport
import Testing

@Suite("Spreadsheet safety of every CSV written")
struct SpreadsheetSafetyTests {
  /// First characters a spreadsheet reads as the start of a formula.
  static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// Trains and scores `hostile-ids.csv` (invoice and customer ids such as
  /// `=HYPERLINK("http://x","click")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)`, `-C000003`) and checks
  /// that no cell of any output can start a formula: a cell starting with a trigger must be
  /// a plain number (a negative amount), everything else must have been neutralised.
  @Test func hostileIdsAreNeutralisedInEveryOutput() throws {
    let folder = try CLI.temporaryDirectory("hostile")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let train = try CLI.run([
      "train", "--history", "hostile-ids.csv", "--model", folder + "/model.json",
    ])
    try #require(train.status == 0, "train failed: \(train.stderr)")
    let score = try CLI.run([
      "score", "--history", "hostile-ids.csv", "--model", folder + "/model.json", "--out", folder,
    ])
    try #require(score.status == 0, "score failed: \(score.stderr)")

    let names = CLI.files(in: folder).filter { $0.hasSuffix(".csv") }
    #expect(names.count == 8)
    var cells: [String] = []
    for name in names {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      for (r, row) in CLI.parseCSV(text).enumerated() {
        for cell in row {
          cells.append(cell)
          guard let first = cell.first, Self.triggers.contains(first) else { continue }
          #expect(
            Double(cell) != nil && !cell.lowercased().contains("n"),
            "\(name) row \(r + 1): '\(cell)' starts like a formula")
        }
      }
    }
    // The hostile ids reach the outputs, neutralised (and quoted where needed).
    for expected in [
      "'=HYPERLINK(\"http://x\",\"click\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1+1)",
      "'=1+1", "'\rCR", "'=SPACE", "'-", "'@", "'=C000001+1", "'@C000012", "'-C000003",
      "'+C000004", "a,b", "\"q\"",
    ] {
      #expect(cells.contains(expected), "no output cell is \(expected.debugDescription)")
    }
    #expect(CLI.outputProblems(in: folder).isEmpty)
  }

  /// The writer's rule on its own, for every trigger and a few near misses.
  @Test func simulatedHistoryIsNeutralisedToo() throws {
    let folder = try CLI.temporaryDirectory("simulate")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run([
      "simulate", "--customers", "5", "--invoices", "50", "--seed", "1", "--out", folder,
    ])
    try #require(run.status == 0, "\(run.stderr)")
    for name in CLI.files(in: folder).filter({ $0.hasSuffix(".csv") }) {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      for row in CLI.parseCSV(text) {
        for cell in row {
          guard let first = cell.first, Self.triggers.contains(first) else { continue }
          #expect(Double(cell) != nil, "\(name): '\(cell)' starts like a formula")
        }
      }
    }
  }
}
