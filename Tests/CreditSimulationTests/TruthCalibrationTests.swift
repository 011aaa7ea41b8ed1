import CreditData
import CreditSimulation
import Foundation
import Testing

/// The oracle on heterogeneous books: its p_paid_ever and medians for the invoices open at a
/// cutoff agree with what those invoices really do, within √N tolerances.
@Suite struct TruthCalibrationTests {
  /// Invoices open at `cutoff` (issued on or before it and not paid by it), with their age.
  private func openAt(_ cutoff: Day, in p: SimulatedPortfolio) -> [(index: Int, age: Int)] {
    (0..<p.invoices.count).compactMap { i in
      let age = cutoff.days(since: p.invoices.issueDate[i])
      guard age >= 0 else { return nil }
      if let paidAge = p.invoices.paymentAge[i], paidAge <= age { return nil }
      return (i, age)
    }
  }

  static let cases: [(String, String)] = [
    ("standard", "2025-06-30"), ("standard", "2025-12-31"), ("everything", "2025-06-30"),
    ("everything", "2025-12-31"), ("everything", "2024-09-30"),
  ]

  private func portfolio(_ name: String) -> SimulatedPortfolio {
    name == "standard" ? Fixtures.standard : Fixtures.everything
  }

  @Test(arguments: cases)
  func probabilityPaidEverIsCalibrated(book: String, cutoff: String) throws {
    let p = portfolio(book)
    let day = try #require(Day(iso: cutoff))
    let open = openAt(day, in: p)
    #expect(open.count > 2_000)
    var predicted = 0.0
    var variance = 0.0
    var paid = 0
    for (i, age) in open {
      let q = p.invoiceTruth(ofInvoice: i).probabilityPaidEver(givenOpenAt: age)
      predicted += q
      variance += q * (1 - q)
      if !p.invoices.neverPays[i] { paid += 1 }
    }
    let gap = abs(Double(paid) - predicted)
    #expect(gap <= 4 * variance.squareRoot(), "paid \(paid) vs predicted \(predicted)")
    // Not trivially calibrated: the never-payers are a visible share of the open book.
    #expect(Double(open.count - paid) > 0.02 * Double(open.count))
  }

  @Test(arguments: cases)
  func conditionalQuantilesHoldTheirLevels(book: String, cutoff: String) throws {
    let p = portfolio(book)
    let day = try #require(Day(iso: cutoff))
    for q in [0.1, 0.5, 0.9] {
      var expected = 0.0
      var variance = 0.0
      var hits = 0
      for (i, age) in openAt(day, in: p) {
        guard let paidAge = p.invoices.paymentAge[i] else { continue }
        let truth = p.invoiceTruth(ofInvoice: i)
        let d = truth.paymentAgeQuantile(q, givenOpenAt: age)
        // The exact probability of paying by d; it is q up to the integer step.
        let level = 1 - truth.survivalGivenPaid(age: d) / truth.survivalGivenPaid(age: age)
        expected += level
        variance += level * (1 - level)
        if paidAge <= d { hits += 1 }
      }
      let gap = abs(Double(hits) - expected)
      #expect(gap <= 4 * variance.squareRoot() + 1, "q \(q): \(hits) vs \(expected)")
    }
  }

  @Test func readsBackWhatWasWritten() throws {
    let folder = NSTemporaryDirectory() + "creditsim-truth-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var config = SimulationConfiguration(customerCount: 40, invoiceCount: 2_000, seed: 9)
    config.discountOfferShare = 0.5
    let p = Fixtures.portfolio(config)
    try p.write(to: folder)
    let oracle = try TruthOracle.load(path: folder + "/truth_invoices.csv")
    #expect(oracle.invoices.count == 2_000)
    let memory = TruthOracle(p)
    for k in stride(from: 0, to: 2_000, by: 97) {
      let id = SimulatedInvoices.id(forIndex: k)
      let a = try #require(oracle[id])
      let b = try #require(memory[id])
      #expect(a.termsDays == b.termsDays && a.neverPays == b.neverPays)
      #expect(a.discountDays == b.discountDays)
      #expect(abs(a.susceptibleProbability - b.susceptibleProbability) <= 5e-10)
      #expect(abs(a.weibullScale - b.weibullScale) <= 5e-7)
      #expect(abs(a.weibullShape - b.weibullShape) <= 5e-7)
      #expect(abs(a.discountTakeUp - b.discountTakeUp) <= 5e-10)
      let age = 40
      let fa = try #require(
        oracle.forecast(
          invoiceId: id, issueDate: p.invoices.issueDate[k],
          asOf: p.invoices.issueDate[k].adding(days: age)))
      #expect(abs(fa.probabilityPaidEver - b.probabilityPaidEver(givenOpenAt: age)) < 1e-8)
    }
    #expect(oracle["INV99999999"] == nil)
  }

  @Test func badFilesAreNamedByLineAndColumn() throws {
    let folder = NSTemporaryDirectory() + "creditsim-badtruth-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let header = TruthOracle.columns.joined(separator: ",")
    let good = "INV00000001,C000001,30,0.99,31.4,2.5,0.1,false,0,0"
    let cases = [
      (
        header + "\n" + good + "\n" + good.replacingOccurrences(of: "31.4", with: "-3") + "\n",
        "case0.csv:3:5", "weibull_lambda"
      ),
      (
        header + "\n" + good.replacingOccurrences(of: "false", with: "maybe") + "\n",
        "case1.csv:2:8", "never_pays"
      ),
      ("invoice_id,terms_days\nINV1,30\n", "case2.csv:1:", "missing column 'customer_id'"),
    ]
    for (k, (text, place, column)) in cases.enumerated() {
      let path = folder + "/case\(k).csv"
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      do {
        _ = try TruthOracle.load(path: path)
        Issue.record("case \(k) was accepted")
      } catch let error as DataError {
        #expect(error.description.contains(place), "\(error)")
        #expect(error.description.contains(column), "\(error)")
      }
    }
  }
}
