import CreditData
import CreditModels

/// How the shards of one `score --shard` run go together (`ShardPart`s, in any order): the
/// order of each file's rows as one run over the whole portfolio writes them, and the cells
/// that depend on the whole portfolio, recomputed from the shards' values.
///
/// - invoices.csv: by history row (one run lists the open invoices in file order).
/// - customers.csv, credit_limits.csv, aging.csv, payment_plans.csv, discount_offers.csv:
///   by customer index (order of first appearance in the history); a customer's rows are all
///   in one shard, in that shard's order.
/// - reason_1..3 of customers.csv: `ReasonReference` from every listed customer's
///   contributions and facts (portfolio medians), then the adverse promise record's cell.
/// - worklist.csv: the shards' tasks in the worklist's order (`Scorer.worklistPrecedes`; a
///   customer's tasks keep their shard's order) and ranked 1, 2, ...
/// - cash_forecast.csv: `CashForecast` over every open invoice in history order, with the
///   shards' expected_new (the same in each).
public struct ShardMerge: Sendable {
  /// A row of a shard's file: the shard's position in the input and the row (0-based).
  public struct Row: Sendable, Equatable {
    public var part: Int
    public var row: Int
  }

  public var invoices: [Row]
  public var customers: [Row]
  /// The three reason cells of each row of `customers`.
  public var reasons: [[String]]
  public var worklist: [Row]
  public var ageing: [Row]
  public var paymentPlans: [Row]
  public var discountOffers: [Row]
  public var cashForecast: [CashForecastWeek]
  /// cash_forecast.csv's result: the forecast, its as-of date and currency (the rest empty).
  public var forecastResult: ScoreResult {
    var result = ScoreResult(
      asOf: asOf, invoices: [], customers: [], creditLimits: [], worklist: [], ageing: [],
      cashForecast: cashForecast, unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0)
    result.currency = currency
    return result
  }
  var asOf: Day
  var currency: String?

  /// - Precondition: the parts are one run's (`ShardMerge.problem` finds none).
  public init(_ parts: [ShardPart]) {
    asOf = parts.first?.asOf ?? Day(rawValue: 0)
    currency = parts.first?.currency
    invoices = Self.order(parts.map(\.invoices.historyRow))
    customers = Self.order(parts.map { $0.customers.map(\.customer) })
    ageing = Self.order(parts.map(\.ageing))
    paymentPlans = Self.order(parts.map(\.paymentPlans))
    discountOffers = Self.order(parts.map(\.discountOffers))
    let keys = customers.map { parts[$0.part].customers[$0.row] }
    let factors = parts.first?.reasonFactors.compactMap(ReasonFactor.init(code:)) ?? []
    let facts = keys.map(\.facts.facts)
    let reference = ReasonReference(
      factors: factors, higherIsAdverse: parts.first?.higherIsAdverse ?? [],
      contributions: keys.map(\.contributions), facts: facts)
    reasons = keys.indices.map { i in
      let found = reference.reasons(contributions: keys[i].contributions, facts: facts[i])
      return (0..<CustomerScore.reasonCells).map {
        CustomerScore.reasonCell(
          $0, found, facts: facts[i], promiseReason: keys[i].promiseReason)
      }
    }
    worklist = Self.worklistOrder(parts)
    cashForecast = Self.forecast(parts, order: invoices)
  }

  /// Rows sorted by key (ties: part, then row), `keys[part][row]`.
  static func order(_ keys: [[Int]]) -> [Row] {
    var rows = keys.indices.flatMap { p in keys[p].indices.map { Row(part: p, row: $0) } }
    rows.sort { a, b in
      (keys[a.part][a.row], a.part, a.row) < (keys[b.part][b.row], b.part, b.row)
    }
    return rows
  }

  /// The worklist's tasks of all parts in rank order.
  ///
  /// `Scorer.worklist`'s order: customers by amount at risk, most first (ties by customer
  /// id), a customer's tasks the most overdue first (ties by invoice id). A customer's tasks
  /// are all in one shard, whose own worklist has them in one run's order, and the sort keeps
  /// the order of tasks it finds equal (Swift's sort is stable), so sorting the shards' lists
  /// gives one run's order.
  static func worklistOrder(_ parts: [ShardPart]) -> [Row] {
    var tasks: [(row: Row, key: ShardPart.WorklistKey)] = []
    for (p, part) in parts.enumerated() {
      for (r, key) in part.worklist.enumerated() { tasks.append((Row(part: p, row: r), key)) }
    }
    tasks.sort { x, y in
      let (a, b) = (x.key, y.key)
      if a.customer != b.customer {
        if a.customerAmountAtRisk != b.customerAmountAtRisk {
          return a.customerAmountAtRisk > b.customerAmountAtRisk
        }
        return b.customerID > a.customerID
      }
      if a.daysPastDue != b.daysPastDue { return a.daysPastDue > b.daysPastDue }
      return b.invoiceID > a.invoiceID
    }
    return tasks.map(\.row)
  }

  /// The 13-week forecast of every open invoice of the parts, `order` being history order.
  static func forecast(_ parts: [ShardPart], order: [Row]) -> [CashForecastWeek] {
    guard let first = parts.first else { return [] }
    let asOf = first.asOf
    let inputs = first.forecast
    let open: [CashForecastWeek]
    if inputs.cure {
      open = CashForecast.weekly(
        asOf: asOf, amounts: order.map { parts[$0.part].invoices.amount[$0.row] },
        customers: order.map { parts[$0.part].invoices.customer[$0.row] },
        withinWeeks: (0...CashForecast.weeks).map { k in
          order.map { parts[$0.part].invoices.withinWeeks[k][$0.row] }
        },
        correlations: CustomerCorrelations(
          pooled: CashForecast.customerCorrelation, byCustomer: inputs.customerCorrelations ?? []))
    } else {
      let baseline = BaselineHazard(
        times: inputs.baselineTimes, cumulativeHazard: inputs.baselineHazard)
      open = CashForecast.weekly(
        asOf: asOf,
        invoices: order.map { at in
          let keys = parts[at.part].invoices
          return CashForecast.OpenInvoice(
            amount: keys.amount[at.row], age: keys.age[at.row],
            curve: PaymentCurve(
              baseline: baseline, relativeHazard: keys.relativeHazard[at.row],
              logLambda: keys.logLambda[at.row], logRho: inputs.logRho))
        })
    }
    return zip(open, first.expectedNew).map { week, new in
      var week = week
      week.expectedNew = new
      return week
    }
  }
}
