import CreditData
import CreditSimulation
import Testing

@testable import CreditEngine

/// The new invoices' run rate worked out beside the open book is the history's own.
@Suite("Run rate beside the open book")
struct RunRateBesideTests {
  /// 40,000 simulated invoices, credit notes and invoices never paid among them.
  static func portfolio() throws -> Portfolio {
    let config = SimulationConfiguration(customerCount: 300, invoiceCount: 40_000, seed: 5)
    let sim = try Simulator(config).generate()
    var history = try HistoryLoader.parse(bytes: sim.historyCSV().bytes, fileName: "history.csv")
    // Every 211th invoice never paid, every 97th a credit note, every 89th of nothing.
    for k in Swift.stride(from: 0, to: history.count, by: 211) {
      history.paidDate[k] = nil
      history.writtenOff[k] = false
    }
    for k in Swift.stride(from: 0, to: history.count, by: 97) { history.amount[k] *= -1 }
    for k in Swift.stride(from: 5, to: history.count, by: 89) { history.amount[k] = 0 }
    return Portfolio(history: history, asOf: config.asOf)
  }

  @Test func theRunRateBesideTheBookIsTheHistorysOwn() throws {
    let portfolio = try Self.portfolio()
    let beside = Scorer.runRate(beside: portfolio)
    #expect(beside.value == NewInvoiceRunRate.weekly(portfolio))
    #expect(beside.value.contains { $0 > 0 })
    // The portfolio keeps its ids (the copy gave them up).
    #expect(portfolio.history.invoiceIDs.count == portfolio.history.count)
  }
}
