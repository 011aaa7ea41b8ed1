import CreditData
import CreditModels
import Testing

@testable import CreditEngine

/// The training sample's durations and events in risk-set order.
@Suite struct TrainingSampleTests {
  /// Made from the counts of each (days, paid), they equal the outcomes gathered through the
  /// risk-set order, on the IBM sample at a cutoff with open invoices; so do the labels.
  @Test func countedRiskSetOrderEqualsTheGather() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: Day(iso: "2013-06-30")!)
    let rule = DelinquencyRule(lateDays: 30)
    let sample = try TrainingSample(portfolio, rule: rule)
    let natural = Outcomes(portfolio, rows: sample.rows, rule: rule)
    #expect(natural.paid.contains(false) && natural.paid.contains(true))
    #expect(sample.durations == sample.order.map { natural.duration[$0] })
    #expect(sample.events == sample.order.map { natural.paid[$0] })
    // The labels, from their byte codes, as `Outcomes` gives them.
    #expect(sample.late == sample.order.map { natural.late[$0] ?? 0 })
    #expect(sample.known == sample.order.map { natural.late[$0] == nil ? 0 : 1 })
    #expect(sample.late.contains(1) && sample.known.contains(0))
    let h = portfolio.history
    let recent = sample.order.map { i in
      natural.late[i] != nil
        && DelinquencyCalibration.isRecent(
          due: h.dueDate[sample.rows[i]], asOf: portfolio.asOf, rule: rule)
    }
    #expect(sample.recentOutcome == recent && recent.contains(true))
  }

  /// The sample's regions and industries written where each invoice goes in risk-set order
  /// equal them gathered through that order: from the customers file (the bundled sample)
  /// and from the history's own columns.
  @Test func categoriesPlacedInRiskSetOrderEqualTheGather() throws {
    let withColumns = SampleData.portfolio.history
    var history = withColumns
    history.region = Categorical(values: (0..<history.count).map { "r\($0 % 7)" })
    history.industry = Categorical(values: (0..<history.count).map { "i\($0 % 3)" })
    for portfolio in [
      SampleData.portfolio, Portfolio(history: history, asOf: SampleData.portfolio.asOf),
    ] {
      let sample = try TrainingSample(portfolio, rule: DelinquencyRule(lateDays: 30))
      let positions = sample.positions()
      let sortedRows = sample.order.map { sample.rows[$0] }
      let placed = portfolio.categories(rows: sample.rows, placedAt: positions)
      let gathered = (portfolio.regions(rows: sortedRows), portfolio.industries(rows: sortedRows))
      #expect(
        placed.regions.levels == gathered.0.levels && placed.regions.codes == gathered.0.codes)
      #expect(
        placed.industries.levels == gathered.1.levels
          && placed.industries.codes == gathered.1.codes)
      #expect(Set(placed.regions.codes).count > 1 && sortedRows != sample.rows)
    }
  }

  /// Ties of days with both outcomes, a day with payments only and one with open invoices
  /// only; fractional days are left to the gather.
  @Test func countsGiveTheSortedSequence() throws {
    let durations: [Double] = [3, 0, 7, 3, 3, 12, 7, 0, 5, 3]
    let events = [true, false, false, false, true, true, false, true, true, false]
    let order = CoxProportionalHazards.riskSetOrder(durations: durations, events: events)
    let counted = try #require(
      TrainingSample.inRiskSetOrder(durations: durations, events: events))
    #expect(counted.durations == order.map { durations[$0] })
    #expect(counted.events == order.map { events[$0] })
    #expect(counted.durations == [12, 7, 7, 5, 3, 3, 3, 3, 0, 0])
    #expect(TrainingSample.inRiskSetOrder(durations: [1.5, 2], events: [true, true]) == nil)
  }
}

/// What training gives up while it runs.
@Suite struct TrainingMemoryTests {
  /// A sample whose targets are made after the features (`deferringTargets`) has the same
  /// targets and counts as one made at once.
  @Test func deferredTargetsEqualTheOnesMadeAtOnce() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: Day(iso: "2013-06-30")!)
    let rule = DelinquencyRule(lateDays: 30)
    let atOnce = try TrainingSample(portfolio, rule: rule)
    var deferred = try TrainingSample(portfolio, rule: rule, deferringTargets: true)
    #expect(deferred.late.isEmpty && deferred.known.isEmpty && deferred.recentOutcome.isEmpty)
    #expect(deferred.labelled == atOnce.labelled && deferred.lateCount == atOnce.lateCount)
    #expect(deferred.durations.isEmpty && deferred.events.isEmpty)
    // Training makes only the durations; its targets are read off the bytes.
    deferred.makeDurations()
    #expect(deferred.durations == atOnce.durations && deferred.late.isEmpty)
    #expect(deferred.targets.outcomes == atOnce.late && deferred.targets.weights == atOnce.known)
    #expect(atOnce.targets.outcomes == atOnce.late && atOnce.targets.weights == atOnce.known)
    for m in [0, atOnce.late.count / 2, atOnce.late.count - 1] {
      let (late, known, recent) = deferred.outcome(at: m)
      #expect(late == atOnce.late[m] && known == atOnce.known[m])
      #expect(recent == atOnce.recentOutcome[m] && atOnce.outcome(at: m) == (late, known, recent))
    }
    deferred.makeTargets()
    #expect(deferred.durations == atOnce.durations && deferred.events == atOnce.events)
    #expect(!atOnce.durations.isEmpty && atOnce.events.contains(false))
    #expect(deferred.late == atOnce.late && deferred.known == atOnce.known)
    #expect(deferred.recentOutcome == atOnce.recentOutcome)
    #expect(atOnce.late.contains(1) && atOnce.known.contains(0))
  }

  /// Training gives up its own copy's currencies, regions and industries before the feature
  /// sweep, which reads none of them, its customer index once the invoices are grouped, its
  /// disputed, paperless and written-off columns once the first two are kept in bits, and its
  /// due dates once they are kept as terms: the features, categories and recent rows are those
  /// made from the whole history.
  @Test func preparingGivesUpTheColumnsTheSweepDoesNotRead() throws {
    let whole = SampleData.portfolio
    #expect(whole.history.currency != nil && whole.history.region != nil)
    #expect(whole.history.industry != nil)
    var portfolio = whole
    let trainer = Trainer()
    let (_, features, _) = try trainer.prepare(&portfolio)
    #expect(portfolio.history.currency == nil && portfolio.history.region == nil)
    #expect(portfolio.history.industry == nil && whole.history.region != nil)
    #expect(portfolio.history.customerIndex.isEmpty && !whole.history.customerIndex.isEmpty)
    #expect(portfolio.history.count == whole.history.count)
    #expect(portfolio.history.disputed.isEmpty && portfolio.history.paperless.isEmpty)
    #expect(portfolio.history.writtenOff.isEmpty && whole.history.disputed.contains(true))
    #expect(portfolio.history.dueDate.isEmpty && !whole.history.dueDate.isEmpty)
    #expect(whole.history.paperless.contains(true) && whole.history.paperless.contains(false))
    let (_, placement, builder) = try trainer.placedSample(whole)
    let (regions, industries) = whole.categories(placement)
    #expect(features.categories.columns.regions == regions)
    #expect(features.categories.columns.industries == industries)
    #expect(features.categories.width == 1)
    #expect(features.raw.storage == builder.features(whole, placement).storage)
    let recent = PopulationProfile.recentRows(flags: features.recentFlags)
    #expect(recent != nil && recent == PopulationProfile.recentRows(placement, whole))
  }

  /// The flags in two bits an invoice read back each invoice's disputed and paperless
  /// columns, over counts around the 32 invoices of a word.
  @Test(arguments: [0, 1, 31, 32, 33, 95, 1000])
  func invoiceFlagsReadBackTheColumns(count: Int) {
    let days = SampleData.portfolio.history.issueDate
    var history = SampleData.portfolio.history
    history.issueDate = (0..<count).map { days[$0 % days.count] }
    history.disputed = (0..<count).map { ($0 * 7) % 5 == 1 }
    history.paperless = (0..<count).map { ($0 * 3) % 4 != 2 }
    let flags = InvoiceFlags(history)
    for k in 0..<count {
      #expect(flags.disputed(k) == history.disputed[k])
      #expect(flags.paperless(k) == history.paperless[k])
    }
  }

  /// A categorical column keeps its codes in 1, 2 or 4 bytes as its levels allow, and reads
  /// back the same column.
  @Test(arguments: [1, 256, 257, 65_536, 65_537])
  func narrowCategoriesReadBackTheColumn(levels: Int) {
    let names = (0..<levels).map { "L\($0)" }
    let codes = (0..<(levels + 50)).map { Int32(($0 * 7919) % levels) }
    let column = Categorical(levels: names, codes: codes)
    let narrow = NarrowCategorical(column)
    #expect(narrow.width == (levels <= 256 ? 1 : levels <= 65_536 ? 2 : 4))
    #expect(narrow.categorical == column && narrow.levels == names)
  }

  /// The terms in 16 bits read back each invoice's due date and days from issue to due, and
  /// there are none when a due date is 2¹⁵ days or more from its issue date.
  @Test func invoiceTermsReadBackTheDueDates() {
    var history = SampleData.portfolio.history
    let terms = InvoiceTerms(history)
    #expect(terms != nil)
    for k in 0..<history.count {
      #expect(terms?.due(k, issue: history.issueDate[k]) == history.dueDate[k])
      #expect(terms?.days(k) == history.dueDate[k].days(since: history.issueDate[k]))
    }
    history.dueDate[1] = history.issueDate[1].adding(days: -32_768)
    #expect(InvoiceTerms(history)?.days(1) == -32_768)
    history.dueDate[1] = history.issueDate[1].adding(days: 32_767)
    #expect(InvoiceTerms(history)?.days(1) == 32_767)
    history.dueDate[1] = history.issueDate[1].adding(days: 32_768)
    #expect(InvoiceTerms(history) == nil)
  }

  /// Regions and industries whose levels multiply to at most 256 are kept in one byte a row
  /// for both, others each in its own width; either way they read back the same columns.
  @Test(arguments: [(1, 1), (4, 64), (16, 16), (16, 17), (300, 2), (2, 70_000)])
  func narrowCategoryPairsReadBackTheColumns(regionLevels: Int, industryLevels: Int) {
    let rows = 2 * (regionLevels + industryLevels) + 50
    let regions = Categorical(
      levels: (0..<regionLevels).map { "R\($0)" },
      codes: (0..<rows).map { Int32(($0 * 7919) % regionLevels) })
    let industries = Categorical(
      levels: (0..<industryLevels).map { "I\($0)" },
      codes: (0..<rows).map { Int32(($0 * 104_729 + 3) % industryLevels) })
    let pair = NarrowCategories(regions: regions, industries: industries)
    let joint = regionLevels * industryLevels <= 256
    let apart =
      NarrowCategorical(regions).width + NarrowCategorical(industries).width
    #expect(pair.width == (joint ? 1 : apart))
    #expect(pair.columns.regions == regions && pair.columns.industries == industries)
  }

  /// Training empties its own copy's invoice ids: the caller's history keeps them, and a
  /// history without them trains the same model.
  @Test func trainingLeavesTheCallersIdentifiers() throws {
    let portfolio = SampleData.portfolio
    let ids = portfolio.history.invoiceIDs
    let model = try Trainer().train(portfolio)
    #expect(portfolio.history.invoiceIDs == ids && !ids.isEmpty)
    var released = portfolio
    released.history.releaseIdentifiers()
    #expect(released.history.invoiceIDs.isEmpty && released.history.sourceLines.isEmpty)
    #expect(released.history.count == portfolio.history.count)
    let again = try Trainer().train(released)
    #expect(again.delinquency.coefficients == model.delinquency.coefficients)
    #expect(again.metrics.invoicesRead == portfolio.history.count)
  }
}

/// Time to payment longer than a model file may hold.
@Suite struct TrainingSpanTests {
  /// An as-of date at which the oldest open invoice of the sample is 36,500 days old trains a
  /// model that scoring accepts; a day later training stops on that invoice instead of
  /// writing a model that scoring refuses (timeToPaymentCox.baseline.times beyond 36,500).
  @Test func oldestOpenInvoiceBoundsTraining() throws {
    let h = SampleData.portfolio.history
    let far = Portfolio(history: h, asOf: Day(iso: "2199-12-31")!)
    let rows = (0..<h.count).filter { far.isIssued($0) && h.amount[$0] > 0 }
    let outcomes = Outcomes(far, rows: rows, rule: DelinquencyRule(lateDays: 30))
    let oldest = try #require(
      outcomes.duration.indices.max { outcomes.duration[$0] < outcomes.duration[$1] })
    #expect(!outcomes.paid[oldest])
    let limit = Int(TrainedModel.Limits.baselineTime.upperBound)
    let asOf = far.asOf.adding(days: limit - Int(outcomes.duration[oldest]))
    let model = try Trainer().train(Portfolio(history: h, asOf: asOf))
    #expect(model.rangeProblem() == nil)
    let issued = h.issueDate[rows[oldest]]
    #expect(
      throws: TrainingError.tooLongToPayment(
        days: limit + 1, issued: issued, paid: false, asOf: asOf.adding(days: 1))
    ) { try Trainer().train(Portfolio(history: h, asOf: asOf.adding(days: 1))) }
  }
}

/// What training says when it cannot start.
@Suite struct TrainingErrorTextTests {
  /// One invoice is said in the singular.
  ///
  /// It read 'only 1 invoices with a positive amount were issued by the as-of date'.
  @Test func tooFewInvoicesCountsInTheSingular() {
    let asOf = Day(iso: "2024-01-01")!
    #expect(
      TrainingError.tooFewInvoices(1, asOf: asOf).description
        == "only 1 invoice with a positive amount was issued by the as-of date 2024-01-01; "
        + "at least 10 are needed to train")
    #expect(
      TrainingError.tooFewInvoices(2, asOf: asOf).description.hasPrefix(
        "only 2 invoices with a positive amount were issued by the as-of date 2024-01-01;"))
  }
}
