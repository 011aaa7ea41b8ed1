import CreditData

/// One open invoice, scored (a row of invoices.csv).
public struct InvoiceScore: Sendable, Equatable {
  public var invoiceID: String
  public var customerID: String
  public var amount: Double
  public var dueDate: Day
  public var daysPastDue: Int
  /// P(more than `lateDays` past due), given how long it has been open.
  public var pd: Double
  /// Issue date + the conditional median time to payment given it is still open.
  public var expectedPaymentDate: Day
  /// True when the Cox model cannot reach that median (it then comes from the Weibull model).
  public var expectedDateExtrapolated: Bool
  /// P(paid within 30 days of the as-of date | still open).
  public var pPaid30d: Double
  public var riskGrade: String
  /// P(ever paid | still open at its age).
  public var pPaidEver: Double
  /// P10 and P90 of the payment date given that it is paid.
  public var paymentDateP10: Day
  public var paymentDateP90: Day
  /// What the expected date rests on: `paid_median` (the median given paid), `unlikely_to_pay`
  /// (the same date, but the invoice is more likely never to be paid); without a cure model
  /// `cox` or `weibull_beyond_cox_support` (the Cox/Weibull curve).
  public var expectedPaymentBasis: String
}

/// One customer, scored (a row of customers.csv).
public struct CustomerScore: Sendable, Equatable {
  public var customerID: String
  public var openBalance: Double
  public var overdueBalance: Double
  /// PD of the customer's typical next invoice issued today.
  public var pd: Double
  public var riskScore: Int
  public var riskGrade: String
  /// Up to three adverse reasons, largest first ("" where fewer apply): `reasonDetails`'
  /// texts, and an adverse promise record's (`reason(_:)`).
  public var reasons: [String] { (0..<Self.reasonCells).map(reason) }
  /// The reasons with their values (see `CustomerReason`).
  public var reasonDetails: [CustomerReason] = []
  /// The customer's own values the reasons quote.
  public var facts: CustomerFacts? = nil
  /// Promises matured and kept, when a promises file was given.
  public var promiseRecord: PromiseRecord? = nil
  /// Recent payments against the customer's own record, when it has enough of both.
  public var distress: DistressSignal? = nil
}

/// A collections task about one open invoice (a row of worklist.csv).
public struct WorklistItem: Sendable, Equatable {
  /// Position in the worklist, 1 first: customers by `customerAmountAtRisk`, most first.
  public var rank: Int
  public var customerID: String
  public var invoiceID: String
  /// The part of the invoice not expected within 30 days: `amount × (1 − p_paid_30d)`.
  public var amountAtRisk: Double
  public var action: String
  public var actionDate: Day
  /// Why this action, in words (how far past due, the ladder's rung, what comes next).
  public var reason: String
  public var amount: Double
  public var daysPastDue: Int
  public var disputed: Bool
  /// The customer's amount at risk over all its open invoices (what ranks the customers).
  public var customerAmountAtRisk: Double
  /// `amount × (1 − p_paid_ever) × lossGivenDefault`, only with a stated loss given default.
  public var expectedLoss: Double?
}

/// Expected collections in one week (a row of cash_forecast.csv).
public struct CashForecastWeek: Sendable, Equatable {
  public var weekStart: Day
  public var expected: Double
  public var p10: Double
  public var p90: Double
  /// Expected collections from invoices not yet issued at the as-of date (the history's
  /// run-rate, `NewInvoiceRunRate`); not part of `expected`, `p10` or `p90`.
  public var expectedNew: Double = 0
  /// Instalments of accepted payment plans due in the week: part of `expected`.
  public var acceptedPlans: Double = 0
  /// The modelled cash of the invoices those plans cover: not part of `expected`.
  public var replacedByPlans: Double = 0
}

extension CustomerScore {
  /// The reason cells of customers.csv.
  public static let reasonCells = 3

  /// Reason cell `k` (0 to 2) of customers.csv (`reasonCell`), its text made when read.
  public func reason(_ k: Int) -> String {
    Self.reasonCell(
      k, reasonDetails, facts: facts, promiseReason: promiseRecord?.adverseReason)
  }

  /// Reason cell `k` of a customer with `reasons` (the model's, at most three, largest first)
  /// and `facts`: the reasons' texts, then "" where fewer apply; an adverse promise record
  /// (`PromiseRecord.adverseReason`) takes the first free cell, or the third (the model's
  /// weakest reason) when all three are taken.
  static func reasonCell(
    _ k: Int, _ reasons: [CustomerReason], facts: CustomerFacts?, promiseReason: String?
  ) -> String {
    precondition(reasons.count <= reasonCells && k >= 0 && k < reasonCells, "three cells")
    if let promiseReason, k == min(reasons.count, reasonCells - 1) { return promiseReason }
    guard k < reasons.count, let facts else { return "" }
    return reasons[k].text(facts)
  }
}

/// Everything `score` produces.
public struct ScoreResult: Sendable {
  public var asOf: Day
  public var invoices: [InvoiceScore]
  public var customers: [CustomerScore]
  public var creditLimits: [CreditLimitDecision]
  public var worklist: [WorklistItem]
  public var ageing: [AgeingRow]
  /// The portfolio's open balance per `AgeingBucket`: the sum of the `ageing` rows.
  public var ageingTotals: [Double] {
    ageing.reduce(into: AgeingBucket.zeros) { totals, row in
      for b in totals.indices { totals[b] += row.buckets[b] }
    }
  }
  public var cashForecast: [CashForecastWeek]
  /// Each open invoice's chances of payment by week, what the cash forecast sums.
  ///
  /// `W(7k)` = P(paid within 7k days | open), k = 0...13, as `[k][i]` in the order of
  /// `invoices`. Kept only when the scorer is asked
  /// (`Scorer.keepsWeeklyChances`, for the backtest's cash by age) and the model has a cure
  /// part; nil otherwise.
  package var openInvoiceWeeks: [[Double]]? = nil
  /// Open invoices scored with a category level the model never saw (mapped to the
  /// baseline).
  public var unseenCategoryRows: Int
  /// Customers (their typical next invoice) scored with such a level.
  public var unseenCategoryCustomers = 0
  /// Those levels, `region 391`, `industry Retail`, sorted.
  public var unseenCategoryLevels: [String] = []
  /// Open credit notes (negative amounts): in balances and ageing, not scored.
  public var openCreditNotes: Int
  /// Open invoices whose expected payment date came from the Weibull model.
  public var extrapolatedDates: Int
  /// The policy's stated loss given default (the worklist then has `expected_loss`).
  public var lossGivenDefault: Double? = nil
  /// The currency of every amount: the history's one currency (after `--fx`, the reporting
  /// currency); nil when the history does not state one.
  public var currency: String? = nil
  /// The open invoices' features against the model's training invoices; nil when the model
  /// file does not carry its training population.
  public var populationDrift: PopulationDrift? = nil
  /// Promises, disputes and payment plans (`CollectionsOutcome`).
  public var collections = CollectionsOutcome()
}
