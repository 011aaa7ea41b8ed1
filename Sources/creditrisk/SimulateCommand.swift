import ArgumentParser
import CreditData
import CreditSimulation

/// `creditrisk simulate`: writes a synthetic payment history with its ground truth.
struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a synthetic invoice history with known ground truth.",
    discussion: """
      Writes history.csv, customers.csv, fx-rates.csv, truth_customers.csv and truth.json to \
      --out, with \
      truth_invoices.csv (each invoice's true cure-Weibull payment model), promises.csv and \
      disputes.csv (collections events) with their truth_promises.csv and \
      truth_disputes.csv, and truth_collections.json; discounts.csv and \
      truth_discounts.csv with --discount-offer-share. The same seed and options give \
      byte-identical files, and the options below leave the history of a seed unchanged \
      except where they say they change it.
      """)

  @Option(parsing: .unconditional, help: "Number of customers.")
  var customers: Int = SimulationConfiguration().customerCount

  @Option(parsing: .unconditional, help: "Number of invoices issued on or before the as-of date.")
  var invoices: Int = SimulationConfiguration().invoiceCount

  @Option(parsing: .unconditional, help: "Seed of every random draw.")
  var seed = UnsignedArgument(SimulationConfiguration().seed)

  @Option(help: "Folder to write the files to (created if missing).")
  var out: String

  @Option(name: .customLong("as-of"), help: "Snapshot date, YYYY-MM-DD (default 2025-12-31).")
  var asOf: String?

  @Option(parsing: .unconditional, help: "Days of history before the as-of date.")
  var historyDays: Int = SimulationConfiguration().historyDays

  @Flag(
    help: """
      Leave never-paid invoices unflagged: history.csv has no written_off column and they \
      simply stay open.
      """)
  var unflaggedWriteOffs = false

  @Option(
    parsing: .unconditional,
    help: """
      Overall share of invoices that never pay, in (0, 1) (about 0.01 by default), set by \
      calibrating the never-pay intercept; changes which invoices are paid.
      """)
  var neverPayRate: Double?

  @Option(
    parsing: .unconditional,
    help: """
      Share of customers whose payment behaviour worsens from a change date (distress), \
      listed in truth_customers.csv; changes their later payments.
      """)
  var distressedShare: Double = 0

  @Option(
    parsing: .unconditional,
    help: """
      Share of invoices offered a 2% discount for payment within 10 days, written to \
      discounts.csv; changes the payment dates of those that take it.
      """)
  var discountOfferShare: Double = 0

  @Option(
    parsing: .unconditional,
    help: """
      Share of the billed amount that goes to one customer (the first, C000001), in [0, 1): \
      a book dominated by one customer.
      """)
  var dominantShare: Double = 0

  func validate() throws {
    try OptionRange.checkDate("--as-of", asOf)
    try OptionRange.check("--customers", customers, in: 1...1_000_000)
    try OptionRange.check("--invoices", invoices, in: 0...5_000_000)
    try OptionRange.check("--history-days", historyDays, in: 1...36_500, unit: " days")
    try OptionRange.check("--seed", seed)
    let start = (asOf.flatMap { Day(iso: $0) } ?? SimulationConfiguration.defaultAsOf)
      .adding(days: -historyDays)
    guard Day.supportedRange.contains(start) else {
      throw ValidationError(
        "--history-days \(historyDays) starts the history on \(start), before \(Day.supportedRange.lowerBound)"
      )
    }
    // The shares, named by their options (the configuration's own check names its settings).
    if let neverPayRate, !(neverPayRate > 0 && neverPayRate < 1) {
      throw ValidationError(
        "--never-pay-rate \(neverPayRate) is out of range; expected a share above 0 and below 1")
    }
    try OptionRange.check("--distressed-share", distressedShare, in: 0...1)
    try OptionRange.check("--discount-offer-share", discountOfferShare, in: 0...1)
    guard dominantShare >= 0 && dominantShare < 1 else {
      throw ValidationError(
        "--dominant-share \(dominantShare) is out of range; expected a share from 0 up to, not "
          + "including, 1")
    }
    do {
      try makeConfiguration().validate()
    } catch {
      throw ValidationError(error.description)
    }
  }

  func run() throws {
    let portfolio = try Simulator(makeConfiguration()).generate()
    for n in try portfolio.write(to: out) { note("warning: \(n)") }
    print(
      "wrote \(MessageText.counted(portfolio.invoices.count, "invoice")) for "
        + "\(MessageText.counted(portfolio.customers.count, "customer")) "
        + "to \(out) (as of \(portfolio.configuration.asOf), "
        + "\(portfolio.openCount) open, "
        + (unflaggedWriteOffs
          ? "\(portfolio.neverPaysCount) never paid, unflagged"
          : "\(portfolio.writtenOffCount) written off")
        + ", seed \(seed))")
  }

  private func makeConfiguration() -> SimulationConfiguration {
    var config = SimulationConfiguration(
      customerCount: customers, invoiceCount: invoices, seed: seed.number,
      asOf: asOf.flatMap { Day(iso: $0) } ?? SimulationConfiguration.defaultAsOf,
      historyDays: historyDays)
    config.flagsWriteOffs = !unflaggedWriteOffs
    config.neverPayRate = neverPayRate
    config.distressedShare = distressedShare
    config.discountOfferShare = discountOfferShare
    config.dominantCustomerShare = dominantShare
    return config
  }
}
