import CreditData
import CreditSimulation
import Foundation
import Testing

/// Counts, date consistency, plausibility and determinism of the in-memory portfolio.
@Suite struct SimulatorTests {
  let portfolio = Fixtures.standard

  @Test func defaultSnapshotIsEndOf2025() {
    #expect(SimulationConfiguration.defaultAsOf.isoString == "2025-12-31")
    #expect(SimulationConfiguration().historyStart.isoString == "2024-01-01")
  }

  @Test func countsMatchTheConfiguration() {
    #expect(portfolio.customers.count == 2_000)
    #expect(portfolio.invoices.count == 100_000)
    #expect(portfolio.customers.invoiceCount.reduce(0, +) == 100_000)
    #expect(portfolio.customers.invoiceCount.allSatisfy { $0 >= 1 })
    var perCustomer = [Int](repeating: 0, count: portfolio.customers.count)
    for c in portfolio.invoices.customerIndex { perCustomer[Int(c)] += 1 }
    #expect(perCustomer == portfolio.customers.invoiceCount)
    // Skewed: the busiest tenth of customers get a large share of the invoices.
    let sorted = portfolio.customers.invoiceCount.sorted(by: >)
    #expect(Double(sorted.prefix(200).reduce(0, +)) / 100_000 > 0.3)
  }

  @Test(arguments: [(10, 3), (5, 0), (1, 1), (3, 1_000)])
  func smallPortfolios(customers: Int, invoices: Int) {
    let small = Fixtures.portfolio(
      SimulationConfiguration(
        customerCount: customers, invoiceCount: invoices, seed: 3))
    #expect(small.customers.count == customers)
    #expect(small.invoices.count == invoices)
    #expect(small.customers.invoiceCount.reduce(0, +) == invoices)
  }

  @Test func invalidConfigurationsAreRejected() {
    #expect(throws: SimulationError.self) {
      try Simulator(SimulationConfiguration(customerCount: 0))
    }
    #expect(throws: SimulationError.self) {
      try Simulator(SimulationConfiguration(invoiceCount: -1))
    }
    var config = SimulationConfiguration()
    config.model.aftSigma = 0
    #expect(throws: SimulationError.self) { try Simulator(config) }
    config = SimulationConfiguration(regions: [])
    #expect(throws: SimulationError.self) { try Simulator(config) }
  }

  @Test func identifiersAreCanonical() {
    #expect(portfolio.customers.id.first == "C000001")
    #expect(portfolio.customers.id.last == "C002000")
    #expect(SimulatedInvoices.id(forIndex: 0) == "INV00000001")
    #expect(SimulatedInvoices.id(forIndex: 123_456_788) == "INV123456789")
    #expect(Set(portfolio.customers.id).count == portfolio.customers.count)
    #expect(Set(portfolio.customers.region) == ["NA", "EMEA", "APAC", "LATAM"])
    #expect(Set(portfolio.customers.currency).isSubset(of: ["USD", "EUR", "GBP"]))
  }

  @Test func datesAreConsistent() {
    let inv = portfolio.invoices
    let config = portfolio.configuration
    let asOf = config.asOf
    var firstIssue = [Day?](repeating: nil, count: portfolio.customers.count)
    var problems = 0
    for i in 0..<inv.count {
      let issue = inv.issueDate[i]
      let due = inv.dueDate[i]
      let c = Int(inv.customerIndex[i])
      if issue < config.historyStart || issue > asOf { problems += 1 }
      if i > 0 && issue < inv.issueDate[i - 1] { problems += 1 }  // ids follow issue dates
      if due < issue || due.days(since: issue) != inv.termsDays[i] { problems += 1 }
      if let paid = inv.paidDate[i] {
        if paid <= issue || paid > asOf || inv.neverPays[i] || inv.writtenOff[i] { problems += 1 }
      } else {
        // Open exactly when it never pays or its payment falls after the snapshot.
        let payDay = issue.adding(days: max(1, Int(inv.latentDaysToPay[i].rounded())))
        if !(inv.neverPays[i] || payDay > asOf) { problems += 1 }
      }
      let knownLoss = inv.neverPays[i] && asOf.days(since: due) > config.model.writeOffAfterDays
      if inv.writtenOff[i] != knownLoss { problems += 1 }
      if firstIssue[c].map({ issue < $0 }) ?? true { firstIssue[c] = issue }
    }
    #expect(problems == 0)
    for c in 0..<portfolio.customers.count {
      if let first = firstIssue[c] { #expect(portfolio.customers.customerSince[c] <= first) }
    }
  }

  /// The late share is near one half.
  ///
  /// Among invoices due more than 400 days before the snapshot (outcome known): paid after the due date or never paid. B2B surveys put it near one half; we accept 35–65 %.
  @Test func lateShareIsPlausible() {
    let inv = portfolio.invoices
    let asOf = portfolio.configuration.asOf
    var late = 0
    var settled = 0
    for i in 0..<inv.count where asOf.days(since: inv.dueDate[i]) > 400 {
      settled += 1
      if inv.paidDate[i].map({ $0 > inv.dueDate[i] }) ?? true { late += 1 }
    }
    let share = Double(late) / Double(settled)
    #expect(settled > 10_000)
    #expect((0.35...0.65).contains(share), "late share \(share)")
  }

  @Test func sharesArePlausible() {
    let inv = portfolio.invoices
    let n = Double(inv.count)
    let disputed = Double(inv.disputed.filter { $0 }.count) / n
    let paperless = Double(inv.paperless.filter { $0 }.count) / n
    let neverPays = Double(portfolio.neverPaysCount) / n
    let open = Double(portfolio.openCount) / n
    #expect((0.05...0.20).contains(disputed), "disputed \(disputed)")
    #expect((0.50...0.70).contains(paperless), "paperless \(paperless)")
    #expect((0.005...0.02).contains(neverPays), "never pays \(neverPays)")
    #expect((0.02...0.15).contains(open), "open \(open)")
    #expect(portfolio.writtenOffCount > 0 && portfolio.writtenOffCount < portfolio.neverPaysCount)
    #expect(inv.amount.allSatisfy { $0 >= 25 && abs(($0 * 100).rounded() - $0 * 100) < 1e-6 })
  }

  @Test func riskyCustomersAndDisputesPayLater() {
    let inv = portfolio.invoices
    var sums = [0.0, 0.0, 0.0, 0.0]
    var counts = [0, 0, 0, 0]
    for i in 0..<inv.count {
      let risky = portfolio.customers.latentRisk[Int(inv.customerIndex[i])] > 1
      let k = (risky ? 2 : 0) + (inv.disputed[i] ? 1 : 0)
      sums[k] += log(inv.latentDaysToPay[i])
      counts[k] += 1
    }
    let means = (0..<4).map { sums[$0] / Double(counts[$0]) }
    #expect(means[1] > means[0] + 0.3)
    #expect(means[2] > means[0] + 0.3)
  }

  @Test func sameSeedSamePortfolioOtherSeedDifferent() {
    let again = Fixtures.portfolio(portfolio.configuration)
    #expect(again == portfolio)
    var other = portfolio.configuration
    other.seed = 2
    let different = Fixtures.portfolio(other)
    #expect(different.invoices.amount != portfolio.invoices.amount)
    #expect(different.customers.latentRisk != portfolio.customers.latentRisk)
  }

  @Test func customersDoNotDependOnInvoiceCount() {
    // Each customer has its own random stream, so its attributes are the same whatever the
    // invoice count (and whatever the number of threads that drew the invoices).
    let fewer = Fixtures.portfolio(
      SimulationConfiguration(
        customerCount: 2_000, invoiceCount: 20_000, seed: 1))
    #expect(fewer.customers.latentRisk == portfolio.customers.latentRisk)
    #expect(fewer.customers.region == portfolio.customers.region)
  }
}
