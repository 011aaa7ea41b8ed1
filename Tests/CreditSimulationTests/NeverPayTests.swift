import CreditData
import CreditSimulation
import Foundation
import TestSupport
import Testing

/// `neverPayRate`, unflagged write-offs, and the promise that added options leave the draws
/// of a seed alone.
@Suite struct NeverPayTests {
  @Test func calibratedRateIsExactInExpectationAndNearInDraws() {
    let p = Fixtures.everything
    let n = Double(p.invoices.count)
    let mean = p.invoices.neverPayProbability.reduce(0, +) / n
    #expect(abs(mean - 0.07) < 1e-12)
    #expect(p.neverPayIntercept != p.configuration.model.writeOffIntercept)
    let variance = p.invoices.neverPayProbability.reduce(0) { $0 + $1 * (1 - $1) }
    #expect(abs(Double(p.neverPaysCount) - 0.07 * n) <= 4 * variance.squareRoot())
    // Without a rate the configured intercept is kept, about 1 % never pay.
    #expect(Fixtures.standard.neverPayIntercept == -5.6)
  }

  @Test(arguments: [0.002, 0.3])
  func extremeRatesAreReached(rate: Double) {
    var config = SimulationConfiguration(customerCount: 100, invoiceCount: 5_000, seed: 4)
    config.neverPayRate = rate
    let p = Fixtures.portfolio(config)
    let mean = p.invoices.neverPayProbability.reduce(0, +) / 5_000
    #expect(abs(mean - rate) < 1e-12)
  }

  @Test func addedOptionsKeepTheOtherDraws() {
    let base = SimulationConfiguration(customerCount: 500, invoiceCount: 20_000, seed: 3)
    var changed = base
    changed.flagsWriteOffs = false
    changed.neverPayRate = 0.07
    changed.distressedShare = 0.2
    changed.discountOfferShare = 0.5
    let a = Fixtures.portfolio(base)
    let b = Fixtures.portfolio(changed)
    #expect(a.customers.latentRisk == b.customers.latentRisk)
    #expect(a.customers.creditLimit == b.customers.creditLimit)
    #expect(a.invoices.issueDate == b.invoices.issueDate)
    #expect(a.invoices.amount == b.invoices.amount)
    #expect(a.invoices.disputed == b.invoices.disputed)
    #expect(a.invoices.neverPayUniform == b.invoices.neverPayUniform)
    #expect(a.events.disputes.map(\.reason) == b.events.disputes.map(\.reason))
    var same = 0
    for i in 0..<a.invoices.count where b.invoices.logTimeShift[i] == 0 {
      #expect(a.invoices.latentDaysToPay[i] == b.invoices.latentDaysToPay[i])
      same += 1
    }
    #expect(same > 10_000 && same < 20_000)
  }

  @Test func unflaggedHistoriesHaveNoWriteOffColumn() {
    var config = SimulationConfiguration(customerCount: 300, invoiceCount: 20_000, seed: 5)
    let flagged = Fixtures.portfolio(config)
    config.flagsWriteOffs = false
    let unflagged = Fixtures.portfolio(config)
    #expect(flagged.writtenOffCount > 0)
    #expect(unflagged.writtenOffCount == 0)
    #expect(unflagged.invoices.paidDate == flagged.invoices.paidDate)
    #expect(unflagged.neverPaysCount == flagged.neverPaysCount)
    let text = String(decoding: unflagged.historyCSV().bytes, as: UTF8.self)
    let lines = text.split(separator: "\n")
    #expect(
      lines[0] == "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency,"
        + "disputed,paperless,region,industry")
    #expect(
      lines.dropFirst().allSatisfy {
        $0.split(separator: ",", omittingEmptySubsequences: false).count == 11
      })
    #expect(unflagged.truthJSON().contains("\"flags_write_offs\" : false"))
    #expect(!flagged.truthJSON().contains("flags_write_offs"))
  }

  /// The bundled sample is what `creditrisk simulate --customers 300 --invoices 8000 --seed 7`
  /// writes, byte for byte, including the files added since it was first made.
  @Test func bundledSampleIsReproduced() throws {
    let folder = repositoryRoot() + "/datasets"
    let sample = Fixtures.portfolio(
      SimulationConfiguration(customerCount: 300, invoiceCount: 8_000, seed: 7))
    var compared: [String] = []
    for (name, bytes) in sample.files() {
      guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
      #expect(Array(data) == bytes, "datasets/\(name) differs from the simulator's output")
      compared.append(name)
    }
    #expect(
      Set(["history.csv", "customers.csv", "truth_customers.csv", "truth.json"])
        .isSubset(of: compared))
  }
}
