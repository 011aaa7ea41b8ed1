import CreditData
import Testing

@testable import CreditSimulation

@Suite struct DominantCustomerTests {
  /// The first customer's share of the billed amount (and of the amount open at the as-of
  /// date, for comparison).
  private func shares(_ p: SimulatedPortfolio) -> (billed: Double, open: Double) {
    var (first, total, firstOpen, open) = (0.0, 0.0, 0.0, 0.0)
    for i in 0..<p.invoices.count {
      let a = p.invoices.amount[i]
      let isFirst = p.invoices.customerIndex[i] == 0
      total += a
      if isFirst { first += a }
      if p.invoices.paidDate[i] == nil {
        open += a
        if isFirst { firstOpen += a }
      }
    }
    return (first / total, firstOpen / open)
  }

  @Test func theFirstCustomerBillsTheAskedShare() {
    var config = SimulationConfiguration(customerCount: 400, invoiceCount: 20_000, seed: 5)
    config.neverPayRate = 0.07
    let plain = shares(Fixtures.portfolio(config))
    config.dominantCustomerShare = 0.2
    let dominant = shares(Fixtures.portfolio(config))
    #expect(plain.billed < 0.02)
    #expect(abs(dominant.billed - 0.2) < 0.02)
    #expect(dominant.open > 0.1 && dominant.open < 0.3)
  }

  @Test func aShareOfOneOrMoreIsRefused() {
    var config = SimulationConfiguration(customerCount: 10, invoiceCount: 100, seed: 5)
    for share in [1.0, -0.1, .nan] {
      config.dominantCustomerShare = share
      #expect(throws: SimulationError.self) { try config.validate() }
    }
  }
}
