import CreditData
import CreditModels

extension Scorer {
  /// Scores one shard of the portfolio's customers (`CustomerShard`): the rows one run over the
  /// whole portfolio would give those customers, and what `ShardMerge` needs to put the
  /// shards' rows together as that run would.
  ///
  /// Everything that depends on other customers comes from the whole portfolio, which the
  /// shard reads: the population rates the features shrink toward and the expected_new
  /// run-rate. What depends on other customers' scores (the reasons' portfolio medians, the
  /// worklist's ranks, the cash forecast) is left to the merge, with the values it needs in
  /// `ShardPart`; the shard's own reason cells, ranks and forecast are only its part's.
  public func scoreShard(_ portfolio: Portfolio, shard: CustomerShard) -> (
    result: ScoreResult, part: ShardPart
  ) {
    let whole = OpenBook(portfolio, policy: policy, rule: model.rule)
    let h = portfolio.history
    let mine = h.customerIDs.map(shard.contains)
    var book = whole
    book.openRows = whole.openRows.filter { mine[Int(h.customerIndex[$0])] }
    book.creditNotes = whole.creditNotes.filter { mine[Int(h.customerIndex[$0])] }
    let kept = whole.listed.indices.filter { mine[whole.listed[$0]] }
    book.listed = kept.map { whole.listed[$0] }
    book.probeRows = kept.map { whole.probeRows[$0] }
    book.probes = kept.map { whole.probes[$0] }
    var (result, invoices, probes) = score(book)
    result.ageing = result.ageing.filter { shard.contains($0.customerID) }
    let index = Dictionary(
      book.listed.map { (h.customerIDs[$0], $0) }, uniquingKeysWith: { a, _ in a })
    let columns = model.delinquency.coefficients.count - 1
    let reference = ReasonReference(
      model.features, coefficients: model.delinquency.coefficients,
      contributions: [[Double](repeating: 0, count: columns)], facts: [])
    let cox = model.timeToPaymentCox.baseline
    let facts = customerFacts(book)
    let part = ShardPart(
      shard: shard.index + 1, shards: shard.count, asOfDay: book.asOf.rawValue,
      currency: result.currency,
      portfolioInvoices: whole.openRows.count, portfolioCustomers: whole.listed.count,
      unseenCategoryRows: result.unseenCategoryRows, openCreditNotes: result.openCreditNotes,
      extrapolatedDates: result.extrapolatedDates,
      expectedNew: result.cashForecast.map(\.expectedNew),
      forecast: ShardPart.ForecastInputs(
        baselineTimes: cox.times, baselineHazard: cox.cumulativeHazard,
        logRho: model.timeToPaymentWeibull.logRho, cure: invoices.timing != nil,
        customerCorrelations: invoices.timing?.customerCorrelation?.byCustomer),
      invoices: invoiceKeys(book, invoices),
      reasonFactors: reference.factors.map(\.code), higherIsAdverse: reference.higherIsAdverse,
      customers: zip(book.listed, result.customers).enumerated().map { i, entry in
        ShardPart.CustomerKey(
          customer: entry.0, contributions: probes.contributions[i],
          facts: ShardFacts(facts[i]),
          promiseReason: entry.1.promiseRecord?.adverseReason)
      },
      worklist: result.worklist.map { item in
        ShardPart.WorklistKey(
          customer: index[item.customerID] ?? -1, customerID: item.customerID,
          invoiceID: item.invoiceID, customerAmountAtRisk: item.customerAmountAtRisk,
          daysPastDue: item.daysPastDue)
      },
      ageing: result.ageing.map { customerIndex($0.customerID, index, h) },
      paymentPlans: result.collections.paymentPlans.map { index[$0.customerID] ?? -1 },
      discountOffers: result.collections.discountOffers.map { index[$0.customerID] ?? -1 })
    return (result, part)
  }

  /// The open invoices' keys and forecast inputs, in the shard's invoices.csv order.
  private func invoiceKeys(_ book: OpenBook, _ predictions: Predictions)
    -> ShardPart.InvoiceKeys
  {
    let h = book.portfolio.history
    var keys = ShardPart.InvoiceKeys()
    keys.historyRow = book.openRows
    keys.customer = book.openRows.map { Int(h.customerIndex[$0]) }
    keys.amount = book.openRows.map { book.portfolio.owed($0) }
    keys.age = book.openRows.map { Double(book.asOf.days(since: h.issueDate[$0])) }
    keys.relativeHazard = predictions.curves.map(\.relativeHazard)
    keys.logLambda = predictions.curves.map(\.logLambda)
    keys.withinWeeks = predictions.timing?.withinWeeks ?? []
    return keys
  }

  /// The index of the customer called `id` (listed, or else looked up in the history).
  private func customerIndex(_ id: String, _ listed: [String: Int], _ h: InvoiceHistory) -> Int {
    listed[id] ?? h.customerIDs.firstIndex(of: id) ?? -1
  }
}

extension PaymentCurve {
  /// The curve with relative hazard `e^{xβ}` already taken (a shard's, `ShardPart`).
  init(baseline: BaselineHazard, relativeHazard: Double, logLambda: Double, logRho: Double) {
    self.baseline = baseline
    self.relativeHazard = relativeHazard
    self.logLambda = logLambda
    self.logRho = logRho
  }
}
