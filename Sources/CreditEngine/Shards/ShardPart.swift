import CreditData

/// What `merge` needs of one shard besides its rows (`score --shard`): the key that puts each
/// row where one run over the whole portfolio would write it, the values the portfolio-wide
/// parts are recomputed from, and what every shard of one run must agree on.
///
/// Row keys follow the shard's own files, row for row: `invoices.history_row` for
/// invoices.csv, `customers[i].customer` for customers.csv and credit_limits.csv, and so on.
public struct ShardPart: Codable, Sendable, Equatable {
  /// The layout of this record; `merge` refuses another.
  public static let currentFormat = 1
  public var format = ShardPart.currentFormat
  /// The shard, from 1 to `shards`.
  public var shard: Int
  public var shards: Int
  /// The as-of date, in days since 1970-01-01 (`asOf`).
  public var asOfDay: Int32
  public var asOf: Day { Day(rawValue: asOfDay) }
  /// The currency of every amount (`ScoreResult.currency`).
  public var currency: String?
  /// The score files the shard wrote beside its shard.json (filled by the writer).
  public var files: [String] = []
  /// The `ContentHash` of each of `files`, by name (filled by the writer).
  ///
  /// `merge` refuses a file whose bytes no longer have it: changed after scoring. Nil in a
  /// shard.json written before these hashes were kept (merged unchecked, with a warning).
  public var fileHashes: [String: String]? = nil
  /// What the shards of one run share: the history's and model's content hashes, the
  /// policy, ladder and collections inputs (filled by the caller; compared by `merge`).
  public var inputs: [String: String] = [:]
  /// The whole portfolio's open invoices and listed customers (every shard reads the whole
  /// history, so each knows them; the shards' rows must add up to them).
  public var portfolioInvoices: Int
  public var portfolioCustomers: Int
  /// This shard's rows with an unseen category, open credit notes and extrapolated dates.
  public var unseenCategoryRows: Int
  public var openCreditNotes: Int
  public var extrapolatedDates: Int
  /// expected_new of cash_forecast.csv: from the whole history, the same in every shard.
  public var expectedNew: [Double]
  public var forecast: ForecastInputs
  public var invoices: InvoiceKeys
  /// The reason columns (`ReasonFactor.code`) and whether higher values are adverse.
  public var reasonFactors: [String]
  public var higherIsAdverse: [Bool]
  public var customers: [CustomerKey]
  public var worklist: [WorklistKey]
  /// The customer index of each row of aging.csv, payment_plans.csv and discount_offers.csv.
  public var ageing: [Int]
  public var paymentPlans: [Int]
  public var discountOffers: [Int]

  /// The model's payment curves' shared parts, for the cash forecast.
  public struct ForecastInputs: Codable, Sendable, Equatable {
    /// The Cox baseline (times, cumulative hazard) and the Weibull `log ρ`.
    public var baselineTimes: [Double]
    public var baselineHazard: [Double]
    public var logRho: Double
    /// True when the forecast comes from the mixture-cure model (`InvoiceKeys.withinWeeks`).
    public var cure: Bool
    /// Each customer's correlation of the band (`CustomerCorrelations.byCustomer`, by customer
    /// index), estimated from the whole history and so the same in every shard; nil when the
    /// model has none.
    public var customerCorrelations: [Double]? = nil
  }

  /// One entry per row of the shard's invoices.csv, as columns.
  public struct InvoiceKeys: Codable, Sendable, Equatable {
    /// The invoice's row in the history (invoices.csv is in history order).
    public var historyRow: [Int] = []
    public var customer: [Int] = []
    public var amount: [Double] = []
    /// Days since issue at the as-of date.
    public var age: [Double] = []
    /// The payment curve: `e^{xβ}` of the Cox model and the Weibull `log λ`.
    public var relativeHazard: [Double] = []
    public var logLambda: [Double] = []
    /// With a cure model, P(paid within 7k days | open), k = 0...13, as `withinWeeks[k][i]`.
    public var withinWeeks: [[Double]] = []
  }

  /// One entry per row of the shard's customers.csv (and credit_limits.csv).
  public struct CustomerKey: Codable, Sendable, Equatable {
    public var customer: Int
    /// Each reason column's contribution to the customer's log-odds.
    public var contributions: [Double]
    public var facts: ShardFacts
    /// The adverse promise record that takes a reason cell (`PromiseRecord.adverseReason`).
    public var promiseReason: String?
  }

  /// One entry per row of the shard's worklist.csv: what ranks it.
  public struct WorklistKey: Codable, Sendable, Equatable {
    public var customer: Int
    public var customerID: String
    public var invoiceID: String
    public var customerAmountAtRisk: Double
    public var daysPastDue: Int
  }
}

/// `CustomerFacts`, field for field, as it is stored in a shard.
public struct ShardFacts: Codable, Sendable, Equatable {
  var openBalance, overdueBalance, typicalAmount: Double
  var termsDays: Int
  var paperless: Bool
  var creditLimit: Double?
  var invoices, knownOutcomes, lateInvoices, lateDays, paidInvoices: Int
  var meanDaysLate: Double?
  var daysSinceLate, tenureDays: Int?
  var region, industry: String
  var paceRatio: Double?

  init(_ f: CustomerFacts) {
    (openBalance, overdueBalance, typicalAmount) = (
      f.openBalance, f.overdueBalance, f.typicalAmount
    )
    (termsDays, paperless, creditLimit) = (f.termsDays, f.paperless, f.creditLimit)
    (invoices, knownOutcomes, lateInvoices) = (f.invoices, f.knownOutcomes, f.lateInvoices)
    (lateDays, paidInvoices, meanDaysLate) = (f.lateDays, f.paidInvoices, f.meanDaysLate)
    (daysSinceLate, tenureDays, region, industry) = (
      f.daysSinceLate, f.tenureDays, f.region, f.industry
    )
    paceRatio = f.paceRatio
  }

  var facts: CustomerFacts {
    CustomerFacts(
      openBalance: openBalance, overdueBalance: overdueBalance, typicalAmount: typicalAmount,
      termsDays: termsDays, paperless: paperless, creditLimit: creditLimit, invoices: invoices,
      knownOutcomes: knownOutcomes, lateInvoices: lateInvoices, lateDays: lateDays,
      paidInvoices: paidInvoices, meanDaysLate: meanDaysLate, daysSinceLate: daysSinceLate,
      tenureDays: tenureDays, region: region, industry: industry, paceRatio: paceRatio)
  }
}

extension ReasonFactor {
  /// `feature:<position>`, `region:<level>` or `industry:<level>`.
  var code: String {
    switch self {
    case .feature(let f): return "feature:\(f.rawValue)"
    case .region(let level): return "region:\(level)"
    case .industry(let level): return "industry:\(level)"
    }
  }

  /// The factor of `code`; nil for a code no factor has.
  init?(code: String) {
    guard let colon = code.firstIndex(of: ":") else { return nil }
    let value = String(code[code.index(after: colon)...])
    switch code[..<colon] {
    case "feature":
      guard let f = Int(value).flatMap(NumericFeature.init(rawValue:)) else { return nil }
      self = .feature(f)
    case "region": self = .region(value)
    case "industry": self = .industry(value)
    default: return nil
    }
  }
}
