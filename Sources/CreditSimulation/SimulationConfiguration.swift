import CreditData

/// What to simulate: portfolio size, seed, snapshot date, customer mix and the ground truth.
///
/// The defaults give a two-year history ending on 2025-12-31 for a mid-sized B2B seller:
/// ```
/// var config = SimulationConfiguration(customerCount: 20_000, invoiceCount: 1_000_000, seed: 7)
/// config.model.aftSigma = 0.5   // noisier payment behaviour
/// let portfolio = try Simulator(config).generate()
/// ```
public struct SimulationConfiguration: Sendable, Equatable {
  /// Number of customers.
  public var customerCount: Int
  /// Number of invoices issued on or before the snapshot, over all customers.
  public var invoiceCount: Int
  /// Seed of every random draw; the same seed gives byte-identical output.
  public var seed: UInt64
  /// The snapshot (as-of) date: nothing is issued after it, and payments after it are unknown.
  public var asOf: Day
  /// Length of the invoice history before the snapshot, in days.
  public var historyDays: Int
  /// Customer regions; `NA` is North America.
  public var regions: [SimulationCategory]
  /// Customer industries.
  public var industries: [SimulationCategory]
  /// Invoice currencies, one per customer.
  public var currencies: [SimulationCategory]
  /// Payment terms on offer.
  public var terms: [PaymentTermsOption]
  /// The generating parameters.
  public var model: PaymentModel
  /// Whether invoices known never to pay are flagged in a `written_off` column; when false,
  /// history.csv has no such column and never-paid invoices simply stay open.
  public var flagsWriteOffs: Bool = true
  /// The overall share of invoices that never pay, or nil to keep
  /// `model.writeOffIntercept`; when set, the intercept is recalibrated so that the mean
  /// never-pay probability over the drawn invoices equals it.
  public var neverPayRate: Double?
  /// Share of customers whose payment behaviour worsens from a change date (distress).
  public var distressedShare: Double = 0
  /// Share of invoices offered an early-payment discount.
  public var discountOfferShare: Double = 0
  /// Share of the billed amount that goes to the first customer (a dominant customer), in
  /// [0, 1); 0: the first customer is drawn like the others.
  public var dominantCustomerShare: Double = 0
  /// Parameters of promises, disputes, distress and discounts.
  public var collections = CollectionsModel()

  /// The default snapshot, 2025-12-31.
  public static let defaultAsOf = Day(rawValue: 20_453)

  /// Regions with their shares and latent-risk shifts.
  public static let defaultRegions = [
    SimulationCategory("NA", weight: 0.40, riskShift: 0),
    SimulationCategory("EMEA", weight: 0.30, riskShift: -0.10),
    SimulationCategory("APAC", weight: 0.20, riskShift: 0.10),
    SimulationCategory("LATAM", weight: 0.10, riskShift: 0.40),
  ]

  /// Industries with their shares and latent-risk shifts.
  public static let defaultIndustries = [
    SimulationCategory("Manufacturing", weight: 0.25, riskShift: 0),
    SimulationCategory("Wholesale", weight: 0.20, riskShift: 0.10),
    SimulationCategory("Retail", weight: 0.15, riskShift: 0.25),
    SimulationCategory("Construction", weight: 0.12, riskShift: 0.40),
    SimulationCategory("Technology", weight: 0.15, riskShift: -0.15),
    SimulationCategory("Healthcare", weight: 0.13, riskShift: -0.25),
  ]

  /// Currencies: mostly USD.
  public static let defaultCurrencies = [
    SimulationCategory("USD", weight: 0.85),
    SimulationCategory("EUR", weight: 0.10),
    SimulationCategory("GBP", weight: 0.05),
  ]

  /// Net 30 for most customers, some 15, 45 and 60.
  public static let defaultTerms = [
    PaymentTermsOption(days: 30, weight: 0.70),
    PaymentTermsOption(days: 15, weight: 0.08),
    PaymentTermsOption(days: 45, weight: 0.12),
    PaymentTermsOption(days: 60, weight: 0.10),
  ]

  /// A configuration; every parameter has a default described on its property.
  public init(
    customerCount: Int = 2_000,
    invoiceCount: Int = 100_000,
    seed: UInt64 = 42,
    asOf: Day = SimulationConfiguration.defaultAsOf,
    historyDays: Int = 730,
    regions: [SimulationCategory] = SimulationConfiguration.defaultRegions,
    industries: [SimulationCategory] = SimulationConfiguration.defaultIndustries,
    currencies: [SimulationCategory] = SimulationConfiguration.defaultCurrencies,
    terms: [PaymentTermsOption] = SimulationConfiguration.defaultTerms,
    model: PaymentModel = PaymentModel()
  ) {
    self.customerCount = customerCount
    self.invoiceCount = invoiceCount
    self.seed = seed
    self.asOf = asOf
    self.historyDays = historyDays
    self.regions = regions
    self.industries = industries
    self.currencies = currencies
    self.terms = terms
    self.model = model
  }

  /// The first day on which an invoice can be issued.
  public var historyStart: Day { asOf.adding(days: -historyDays) }

  /// Checks every setting.
  /// - Throws: `SimulationError.invalidSetting` naming the first bad one.
  public func validate() throws(SimulationError) {
    guard customerCount > 0 else { throw .invalid("customer count", "must be at least 1") }
    guard customerCount <= 999_999_999 else {
      throw .invalid("customer count", "must be below one billion")
    }
    guard invoiceCount >= 0 else { throw .invalid("invoice count", "must not be negative") }
    guard historyDays >= 1 else { throw .invalid("history length", "must be at least 1 day") }
    guard asOf.rawValue > Int32(historyDays) else {
      throw .invalid("as-of date", "must leave room for the history")
    }
    for (setting, levels) in [
      ("regions", regions), ("industries", industries),
      ("currencies", currencies),
    ] {
      guard !levels.isEmpty, levels.allSatisfy({ $0.weight >= 0 && $0.weight.isFinite }),
        levels.contains(where: { $0.weight > 0 })
      else { throw .invalid(setting, "need at least one level and non-negative weights") }
    }
    guard !terms.isEmpty, terms.allSatisfy({ $0.days > 0 && $0.weight >= 0 }),
      terms.contains(where: { $0.weight > 0 })
    else { throw .invalid("terms", "need positive days and non-negative weights") }
    guard model.aftSigma > 0, model.aftSigma.isFinite else {
      throw .invalid("AFT sigma", "must be positive")
    }
    guard model.minimumAmount > 0 else { throw .invalid("minimum amount", "must be positive") }
    guard model.writeOffAfterDays >= 0 else {
      throw .invalid("write-off delay", "must not be negative")
    }
    if let rate = neverPayRate, !(rate > 0 && rate < 1) {
      throw .invalid("never-pay rate", "must be between 0 and 1, both excluded")
    }
    for (setting, share) in [
      ("distressed share", distressedShare), ("discount offer share", discountOfferShare),
    ] where !(share >= 0 && share <= 1) {
      throw .invalid(setting, "must be between 0 and 1")
    }
    guard dominantCustomerShare >= 0 && dominantCustomerShare < 1 else {
      throw .invalid("dominant customer share", "must be at least 0 and below 1")
    }
    try collections.validate()
  }
}
