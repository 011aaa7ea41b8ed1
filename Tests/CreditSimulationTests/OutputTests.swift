import CreditData
import CreditSimulation
import Foundation
import Testing

/// The files written by `SimulatedPortfolio.write(to:)`.
@Suite struct OutputTests {
  let files = ["history.csv", "customers.csv", "truth_customers.csv", "truth.json", "fx-rates.csv"]

  /// A fresh empty folder under the system temporary directory.
  private func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "creditsim-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func contents(_ folder: String, _ name: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
  }

  private func lines(_ folder: String, _ name: String) throws -> [Substring] {
    String(decoding: try contents(folder, name), as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: false)
  }

  private let small = SimulationConfiguration(customerCount: 300, invoiceCount: 20_000, seed: 5)

  @Test func sameSeedGivesIdenticalBytes() throws {
    let a = try temporaryFolder()
    let b = try temporaryFolder()
    let c = try temporaryFolder()
    defer { for f in [a, b, c] { try? FileManager.default.removeItem(atPath: f) } }
    try Fixtures.portfolio(small).write(to: a)
    try Fixtures.portfolio(small).write(to: b)
    var other = small
    other.seed = 6
    try Fixtures.portfolio(other).write(to: c + "/nested/")
    let written = Fixtures.portfolio(small).files().map(\.name)
    #expect(
      Set(files + ["truth_invoices.csv", "promises.csv", "disputes.csv"]).isSubset(of: written))
    for name in written {
      #expect(try contents(a, name) == contents(b, name), "\(name) differs between runs")
      // The rates name the configured currencies, whatever the seed.
      if name == "fx-rates.csv" { continue }
      #expect(try contents(a, name) != contents(c + "/nested", name), "\(name) ignores the seed")
    }
  }

  /// A run without discount offers into the folder of one with them removes its discount
  /// files and says so: before, the earlier run's discounts.csv stayed beside the new
  /// history, whose invoice ids it matched.
  @Test func anEarlierRunsDiscountFilesAreRemoved() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var offered = SimulationConfiguration(customerCount: 30, invoiceCount: 500, seed: 5)
    offered.discountOfferShare = 0.3
    try Fixtures.portfolio(offered).write(to: folder)
    #expect(FileManager.default.fileExists(atPath: folder + "/discounts.csv"))
    let notes = try Fixtures.portfolio(
      SimulationConfiguration(customerCount: 30, invoiceCount: 500, seed: 6)
    ).write(to: folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(!names.contains("discounts.csv") && !names.contains("truth_discounts.csv"))
    #expect(
      notes.count == 2
        && notes.allSatisfy { $0.hasSuffix("an earlier run's: this run does not write it") },
      "\(notes)")
  }

  @Test func columnsAndFieldsAreCanonical() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let portfolio = Fixtures.portfolio(small)
    try portfolio.write(to: folder)

    let history = try lines(folder, "history.csv")
    #expect(
      history[0] == "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency,"
        + "disputed,paperless,written_off,region,industry")
    #expect(history.count == 20_000 + 2)  // header, rows, empty after the final newline
    #expect(history.last == "")
    let date = /\d{4}-\d{2}-\d{2}/
    let boolean = /true|false/
    var open = 0
    var writtenOff = 0
    for (k, line) in history.dropFirst().dropLast().enumerated() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      #expect(f.count == 12)
      #expect(f[0] == SimulatedInvoices.id(forIndex: k))
      #expect(f[1].wholeMatch(of: /C\d{6}/) != nil)
      #expect(f[2].wholeMatch(of: date) != nil && f[3].wholeMatch(of: date) != nil)
      #expect(f[4].wholeMatch(of: /\d+\.\d{2}/) != nil)
      #expect(f[5].isEmpty || f[5].wholeMatch(of: date) != nil)
      #expect(f[7].wholeMatch(of: boolean) != nil && f[8].wholeMatch(of: boolean) != nil)
      #expect(f[9].wholeMatch(of: boolean) != nil)
      if f[5].isEmpty { open += 1 }
      if f[9] == "true" {
        writtenOff += 1
        #expect(f[5].isEmpty)
      }
      #expect(["NA", "EMEA", "APAC", "LATAM"].contains(f[10]))
    }
    #expect(open == portfolio.openCount)
    #expect(writtenOff == portfolio.writtenOffCount)

    let customers = try lines(folder, "customers.csv")
    #expect(customers[0] == "customer_id,credit_limit,region,industry,customer_since")
    #expect(customers.count == 300 + 2)
    #expect(customers[1].hasPrefix("C000001,"))
    #expect(customers[1].split(separator: ",").count == 5)

    let truthCustomers = try lines(folder, "truth_customers.csv")
    #expect(truthCustomers[0].hasPrefix("customer_id,latent_risk"))
    let firstRisk = truthCustomers[1].split(separator: ",")[1]
    #expect(abs((Double(firstRisk) ?? .nan) - portfolio.customers.latentRisk[0]) <= 5e-7)
  }

  @Test func truthJSONDecodesToTheGeneratingParameters() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let portfolio = Fixtures.portfolio(small)
    try portfolio.write(to: folder)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let truth = try decoder.decode(SimulationTruth.self, from: contents(folder, "truth.json"))
    #expect(truth == SimulationTruth(portfolio))
    #expect(truth.configuration == small)
    #expect(truth.seed == 5)
    #expect(truth.paymentTime.coefficientNames == PaymentModel.aftCoefficientNames)
    #expect(truth.paymentTime.coefficients["disputed"] == small.model.aftDisputed)
    #expect(truth.paymentTime.rho == 1 / small.model.aftSigma)
    #expect(truth.summary.invoices == 20_000)
    #expect(truth.summary.open == portfolio.openCount)
    let text = String(decoding: try contents(folder, "truth.json"), as: UTF8.self)
    #expect(text.contains("\"as_of\" : \"2025-12-31\""))
  }
}
