import CreditData
import CreditSimulation
import Testing

@testable import CreditEngine

/// Distress flags against the simulation's truth: customers whose days to pay grow from a
/// change date (`--distressed-share`) are found, and customers without one rarely flagged.
@Suite("Distress")
struct DistressSignalTests {
  /// 400 customers, 24,000 invoices, 10% distressed (seed 11): the flags' precision and
  /// recall among the customers with enough invoices to compare.
  static func evaluate(seed: UInt64) throws -> (precision: Double, recall: Double, flagged: Int) {
    var config = SimulationConfiguration(customerCount: 400, invoiceCount: 24_000, seed: seed)
    config.distressedShare = 0.1
    let sim = try Simulator(config).generate()
    let history = try HistoryLoader.parse(bytes: sim.historyCSV().bytes, fileName: "history.csv")
    let portfolio = Portfolio(history: history, asOf: config.asOf)
    let signals = DistressSignal.all(portfolio)
    var truePositive = 0
    var flagged = 0
    var distressed = 0
    for (c, signal) in signals {
      let index = try #require(sim.customers.id.firstIndex(of: history.customerIDs[c]))
      let truth = sim.customers.distressFrom[index] != nil
      if truth { distressed += 1 }
      if signal.distressed {
        flagged += 1
        if truth { truePositive += 1 }
      }
    }
    return (
      Double(truePositive) / Double(max(flagged, 1)),
      Double(truePositive) / Double(max(distressed, 1)), flagged
    )
  }

  @Test func findsTheSimulatedWorseningCustomers() throws {
    let (precision, recall, flagged) = try Self.evaluate(seed: 11)
    #expect(flagged >= 10)
    #expect(precision >= 0.7, "precision \(precision)")
    #expect(recall >= 0.4, "recall \(recall), precision \(precision)")
  }

  /// Without distress in the simulation, almost nobody is flagged.
  @Test func quietBookIsQuiet() throws {
    var config = SimulationConfiguration(customerCount: 400, invoiceCount: 24_000, seed: 11)
    config.distressedShare = 0
    let sim = try Simulator(config).generate()
    let history = try HistoryLoader.parse(bytes: sim.historyCSV().bytes, fileName: "history.csv")
    let signals = DistressSignal.all(Portfolio(history: history, asOf: config.asOf))
    let flagged = signals.values.filter(\.distressed).count
    #expect(flagged * 50 <= signals.count, "\(flagged) of \(signals.count) flagged")
  }

  /// Scoring takes each customer's signal from its tally (one read of its invoices for both):
  /// the same signals as `all`, flagged ones included.
  @Test func talliesCarryTheSameSignals() throws {
    var config = SimulationConfiguration(customerCount: 400, invoiceCount: 24_000, seed: 11)
    config.distressedShare = 0.1
    let sim = try Simulator(config).generate()
    let history = try HistoryLoader.parse(bytes: sim.historyCSV().bytes, fileName: "history.csv")
    let portfolio = Portfolio(history: history, asOf: config.asOf)
    let signals = DistressSignal.all(portfolio)
    let tallies = CustomerTally.all(portfolio, volumeLookbackDays: 365)
    #expect(signals.count >= 300)
    #expect(signals.values.contains { $0.distressed })
    #expect(tallies.count == history.customerIDs.count)
    for c in tallies.indices { #expect(tallies[c].distress == signals[c], "customer \(c)") }
  }
}
