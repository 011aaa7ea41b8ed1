import Foundation
import TestSupport
import Testing

/// Every output with money states its currency: the bundled sample (USD, EUR and GBP) scored
/// with `--fx` is in the rates file's reporting currency, USD, in each row of the six files
/// and in the report's header; a history without a currency column keeps its files as they
/// were (no currency column).
@Suite("Currency in the outputs")
struct CurrencyColumnTests {
  /// The six files of the product contract.
  static let six = [
    "invoices.csv", "customers.csv", "credit_limits.csv", "worklist.csv", "aging.csv",
    "cash_forecast.csv",
  ]

  /// The sample's history converted with `--fx`, and a model trained on it in `dir`.
  private func sampleModel(in dir: String) throws -> (input: [String], root: String) {
    let root = repositoryRoot()
    let input = [
      "--history", root + "/datasets/history.csv", "--fx", root + "/datasets/fx-rates.csv",
    ]
    let train = try CLI.run(["train"] + input + ["--model", dir + "/model.json"], in: root)
    try #require(train.status == 0, "train failed: \(train.stderr)")
    return (input, root)
  }

  @Test func convertedOutputsStateTheReportingCurrency() throws {
    let dir = try CLI.temporaryDirectory("currency")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (input, root) = try sampleModel(in: dir)
    let score = try CLI.run(
      ["score"] + input + ["--model", dir + "/model.json", "--out", dir + "/out"], in: root)
    try #require(score.status == 0, "score failed: \(score.stderr)")
    for name in CurrencyColumnTests.six {
      let table = CLI.parseCSV(try String(contentsOfFile: dir + "/out/" + name, encoding: .utf8))
      #expect(Array(table[0].suffix(2)) == ["currency", "as_of"], "\(name)")
      #expect(table.count > 1, "\(name)")
      for row in table.dropFirst() where row.count > 1 {
        #expect(row[row.count - 2] == "USD", "\(name): \(row)")
      }
    }
    let report = try CLI.run(
      ["report"] + input + ["--model", dir + "/model.json", "--out", dir + "/report.html"],
      in: root)
    try #require(report.status == 0, "report failed: \(report.stderr)")
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(html.contains("amounts in <b>USD</b>"))
    // explain's amounts are converted too (INV00005936 is invoiced in EUR): its heading says
    // in which currency.
    for (option, id, heading) in [
      ("--customer", "C000206", "Customer C000206, as of 2025-12-31; amounts in USD"),
      (
        "--invoice", "INV00005936",
        "Invoice INV00005936 of customer C000206, as of 2025-12-31; amounts in USD"
      ),
    ] {
      let explain = try CLI.run(
        ["explain"] + input + ["--model", dir + "/model.json", option, id], in: root)
      try #require(explain.status == 0, "explain failed: \(explain.stderr)")
      #expect(explain.stdout.hasPrefix(heading + "\n"), "\(explain.stdout)")
    }
  }

  /// changes.csv (`score --previous`) has money columns too: on the sample converted with
  /// `--fx` they are in USD, stated in `currency` before `as_of` as in the six files, after
  /// `previous_as_of`; every row carries this run's as-of date.
  @Test func changesStateTheReportingCurrency() throws {
    let dir = try CLI.temporaryDirectory("currency-changes")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (input, root) = try sampleModel(in: dir)
    let score = ["score"] + input + ["--model", dir + "/model.json"]
    let earlier = try CLI.run(
      score + ["--as-of", "2025-11-30", "--out", dir + "/earlier"], in: root)
    try #require(earlier.status == 0, "score failed: \(earlier.stderr)")
    let now = try CLI.run(
      score + ["--out", dir + "/now", "--previous", dir + "/earlier"], in: root)
    try #require(now.status == 0, "score failed: \(now.stderr)")
    let table = CLI.parseCSV(try String(contentsOfFile: dir + "/now/changes.csv", encoding: .utf8))
    #expect(Array(table[0].suffix(3)) == ["previous_as_of", "currency", "as_of"])
    #expect(table.count > 1)
    let endings = Set(table.dropFirst().filter { $0.count > 1 }.map { Array($0.suffix(3)) })
    #expect(endings == [["2025-11-30", "USD", "2025-12-31"]])
  }

  /// A file of one currency states it; without the currency column the files are those of
  /// before, the same bytes less that column.
  @Test func oneCurrencyIsStatedAndNoCurrencyLeavesTheFilesAsTheyWere() throws {
    let dir = try CLI.temporaryDirectory("currency")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let model = try #require(CLI.baseModel, "training the base model failed")
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    let lines = text.split(separator: "\n").map { line in
      var cells = line.split(separator: ",", omittingEmptySubsequences: false)
      cells.remove(at: 6)
      return cells.joined(separator: ",")
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: dir + "/no-currency.csv", atomically: false, encoding: .utf8)
    for (history, out) in [("valid-small.csv", "/usd"), (dir + "/no-currency.csv", "/none")] {
      let score = try CLI.run(["score", "--history", history, "--model", model, "--out", dir + out])
      try #require(score.status == 0, "score failed: \(score.stderr)")
    }
    for name in CurrencyColumnTests.six {
      let usd = CLI.parseCSV(try String(contentsOfFile: dir + "/usd/" + name, encoding: .utf8))
      let none = CLI.parseCSV(try String(contentsOfFile: dir + "/none/" + name, encoding: .utf8))
      #expect(Array(usd[0].suffix(2)) == ["currency", "as_of"], "\(name)")
      #expect(!none[0].contains("currency") && none[0].last == "as_of", "\(name)")
      let stripped = usd.map { row -> [String] in
        guard row.count > 1 else { return row }
        var r = row
        #expect(r[r.count - 2] == (row == usd[0] ? "currency" : "USD"), "\(name)")
        r.remove(at: r.count - 2)
        return r
      }
      #expect(stripped == none, "\(name)")
    }
    // explain names no currency where the history states none.
    let explain = try CLI.run(
      ["explain", "--history", dir + "/no-currency.csv", "--model", model, "--customer", "C000002"])
    try #require(explain.status == 0, "explain failed: \(explain.stderr)")
    #expect(explain.stdout.hasPrefix("Customer C000002, as of "))
    #expect(!explain.stdout.contains("amounts in"))
  }

  /// With dated rates, an invoice open at the as-of date is stated at that day's rate in the
  /// score files (the closing rate of a receivable), not at its issue date's: the sample's
  /// euros worth 1 dollar until 2025-12-14 and 2 from 2025-12-15, scored as of 2025-12-31.
  @Test func openInvoicesAreAtTheAsOfRate() throws {
    let dir = try CLI.temporaryDirectory("currency")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let root = repositoryRoot()
    try
      ("currency,rate,date,reporting_currency\nUSD,1,,USD\nGBP,1,,USD\n"
      + "EUR,1,2020-01-01,USD\nEUR,2,2025-12-15,USD\n").write(
        toFile: dir + "/fx.csv", atomically: false, encoding: .utf8)
    let input = ["--history", root + "/datasets/history.csv", "--fx", dir + "/fx.csv"]
    let train = try CLI.run(["train"] + input + ["--model", dir + "/model.json"], in: root)
    try #require(train.status == 0, "train failed: \(train.stderr)")
    let score = try CLI.run(
      ["score"] + input + ["--model", dir + "/model.json", "--out", dir + "/out"], in: root)
    try #require(score.status == 0, "score failed: \(score.stderr)")

    let history = CLI.parseCSV(
      try String(contentsOfFile: root + "/datasets/history.csv", encoding: .utf8))
    let column = { (name: String) in try #require(history[0].firstIndex(of: name)) }
    let (id, amount, currency, issued) = (
      try column("invoice_id"), try column("amount"), try column("currency"),
      try column("issue_date")
    )
    var given: [String: (amount: Double, currency: String, issued: String)] = [:]
    for row in history.dropFirst() where row.count > issued {
      given[row[id]] = (Double(row[amount]) ?? .nan, row[currency], row[issued])
    }
    let invoices = CLI.parseCSV(
      try String(contentsOfFile: dir + "/out/invoices.csv", encoding: .utf8))
    var euros = 0
    for row in invoices.dropFirst() where row.count > 2 {
      let original = try #require(given[row[0]])
      let rate = original.currency == "EUR" ? 2.0 : 1.0
      #expect(row[2] == String(format: "%.2f", original.amount * rate), "\(row)")
      if original.currency == "EUR", original.issued < "2025-12-15" { euros += 1 }
    }
    #expect(euros > 0)
  }
}
