import CreditData
import CreditModels

#if canImport(Glibc)
  import Glibc
#endif

/// Why an explanation cannot be given.
public enum ExplainError: Error, CustomStringConvertible {
  case unknownCustomer(String, suggestion: String?)
  case notListed(String, lastActivity: Day?, asOf: Day)
  case unknownInvoice(String, suggestion: String?)
  case invoiceNotOpen(String, why: NotOpen)

  /// Why an invoice of the history is not among the open invoices scored.
  public enum NotOpen: Sendable, Equatable {
    case issuedAfter(Day, asOf: Day)
    case paid(Day, asOf: Day)
    /// Written off, with its payment date after the as-of date if it has one.
    case writtenOff(paid: Day?, asOf: Day)
    /// No payment date, but the export's open amount is 0 (`Portfolio.isSettledWithoutDate`).
    case settledWithoutDate
    /// Open, with an amount of 0 or less: counted in the balances, not scored.
    case creditNote(amount: Double)

    /// The state of invoice `k` (a history row) of `portfolio`, which is not open or not
    /// scored.
    static func of(_ k: Int, in portfolio: Portfolio) -> NotOpen {
      let h = portfolio.history
      let asOf = portfolio.asOf
      if !portfolio.isIssued(k) { return .issuedAfter(h.issueDate[k], asOf: asOf) }
      if let paid = portfolio.paidByAsOf(k) { return .paid(paid, asOf: asOf) }
      if h.writtenOff[k] { return .writtenOff(paid: h.paidDate[k], asOf: asOf) }
      if portfolio.isSettledWithoutDate(k) { return .settledWithoutDate }
      return .creditNote(amount: h.amount[k])
    }

    var text: String {
      switch self {
      case .issuedAfter(let issued, let asOf):
        return "issued on \(issued), after the as-of date \(asOf)"
      case .paid(let paid, let asOf):
        return paid == asOf
          ? "paid on \(paid), the as-of date" : "paid on \(paid), before the as-of date \(asOf)"
      case .writtenOff(nil, _):
        return "written off and never paid"
      case .writtenOff(let paid?, let asOf):
        return "written off and not paid by the as-of date \(asOf) (paid on \(paid))"
      case .settledWithoutDate:
        return "settled on a date the export does not give (its open amount is 0)"
      case .creditNote(let amount):
        return "a credit note (amount \(AmountText.money(amount))), counted in the balances, "
          + "not scored"
      }
    }
  }

  public var description: String {
    let hint = { (s: String?) in
      s.map { " (did you mean '\(MessageText.oneLine($0, limit: 60))'?)" } ?? ""
    }
    switch self {
    case .unknownCustomer(let id, let s):
      return "no customer '\(MessageText.oneLine(id, limit: 60))' in the history" + hint(s)
    case .notListed(let id, nil, let asOf):
      return "customer '\(MessageText.oneLine(id, limit: 60))' has no invoice issued by the "
        + "as-of date \(asOf), so it is not scored"
    case .notListed(let id, let last?, let asOf):
      return "customer '\(MessageText.oneLine(id, limit: 60))' has no open balance and no "
        + "activity since \(last) (as of \(asOf)), so it is not scored; see --policy "
        + "activityLookbackDays"
    case .unknownInvoice(let id, let s):
      return "no invoice '\(MessageText.oneLine(id, limit: 60))' in the history" + hint(s)
    case .invoiceNotOpen(let id, .creditNote(let amount)):
      return "invoice '\(MessageText.oneLine(id, limit: 60))' is "
        + NotOpen.creditNote(amount: amount).text
    case .invoiceNotOpen(let id, let why):
      return "invoice '\(MessageText.oneLine(id, limit: 60))' is not open: \(why.text)"
    }
  }
}

extension ExplainError {
  /// The position of `id` in `ids`, else the error `unknown` makes with the id meant.
  ///
  /// The id meant is the first that differs from `id` only in letter case, surrounding
  /// spaces or leading zeros (`611365` for `0000611365`, as a spreadsheet shows a number),
  /// else the closest by edits: the zeros a spreadsheet drops are more edits than a slip of
  /// the keyboard.
  static func position<Ids: Collection<String>>(
    of id: String, in ids: Ids, or unknown: (String, String?) -> ExplainError
  ) throws(ExplainError) -> Int where Ids.Index == Int {
    guard let i = ids.firstIndex(of: id) else {
      let key = CustomerTable.looseKey(id)
      let same = ids.first { CustomerTable.looseKey($0) == key }
      throw unknown(id, same ?? MessageText.closest(to: id, among: ids))
    }
    return i
  }
}

extension Scorer {
  /// The explanation of one customer listed in `result` (which `score(portfolio)` made).
  ///
  /// The score's build-up comes from the same probe query and the same prediction code as
  /// `score` (one row instead of all): each design column's `β z`, the region's and the
  /// industry's columns summed, turned into points with the policy's scaling.
  /// - Throws: `ExplainError` for an id not in the history, or a customer not scored.
  public func explain(customer id: String, in portfolio: Portfolio, scored result: ScoreResult)
    throws -> CustomerExplanation
  {
    let h = portfolio.history
    let c = try ExplainError.position(of: id, in: h.customerIDs, or: ExplainError.unknownCustomer)
    let book = OpenBook(portfolio, policy: policy, rule: model.rule)
    guard let i = book.listed.firstIndex(of: c),
      let score = result.customers.first(where: { $0.customerID == id }),
      let limit = result.creditLimits.first(where: { $0.customerID == id })
    else {
      throw ExplainError.notListed(id, lastActivity: book.tallies[c].lastActivity, asOf: book.asOf)
    }
    let builder = FeatureBuilder(rule: model.rule, shrinkage: model.shrinkage)
    let raw = builder.features(portfolio, queries: [book.probes[i]])
    let row = [book.probeRows[i]]
    let regions = portfolio.regions(rows: row)
    let industries = portfolio.industries(rows: row)
    let prediction = predict(
      raw, regions: regions, industries: industries, wantContributions: true)
    let open = result.invoices.filter { $0.customerID == id }
      .sorted { ($0.dueDate, $0.invoiceID) < ($1.dueDate, $1.invoiceID) }
    // The customer's history rows by invoice id (ids are unique in a history).
    var rowOf: [String: Int] = [:]
    for k in 0..<h.count where Int(h.customerIndex[k]) == c { rowOf[h.invoiceIDs[k]] = k }
    let events = CollectionsBook(portfolio)
    return CustomerExplanation(
      asOf: result.asOf, currency: result.currency, score: score, limit: limit,
      // The base carries the intercept and the PD's out-of-time shift (`DelinquencyCalibration`).
      basePoints: policy.scoreBase
        + points(
          logOdds: model.delinquency.coefficients[0]
            + (model.delinquencyCalibration?.usedShift ?? 0))
        - policy.pointsToDoubleOdds / log(2.0) * log(policy.scoreBaseOdds),
      terms: terms(
        prediction.contributions[0], raw: raw, region: regions[0], industry: industries[0],
        writtenOff: book.tallies[c].writtenOffBalance,
        facts: CustomerFacts(
          portfolio, customer: c, tally: book.tallies[c], probe: book.probes[i],
          region: regions[0], industry: industries[0], rule: model.rule)),
      history: CustomerHistory(portfolio, rows: rowOf.values.sorted(), lateDays: model.lateDays),
      openInvoices: open,
      nextActions: open.compactMap { v in
        rowOf[v.invoiceID].map {
          nextAction(v, row: $0, in: portfolio, result: result, events: events)
        }
      },
      openCredits: rowOf.values.filter { portfolio.isOpen($0) && portfolio.owed($0) < 0 }
        .sorted { (h.dueDate[$0], h.invoiceIDs[$0]) < (h.dueDate[$1], h.invoiceIDs[$1]) }
        .map {
          OpenCredit(
            invoiceID: h.invoiceIDs[$0], amount: portfolio.owed($0), dueDate: h.dueDate[$0])
        },
      worklist: result.worklist.filter { $0.customerID == id },
      pointsToDoubleOdds: policy.pointsToDoubleOdds, shrinkage: model.shrinkage)
  }

  /// The explanation of one invoice open in `result`.
  /// - Throws: `ExplainError` for an id not in the history, or an invoice not open.
  public func explain(invoice id: String, in portfolio: Portfolio, scored result: ScoreResult)
    throws -> InvoiceExplanation
  {
    let h = portfolio.history
    let k = try ExplainError.position(of: id, in: h.invoiceIDs, or: ExplainError.unknownInvoice)
    guard let invoice = result.invoices.first(where: { $0.invoiceID == id }) else {
      throw ExplainError.invoiceNotOpen(id, why: .of(k, in: portfolio))
    }
    let customer = result.customers.first { $0.customerID == invoice.customerID }
    let limit = result.creditLimits.first { $0.customerID == invoice.customerID }
    let events = CollectionsBook(portfolio)
    return InvoiceExplanation(
      asOf: result.asOf, currency: result.currency, invoice: invoice, issueDate: h.issueDate[k],
      disputed: events.isDisputed(k, flagged: h.disputed[k]),
      next: nextAction(invoice, row: k, in: portfolio, result: result, events: events),
      customerGrade: customer?.riskGrade,
      customerOnHold: limit?.hold ?? false)
  }

  /// Points of a contribution `x` to the log-odds of being late: `−x · PDO / ln 2` (the
  /// scorecard's scaling, as `CreditPolicy.points`).
  func points(logOdds x: Double) -> Double { -x * policy.pointsToDoubleOdds / log(2.0) }

  /// The features whose value blends the customer's record with the portfolio's
  /// (`FeatureBuilder`'s shrinkage), so that they differ from its own record.
  static let blendedFeatures: Set<NumericFeature> = [
    .priorLateRate, .priorMeanDaysLate, .priorLogPace,
  ]

  /// One term per numeric feature and one each for region and industry, largest first.
  ///
  /// The balance features count `writtenOff`, the customer's unpaid written-off amount, as
  /// open (an invoice is open to them until paid); their values say how much of it is. The
  /// `blendedFeatures` say `(blended)` when the model shrinks them. The durations (since the
  /// last late payment, of the relationship) are counted to the as-of date from the
  /// customer's `facts`, as customers.csv's reasons count them, not to the probe's issue date
  /// the day after.
  func terms(
    _ contributions: [Double], raw: RawFeatures, region: String, industry: String,
    writtenOff: Double = 0, facts: CustomerFacts? = nil
  ) -> [ScoreTerm] {
    let spec = model.features
    let balances: Set<NumericFeature> = [.logOpenBalance, .logOverdueBalance, .utilisation]
    var terms = spec.numeric.enumerated().map { j, feature in
      let note =
        writtenOff > 0 && balances.contains(feature)
        ? " (\(AmountText.money(writtenOff)) written off included)"
        : model.shrinkage > 0 && Self.blendedFeatures.contains(feature) ? " (blended)" : ""
      let value = facts.flatMap(feature.describe) ?? feature.describe(raw[feature, 0])
      return ScoreTerm(
        feature: feature.label, value: value + note,
        points: points(logOdds: contributions[j]), logOdds: contributions[j])
    }
    let regionEnd = spec.numeric.count + spec.regionLevels.count
    for (name, level, columns) in [
      ("region", region, spec.numeric.count..<regionEnd),
      ("industry", industry, regionEnd..<contributions.count),
    ] where !columns.isEmpty {
      let x = contributions[columns].reduce(0, +)
      terms.append(
        ScoreTerm(
          feature: name, value: level.isEmpty ? "(none)" : level, points: points(logOdds: x),
          logOdds: x))
    }
    return terms.sorted { (abs($0.points), $1.feature) > (abs($1.points), $0.feature) }
  }

  /// The next step for an open invoice at history row `k`: its worklist row's, or for an
  /// invoice not on the worklist the ladder's with the promises and disputes in force
  /// (`CollectionsBook.plan`, the worklist's rule).
  func nextAction(
    _ invoice: InvoiceScore, row k: Int, in portfolio: Portfolio, result: ScoreResult,
    events: CollectionsBook
  ) -> NextAction {
    if let w = result.worklist.first(where: { $0.invoiceID == invoice.invoiceID }) {
      return NextAction(invoiceID: invoice.invoiceID, action: w.action, date: w.actionDate)
    }
    let next = events.plan(
      k, ladder: ladder, dueDate: invoice.dueDate,
      disputed: events.isDisputed(k, flagged: portfolio.history.disputed[k]))
    return NextAction(invoiceID: invoice.invoiceID, action: next.action, date: next.date)
  }
}
