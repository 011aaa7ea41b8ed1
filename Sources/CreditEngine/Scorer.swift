import CreditData
import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Scores the invoices open at the as-of date with a trained model.
public struct Scorer: Sendable {
  public var model: TrainedModel
  public var policy: CreditPolicy
  public var ladder: CollectionsLadder

  /// - Parameter model: a trained model (`Trainer.train`, or a model file that `ModelFile` has
  ///   read and checked).
  public init(
    model: TrainedModel, policy: CreditPolicy = CreditPolicy(),
    ladder: CollectionsLadder = CollectionsLadder()
  ) {
    self.model = model
    self.policy = policy
    self.ladder = ladder
  }

  /// Latest expected payment age, in days after issue (100 years).
  static let maximumPaymentAge = 36_500.0

  /// Model outputs for a set of feature queries.
  struct Predictions {
    var pd: [Double]
    var curves: [PaymentCurve]
    var contributions: [[Double]]
    var unseen: Int
  }

  /// PD at issue, payment curve and per-column contributions for rows of raw features.
  func predict(
    _ raw: RawFeatures, regions: Categorical, industries: Categorical, wantContributions: Bool
  ) -> Predictions {
    let (x, unseen) = model.features.design(
      raw: raw, regions: regions, industries: industries, intercept: true)
    let logit = model.delinquency
    let cox = model.timeToPaymentCox
    let weibull = model.timeToPaymentWeibull
    let p = x.features
    // Rows in chunks on both cores, results in order.
    let parts = x.storage.withUnsafeBufferPointer { buffer in
      Parallel.map(x.observations, minimumChunk: 4096) { chunk in
        // Each chunk's curves share a copy of the baseline of their own. Every curve holds a
        // reference to the baseline arrays, and every copy of a curve counts it: with one
        // shared pair of arrays, both cores updated the same two reference counts for every
        // curve (here, in `score` and in the cash forecast, which go over the rows in the
        // same chunks), and those updates were 12% of the scoring process's time.
        let baseline = BaselineHazard(
          times: cox.baseline.times.map { $0 },
          cumulativeHazard: cox.baseline.cumulativeHazard.map { $0 })
        var pd: [Double] = []
        var curves: [PaymentCurve] = []
        var contributions: [[Double]] = []
        pd.reserveCapacity(chunk.count)
        curves.reserveCapacity(chunk.count)
        for i in chunk {
          // The design row has the intercept in column 0; the Cox model's columns follow it.
          let row = buffer.start + i * p
          pd.append(LogisticFit.sigmoid(logit.linearPredictor(row)))
          curves.append(
            PaymentCurve(
              baseline: baseline, coxLinearPredictor: cox.linearPredictor(row + 1),
              weibullLogLambda: weibull.linearPredictor(row), logRho: weibull.logRho))
          if wantContributions {
            contributions.append((1..<p).map { logit.coefficients[$0] * row[$0] })
          }
        }
        return (pd, curves, contributions)
      }
    }
    let pd = parts.flatMap(\.0)
    let curves = parts.flatMap(\.1)
    let contributions = parts.flatMap(\.2)
    return Predictions(pd: pd, curves: curves, contributions: contributions, unseen: unseen)
  }

  /// Scores the portfolio at its as-of date.
  public func score(_ portfolio: Portfolio) -> ScoreResult {
    let h = portfolio.history
    let asOf = portfolio.asOf
    let rule = model.rule

    // MARK: Open invoices
    var openRows: [Int] = []
    var creditNotes: [Int] = []
    for k in 0..<h.count where portfolio.isOpen(k) {
      if h.amount[k] > 0 { openRows.append(k) } else { creditNotes.append(k) }
    }
    let builder = FeatureBuilder(rule: rule, shrinkage: model.shrinkage)
    let invoiceQueries = builder.invoiceQueries(portfolio, rows: openRows)

    // MARK: Customers
    let customerCount = h.customerIDs.count
    let tallies = CustomerTally.all(portfolio, volumeLookbackDays: policy.volumeLookbackDays)
    // Every listed customer has an issued invoice (open balance or recent activity need one).
    let listed = (0..<customerCount).filter { c in
      tallies[c].lastInvoice != nil
        && (tallies[c].hasOpen
          || (tallies[c].lastActivity.map { asOf.days(since: $0) < policy.activityLookbackDays }
            ?? false))
    }
    // A typical next invoice of each listed customer, issued the day after the as-of date:
    // its features see everything up to and including the as-of date.
    let probeRows = listed.compactMap { tallies[$0].lastInvoice }
    let probes = zip(listed, probeRows).map { c, k -> FeatureQuery in
      FeatureQuery(
        customer: Int32(c), date: asOf.adding(days: 1),
        amount: tallies[c].typicalAmount ?? max(h.amount[k], 0),
        termsDays: tallies[c].typicalTerms ?? h.dueDate[k].days(since: h.issueDate[k]),
        disputed: false, paperless: h.paperless[k],
        creditLimit: portfolio.creditLimit(customer: c, invoice: k))
    }
    // One feature sweep for the open invoices and the probes (the events are built once).
    let raw = builder.features(portfolio, queries: invoiceQueries + probes)
    let (invoiceRaw, probeRaw) = raw.split(at: invoiceQueries.count)
    let invoicePredictions = predict(
      invoiceRaw, regions: portfolio.regions(rows: openRows),
      industries: portfolio.industries(rows: openRows), wantContributions: false)
    let probePredictions = predict(
      probeRaw, regions: portfolio.regions(rows: probeRows),
      industries: portfolio.industries(rows: probeRows), wantContributions: true)

    // Open invoices in chunks on both cores, results in order.
    let scored = Parallel.map(openRows.count, minimumChunk: 4096) { chunk in
      var extrapolated = 0
      let invoices = chunk.map { i -> InvoiceScore in
        let k = openRows[i]
        let age = Double(asOf.days(since: h.issueDate[k]))
        let dpd = asOf.days(since: h.dueDate[k])
        let curve = invoicePredictions.curves[i]
        // P(late | still open at age a) = P(late) / P(T > a): late invoices are a subset of
        // those still open at any age before due + lateDays. Once past it, the outcome is
        // known.
        let pd: Double
        if rule.isPastLate(asOf, due: h.dueDate[k]) {
          pd = 1
        } else {
          pd = min(1, invoicePredictions.pd[i] / max(curve.survival(age), 1e-12))
        }
        let median = curve.conditionalPercentile(after: age)
        if median.extrapolated { extrapolated += 1 }
        // A flat tail (tiny ρ, a hazard that never reaches the median) gives an infinite or
        // astronomically late age; Int(_:) would trap on it. A century is "not expected".
        let medianAge =
          median.age.isFinite ? min(median.age, Self.maximumPaymentAge) : Self.maximumPaymentAge
        let paymentAge = max(Int(medianAge.rounded(.up)), Int(age) + 1)
        return InvoiceScore(
          invoiceID: h.invoiceIDs[k], customerID: h.customerIDs[Int(h.customerIndex[k])],
          amount: h.amount[k], dueDate: h.dueDate[k], daysPastDue: dpd, pd: pd,
          expectedPaymentDate: h.issueDate[k].adding(days: paymentAge),
          expectedDateExtrapolated: median.extrapolated,
          pPaid30d: curve.probabilityPaid(within: 30, after: age), riskGrade: policy.grade(pd: pd))
      }
      return (invoices, extrapolated)
    }
    let invoices = scored.flatMap(\.0)
    let extrapolated = scored.reduce(0) { $0 + $1.1 }

    // Each listed customer on its own (chunks of customers on both cores, results in order).
    let reasonTable = ReasonTable(
      model.features, columns: probePredictions.contributions.first?.count ?? 0)
    let decisions = Parallel.map(listed.count, minimumChunk: 1024) { chunk in
      chunk.map { i -> (CustomerScore, CreditLimitDecision) in
        let c = listed[i]
        let t = tallies[c]
        let pd = probePredictions.pd[i]
        let grade = policy.grade(pd: pd)
        return (
          CustomerScore(
            customerID: h.customerIDs[c], openBalance: t.openBalance,
            overdueBalance: t.overdueBalance, pd: pd, riskScore: policy.points(pd: pd),
            riskGrade: grade, reasons: reasons(probePredictions.contributions[i], reasonTable)),
          creditLimit(
            customerID: h.customerIDs[c],
            current: portfolio.creditLimit(customer: c, invoice: t.lastInvoice), grade: grade,
            volume: t.recentVolume, openBalance: t.openBalance, maxDaysPastDue: t.maxDaysPastDue)
        )
      }
    }.flatMap { $0 }
    let customers = decisions.map(\.0)
    let limits = decisions.map(\.1)

    // MARK: Worklist
    var expectedLoss = [Double](repeating: 0, count: customerCount)
    for (i, k) in openRows.enumerated() {
      expectedLoss[Int(h.customerIndex[k])] += h.amount[k] * invoices[i].pd
    }
    var work: [WorklistItem] = []
    for c in 0..<customerCount {
      guard let k = tallies[c].driver else { continue }
      let dpd = asOf.days(since: h.dueDate[k])
      let urgency = 1 + Double(max(dpd, 0)) / 30
      let next = ladder.nextAction(
        dueDate: h.dueDate[k], asOf: asOf, disputed: tallies[c].disputedOpen)
      work.append(
        WorklistItem(
          rank: 0, customerID: h.customerIDs[c], priority: expectedLoss[c] * urgency,
          expectedLoss: expectedLoss[c], action: next.action, actionDate: next.date,
          openBalance: tallies[c].openBalance, maxDaysPastDue: dpd, invoiceID: h.invoiceIDs[k]))
    }
    work.sort { ($0.priority, $1.customerID) > ($1.priority, $0.customerID) }
    for i in work.indices { work[i].rank = i + 1 }

    // MARK: Ageing
    let ageingRows = (0..<customerCount).filter { tallies[$0].hasOpen }.map {
      AgeingRow(customerID: h.customerIDs[$0], buckets: tallies[$0].ageing)
    }

    return ScoreResult(
      asOf: asOf, invoices: invoices, customers: customers, creditLimits: limits, worklist: work,
      ageing: ageingRows,
      cashForecast: CashForecast.weekly(
        asOf: asOf,
        invoices: openRows.enumerated().map { (i, k) in
          (
            amount: h.amount[k], age: Double(asOf.days(since: h.issueDate[k])),
            curve: invoicePredictions.curves[i]
          )
        }),
      unseenCategoryRows: invoicePredictions.unseen + probePredictions.unseen,
      openCreditNotes: creditNotes.count, extrapolatedDates: extrapolated)
  }

  /// The reason of each design column (without intercept), as an index into `names`: columns
  /// with the same words share one reason.
  struct ReasonTable {
    var names: [String] = []
    var ofColumn: [Int] = []

    init(_ features: FeatureSpec, columns: Int) {
      var index: [String: Int] = [:]
      for j in 0..<columns {
        let name = features.reason(forColumn: j)
        if let k = index[name] {
          ofColumn.append(k)
        } else {
          index[name] = names.count
          ofColumn.append(names.count)
          names.append(name)
        }
      }
    }
  }

  /// The three largest adverse contributions to the log-odds, in words; columns with the same
  /// reason add up, larger first, ties by name.
  func reasons(_ contributions: [Double], _ table: ReasonTable) -> [String] {
    var total = [Double](repeating: 0, count: table.names.count)
    var adverse = [Bool](repeating: false, count: table.names.count)
    for (j, value) in contributions.enumerated() where value > 0 {
      total[table.ofColumn[j]] += value
      adverse[table.ofColumn[j]] = true
    }
    let top = table.names.indices.filter { adverse[$0] }
      .sorted { (total[$0], table.names[$1]) > (total[$1], table.names[$0]) }
      .prefix(3).map { table.names[$0] }
    return top + [String](repeating: "", count: 3 - top.count)
  }

  /// The policy's limit and hold decision for one customer.
  func creditLimit(
    customerID: String, current: Double?, grade: String, volume: Double, openBalance: Double,
    maxDaysPastDue: Int?
  ) -> CreditLimitDecision {
    let monthly = volume / (Double(policy.volumeLookbackDays) / (365.0 / 12.0))
    var target = monthly * (policy.gradeLimitFactors[grade] ?? 1)
    if let current, current > 0 {
      target = min(
        max(target, current * (1 - policy.maximumDecrease)), current * (1 + policy.maximumIncrease))
    }
    let recommended = policy.roundLimit(target)
    var why: [String] = []
    if let dpd = maxDaysPastDue, dpd > policy.holdDaysPastDue {
      why.append("invoice \(dpd) days past due (over \(policy.holdDaysPastDue))")
    }
    if policy.holdGrades.contains(grade) { why.append("grade \(grade)") }
    if let current, current > 0, openBalance > policy.holdUtilisation * current {
      let pct = Int((100 * openBalance / current).rounded())
      why.append("open balance at \(pct)% of limit")
    }
    let reason: String
    if !why.isEmpty {
      reason = "hold: " + why.joined(separator: "; ")
    } else if let current, current > 0 {
      reason =
        recommended > current
        ? "increase: grade \(grade), volume supports it"
        : recommended < current ? "decrease: grade \(grade) and recent volume" : "no change"
    } else {
      reason = "new limit: grade \(grade) x monthly volume"
    }
    return CreditLimitDecision(
      customerID: customerID, currentLimit: current, recommendedLimit: recommended,
      hold: !why.isEmpty, reason: reason)
  }
}
