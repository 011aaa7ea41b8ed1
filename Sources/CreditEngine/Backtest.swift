import CreditData

/// An out-of-time test: train on what was known at a cutoff date, score what was open then,
/// and compare with what happened over the following horizon, next to a naive baseline
/// (`NaiveBaseline`).
///
/// The portfolio given to `run` holds the full history; the cutoff portfolio is the same
/// history with `asOf = cutoff`, so invoices issued later are ignored and later payments are
/// unknown. The history's `written_off` flag carries no date, so at the cutoff an unpaid
/// invoice counts as written off only if it was already more than `writeOffAfterDays` past due
/// then (otherwise the flag would leak the future: exactly the invoices that never pay would
/// vanish from the open book). Customer attributes (credit limit, region, industry) are taken
/// as they are in the files: they have no history either.
public struct Backtest: Sendable {
  public var cutoff: Day
  /// Days after the cutoff over which outcomes are observed (90: a quarter, the usual
  /// collections planning window; also what the 13-week forecast covers).
  public var horizonDays: Int
  /// Days past due after which an unpaid invoice flagged written off is taken as written off
  /// at the cutoff (180: a common write-off policy, and the simulator's).
  public var writeOffAfterDays: Int
  public var training: TrainingOptions
  public var policy: CreditPolicy
  public var ladder: CollectionsLadder
  /// The best forecast possible for history row `row` open at `cutoff` (the simulation's
  /// truth): its true median payment date given paid, true PD and true chances of payment
  /// week by week; nil when unknown, and the backtest then has no ceiling.
  public var ceiling: (@Sendable (_ row: Int, _ cutoff: Day) -> BacktestCeiling?)?

  /// The default of `horizonDays`.
  public static let defaultHorizonDays = 90

  public init(
    cutoff: Day, horizonDays: Int = defaultHorizonDays, writeOffAfterDays: Int = 180,
    training: TrainingOptions = TrainingOptions(), policy: CreditPolicy = CreditPolicy(),
    ladder: CollectionsLadder = CollectionsLadder()
  ) {
    self.cutoff = cutoff
    self.horizonDays = horizonDays
    self.writeOffAfterDays = writeOffAfterDays
    self.training = training
    self.policy = policy
    self.ladder = ladder
    self.ceiling = nil
  }

  /// The portfolio as it looked at the cutoff.
  public func pointInTime(_ portfolio: Portfolio) -> Portfolio {
    var past = portfolio
    past.asOf = cutoff
    let h = portfolio.history
    past.history.writtenOff = (0..<h.count).map { k in
      h.writtenOff[k] && h.paidDate[k] == nil
        && cutoff.days(since: h.dueDate[k]) > writeOffAfterDays
    }
    return past
  }

  /// Runs the backtest on the full history of `portfolio` (its own as-of date is ignored).
  /// - Throws: `BacktestError` when the history does not cover the horizon; `TrainingError`
  ///   and `FitError` from training at the cutoff.
  public func run(_ portfolio: Portfolio) throws -> BacktestResult {
    let p = try predictions(portfolio)
    var result = BacktestResult(
      cutoff: cutoff, horizonDays: horizonDays, lateDays: training.rule.lateDays,
      invoices: p.invoices, forecast: p.forecast)
    result.trainedModel = p.trained
    return result
  }

  /// What the model, the naive baseline and (when known) the ceiling predicted at the cutoff
  /// for each invoice open then, with what happened.
  /// - Throws: as `run`.
  public func predictions(_ portfolio: Portfolio) throws -> BacktestPredictions {
    guard horizonDays >= 7 else { throw BacktestError.horizonTooShort(horizonDays) }
    let latest = Portfolio.latestDate(in: portfolio.history)
    let end = cutoff.adding(days: horizonDays)
    guard end <= latest else {
      throw BacktestError.horizonBeyondHistory(cutoff: cutoff, end: end, latest: latest)
    }
    let past = pointInTime(portfolio)
    let trained = try Trainer(options: training).train(past)
    var scorer = Scorer(model: trained, policy: policy, ladder: ladder)
    scorer.keepsWeeklyChances = true
    let score = scorer.score(past)
    let h = past.history
    let rows = (0..<h.count).filter { past.isOpen($0) && h.amount[$0] > 0 }
    precondition(
      rows.count == score.invoices.count
        && zip(rows, score.invoices).allSatisfy { h.invoiceIDs[$0] == $1.invoiceID },
      "scored invoices are not the open rows in file order")
    let naive = NaiveBaseline(past, rule: training.rule)
    let ceilings = rows.map { ceiling?($0, cutoff) }
    let weeks = score.openInvoiceWeeks
    precondition(weeks?.allSatisfy { $0.count == rows.count } ?? true, "a chance per open row")
    let invoices = rows.indices.map { i in
      let (k, s, best) = (rows[i], score.invoices[i], ceilings[i])
      let c = Int(h.customerIndex[k])
      var invoice = BacktestInvoice(
        amount: h.amount[k], dueDate: h.dueDate[k], paidDate: h.paidDate[k], modelPD: s.pd,
        baselinePD: naive.pd(customer: c), modelPaymentDate: s.expectedPaymentDate,
        baselinePaymentDate: naive.paymentDate(customer: c, dueDate: h.dueDate[k]),
        ageAtCutoff: cutoff.days(since: h.issueDate[k]), customer: c,
        ceilingPaymentDate: best?.paymentDate, ceilingPD: best?.pd, invoiceID: h.invoiceIDs[k],
        customerID: h.customerIDs[c])
      invoice.modelPaid30 = s.pPaid30d
      // The forecast's summands: the open amount (the ceiling's: the amount) times the chance
      // of payment in each week.
      invoice.expectedByWeek = weeks.map { w in
        Self.byWeek(past.owed(k)) { w[$0][i] }
      }
      invoice.ceilingExpectedByWeek = best.map { b in
        Self.byWeek(h.amount[k]) { b.paidWithinWeeks[$0] }
      }
      return invoice
    }
    let known = ceilings.compactMap { $0 }
    let ceilingForecast =
      known.isEmpty || known.count < rows.count
      ? nil
      : BacktestCeiling.cashForecast(
        asOf: cutoff, amounts: invoices.map(\.amount), customers: invoices.map(\.customer),
        ceilings: known)
    return BacktestPredictions(
      invoices: invoices, forecast: score.cashForecast, ceilingForecast: ceilingForecast,
      trained: trained)
  }
}

extension Backtest {
  /// `amount` times the chance of payment in each of the forecast's weeks, from the chances of
  /// payment within `7k` days (`within(k)`, k = 0...13), as the forecast takes them
  /// (`CashForecast.weekChance`).
  static func byWeek(_ amount: Double, within: (Int) -> Double) -> [Double] {
    (0..<CashForecast.weeks).map { k in
      amount * CashForecast.weekChance(within: within(k), within(k + 1))
    }
  }
}

/// The per-invoice predictions of one backtest cutoff, the model's weekly forecast and, when
/// the truth is known for every open invoice, the ceiling's.
public struct BacktestPredictions: Sendable {
  public var invoices: [BacktestInvoice]
  public var forecast: [CashForecastWeek]
  public var ceilingForecast: [CashForecastWeek]?
  public var trained: TrainedModel
}

/// A backtest that cannot be run as asked.
public enum BacktestError: Error, CustomStringConvertible, Equatable {
  case horizonBeyondHistory(cutoff: Day, end: Day, latest: Day)
  case horizonTooShort(Int)

  public var description: String {
    switch self {
    case .horizonBeyondHistory(let cutoff, let end, let latest):
      return
        "the history ends on \(latest), before the end of the horizon \(end) (cutoff \(cutoff)); choose an earlier --cutoff or a shorter --horizon"
    case .horizonTooShort(let days):
      return "--horizon \(days) is shorter than one week; at least 7 days are needed"
    }
  }
}
