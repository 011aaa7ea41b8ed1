import Foundation
import TestSupport
import Testing

/// Amounts with more than two decimals: the score files agree to the cent.
@Suite("Amounts with more decimals than cents")
struct SubCentAmountTests {
  /// Each customer's rows of invoices.csv add up to its aging.csv total and open balance.
  ///
  /// `valid-small.csv` with every amount given two more decimals (4401.97 → 4401.9749),
  /// scored. The ageing summed the unrounded amounts, so C000005's three open invoices
  /// (0.0147 more) made its total a cent above its invoices.
  @Test func customerTotalsAreTheirInvoicesSums() throws {
    let dir = try CLI.temporaryDirectory("sub-cent")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let model = try #require(CLI.baseModel)
    let source = try String(
      contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let amount = try #require(lines[0].split(separator: ",").firstIndex(of: "amount"))
    for i in lines.indices.dropFirst() where !lines[i].isEmpty {
      var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[amount] += "49"
      lines[i] = fields.joined(separator: ",")
    }
    try lines.joined(separator: "\n").write(
      toFile: dir + "/history.csv", atomically: true, encoding: .utf8)
    let run = try CLI.run(
      ["score", "--history", "history.csv", "--model", model, "--out", "out"], in: dir)
    try #require(run.status == 0, "score failed: \(run.stderr)")
    /// A money cell in whole cents.
    func cents(_ text: String?) -> Int { Int(((Double(text ?? "") ?? 0) * 100).rounded()) }
    var invoiced: [String: Int] = [:]
    for row in try CLI.rowsByName(dir + "/out/invoices.csv") {
      invoiced[row["customer_id"] ?? "", default: 0] += cents(row["amount"])
    }
    let ageing = try CLI.rowsByName(dir + "/out/aging.csv")
    let customers = try CLI.rowsByName(dir + "/out/customers.csv")
    #expect(ageing.count == 6 && invoiced.count == 6)
    for row in ageing {
      let id = row["customer_id"] ?? ""
      let total = cents(row["total"])
      #expect(total == invoiced[id], "\(id): aging.csv \(total), invoices.csv \(invoiced[id] ?? 0)")
      let balance = customers.first { $0["customer_id"] == id }?["open_balance"]
      #expect(cents(balance) == total, "\(id): customers.csv \(balance ?? "")")
    }
  }
}
