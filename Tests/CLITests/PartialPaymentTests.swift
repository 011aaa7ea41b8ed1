import Foundation
import TestSupport
import Testing

/// A history with both the invoice amount and the open amount: at the export's date an open
/// invoice owes its open amount in every balance, the ageing, the worklist and the cash
/// forecast; before that date, and with open amounts equal to the amounts, nothing changes.
///
/// The histories are the bundled demo sample with an `openText` column: 0 for paid
/// invoices, the amount for open ones, and 40% of it for every fifth open invoice (partly
/// paid).
@Suite("Partial payments")
struct PartialPaymentTests {
  /// The demo history's lines (header first).
  static func demoLines() throws -> [[String]] {
    let text = try String(
      contentsOfFile: repositoryRoot() + "/datasets/history.csv", encoding: .utf8)
    return text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Writes the demo history with an open amount to `path`: `partial` makes every fifth open
  /// invoice (not written off) 40% open; returns the open amount of each partly paid invoice by id.
  static func writeHistory(_ path: String, partial: Bool) throws -> [String: (Double, Double)] {
    let lines = try demoLines()
    let amount = try #require(lines[0].firstIndex(of: "amount"))
    let paid = try #require(lines[0].firstIndex(of: "paid_date"))
    let writtenOff = try #require(lines[0].firstIndex(of: "written_off"))
    var out = [(lines[0] + ["open_amount"]).joined(separator: ",")]
    var partlyPaid: [String: (Double, Double)] = [:]
    var open = 0
    for row in lines.dropFirst() {
      var openText = row[paid].isEmpty ? row[amount] : "0"
      if row[paid].isEmpty {
        let cents = Int((try #require(Double(row[amount])) * 100).rounded())
        if partial, open % 5 == 0, cents > 0, row[writtenOff] == "false" {
          let left = cents * 2 / 5
          openText = "\(left / 100)." + String(format: "%02d", left % 100)
          partlyPaid[row[0]] = (Double(cents) / 100, Double(left) / 100)
        }
        open += 1
      }
      out.append((row + [openText]).joined(separator: ","))
    }
    try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    return partlyPaid
  }

  /// Scores `history` with the model into `folder/out`; the run.
  static func score(_ history: String, _ folder: String, _ flags: [String] = []) throws -> CLI.Run {
    let root = repositoryRoot()
    return try CLI.run(
      [
        "score", "--history", history, "--fx", root + "/datasets/fx-rates.csv", "--model",
        folder + "/model.json", "--out", folder + "/out",
      ] + flags, in: root)
  }

  /// The rows of a CSV output keyed by the first column that `key` names.
  static func rows(_ path: String, key: String) throws -> [String: [String: String]] {
    let table = CLI.parseCSV(try String(contentsOfFile: path, encoding: .utf8))
    let header = table[0]
    let k = try #require(header.firstIndex(of: key))
    var out: [String: [String: String]] = [:]
    for row in table.dropFirst() where row.count == header.count {
      out[row[k]] = Dictionary(uniqueKeysWithValues: zip(header, row))
    }
    return out
  }

  @Test func partlyPaidInvoicesOweWhatIsOpen() throws {
    let dir = try CLI.temporaryDirectory("partial")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let root = repositoryRoot()
    let train = try CLI.run(
      [
        "train", "--history", root + "/datasets/history.csv", "--fx",
        root + "/datasets/fx-rates.csv", "--model", dir + "/model.json",
      ], in: root)
    try #require(train.status == 0, "train failed: \(train.stderr)")
    for name in ["plain", "same", "partial", "plain-early", "partial-early"] {
      try FileManager.default.createDirectory(
        atPath: dir + "/" + name, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        atPath: dir + "/model.json", toPath: dir + "/\(name)/model.json")
    }
    _ = try Self.writeHistory(dir + "/same.csv", partial: false)
    let partly = try Self.writeHistory(dir + "/partial.csv", partial: true)
    #expect(partly.count > 50)
    let plainHistory = root + "/datasets/history.csv"
    for (name, history, flags) in [
      ("plain", plainHistory, [String]()), ("same", dir + "/same.csv", []),
      ("partial", dir + "/partial.csv", []),
      ("plain-early", plainHistory, ["--as-of", "2025-11-30"]),
      ("partial-early", dir + "/partial.csv", ["--as-of", "2025-11-30"]),
    ] {
      let run = try Self.score(history, dir + "/" + name, flags)
      try #require(run.status == 0, "\(name): \(run.stderr)")
      #expect(
        run.stderr.contains("cannot be applied at the earlier as-of date")
          == (name == "partial-early"),
        "\(name): \(run.stderr)")
    }
    let files = [
      "invoices.csv", "customers.csv", "credit_limits.csv", "worklist.csv", "aging.csv",
      "cash_forecast.csv",
    ]
    // Open amounts equal to the amounts, or an as-of before the export: the same bytes.
    for file in files {
      let plain = FileManager.default.contents(atPath: dir + "/plain/out/" + file)
      #expect(
        plain != nil && plain == FileManager.default.contents(atPath: dir + "/same/out/" + file),
        "\(file)")
      let early = FileManager.default.contents(atPath: dir + "/plain-early/out/" + file)
      #expect(
        early != nil
          && early == FileManager.default.contents(atPath: dir + "/partial-early/out/" + file),
        "\(file)")
    }

    // Each partly paid invoice: its open amount in invoices.csv and the worklist; the
    // customer's balances and ageing less what was paid.
    let before = try Self.rows(dir + "/plain/out/invoices.csv", key: "invoice_id")
    let after = try Self.rows(dir + "/partial/out/invoices.csv", key: "invoice_id")
    var paidByCustomer: [String: Double] = [:]
    for (id, (amount, open)) in partly {
      let row = try #require(after[id])
      #expect(abs((Double(row["amount"] ?? "") ?? -1) - open) < 0.006, "\(id)")
      #expect(Double(before[id]?["amount"] ?? "") == amount, "\(id)")
      paidByCustomer[row["customer_id"] ?? "", default: 0] += amount - open
    }
    #expect(before.count == after.count)
    let workBefore = try Self.rows(dir + "/plain/out/worklist.csv", key: "invoice_id")
    let workAfter = try Self.rows(dir + "/partial/out/worklist.csv", key: "invoice_id")
    var checked = 0
    for (id, (amount, open)) in partly {
      guard let b = workBefore[id], let a = workAfter[id],
        let atRiskBefore = Double(b["amount_at_risk"] ?? ""),
        let atRisk = Double(a["amount_at_risk"] ?? "")
      else { continue }
      #expect(abs(atRisk - atRiskBefore * open / amount) < 0.01, "\(id)")
      #expect(Double(a["amount"] ?? "") == open, "\(id)")
      checked += 1
    }
    #expect(checked > 10)
    let customersBefore = try Self.rows(dir + "/plain/out/customers.csv", key: "customer_id")
    let customersAfter = try Self.rows(dir + "/partial/out/customers.csv", key: "customer_id")
    let agingBefore = try Self.rows(dir + "/plain/out/aging.csv", key: "customer_id")
    let agingAfter = try Self.rows(dir + "/partial/out/aging.csv", key: "customer_id")
    let limitsAfter = try Self.rows(dir + "/partial/out/credit_limits.csv", key: "customer_id")
    for (customer, paid) in paidByCustomer {
      let b = try #require(Double(customersBefore[customer]?["open_balance"] ?? ""))
      let a = try #require(Double(customersAfter[customer]?["open_balance"] ?? ""))
      #expect(abs(b - paid - a) < 0.01, "\(customer): \(b) - \(paid) vs \(a)")
      let total = try #require(Double(agingAfter[customer]?["total"] ?? ""))
      #expect(abs(total - a) < 0.01, "\(customer)")
      #expect(Double(agingBefore[customer]?["total"] ?? "") == b, "\(customer)")
      #expect(Double(limitsAfter[customer]?["open_balance"] ?? "") == a, "\(customer)")
    }
    // Less cash to come, in every week the open invoices count for.
    let cashBefore = CLI.parseCSV(
      try String(contentsOfFile: dir + "/plain/out/cash_forecast.csv", encoding: .utf8))
    let cashAfter = CLI.parseCSV(
      try String(contentsOfFile: dir + "/partial/out/cash_forecast.csv", encoding: .utf8))
    #expect(cashBefore.count == cashAfter.count)
    let sum = { (t: [[String]]) in t.dropFirst().compactMap { Double($0[1]) }.reduce(0, +) }
    #expect(sum(cashAfter) < sum(cashBefore) - 100_000)
  }
}
