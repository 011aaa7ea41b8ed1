import CreditData
import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Scores the invoices open at the as-of date with a trained model.
///
/// In named steps: the open book (open invoices, customer tallies, each listed customer's
/// typical next invoice) → the models' predictions for both (one feature sweep) → invoice
/// scores → customer scores and credit limits → the worklist → ageing → the cash forecast.
/// The credit-policy arithmetic (grades, points, limits, holds) is `CreditPolicy`'s.
public struct Scorer: Sendable {
  public var model: TrainedModel
  public var policy: CreditPolicy
  public var ladder: CollectionsLadder
  /// Whether `score` also writes each customer's reminder letter
  /// (`ScoreResult.collections.letters`, what `score --letters` renders); without it the
  /// letters stay empty and cost nothing (at a million invoices they were 5% of scoring).
  public var makesLetters = false
  /// Called where scoring has just given up much of what it made, before it makes more.
  ///
  /// That is after the feature sweep (the issued invoices and the sweep's own work) and after
  /// the open invoices' predictions, before the customers are scored. A caller can give the
  /// freed memory back there (the score command trims the heap); nothing by default.
  public var memoryFreed: (@Sendable () -> Void)? = nil
  /// Whether `score` keeps each open invoice's weekly chances of payment
  /// (`ScoreResult.openInvoiceWeeks`); off, they cost nothing once the forecast is summed.
  package var keepsWeeklyChances = false

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

  /// Scores the portfolio at its as-of date.
  ///
  /// A caller that hands its portfolio over (`consume`) lets scoring give up the history's
  /// columns as their last readers finish (`OpenBook.releaseColumnsAfterPredictions`).
  public func score(_ portfolio: consuming Portfolio) -> ScoreResult {
    // The run rate, a pass over every invoice on one thread, beside the open book's making.
    let runRate = Self.runRate(beside: portfolio)
    var reads = HistoryReads(self, portfolio, runRate: [])
    let book = OpenBook(consume portfolio, policy: policy, rule: model.rule, releasingIDs: true)
    reads.runRate = runRate.value
    return score(book, reads).result
  }

  /// The new invoices' run rate (`NewInvoiceRunRate.weekly`), worked out on another thread.
  ///
  /// It reads the history's amounts and dates, which the open book keeps too, from a copy
  /// without the invoice ids: those are given up by the open book meanwhile.
  static func runRate(beside portfolio: borrowing Portfolio) -> Background<[Double]> {
    var dated = copy portfolio
    dated.history.releaseIdentifiers()
    return Background { [dated] in NewInvoiceRunRate.weekly(dated) }
  }

  /// What scoring reads of the whole history besides the open book and the predictions: the
  /// promises, disputes and discounts matched to the invoices by id, the new invoices' run
  /// rate and the discounts' own take-up.
  struct HistoryReads {
    var events: CollectionsBook
    var runRate: [Double]
    var takeUp: [Int: Double]

    /// - Parameter runRate: the run rate when the caller works it out (`runRate(beside:)`).
    init(_ scorer: Scorer, _ whole: borrowing Portfolio, runRate: [Double]? = nil) {
      let portfolio = copy whole
      events = CollectionsBook(portfolio)
      self.runRate = runRate ?? NewInvoiceRunRate.weekly(portfolio)
      takeUp = scorer.ownTakeUp(portfolio)
    }
  }

  /// Scores an open book (the whole portfolio's, or a shard's: `scoreShard`), with the
  /// predictions the result rests on.
  ///
  /// The book's issued invoices go to the predictions, which give them up as soon as they
  /// have read them: nothing else reads those, and they are the largest thing scoring makes
  /// (32 bytes an issued invoice, 320 MB at 10M invoices). What reads the whole history
  /// besides the predictions (the promises and disputes, the accepted plans, the new
  /// invoices' run rate, the discounts' take-up) is read first, and the invoice ids, which
  /// nothing else reads but the open invoices' scores, are given up before the predictions
  /// (the open invoices' kept); the history's columns that nothing after the predictions
  /// reads are given up after them.
  func score(_ book: consuming OpenBook, _ reads: HistoryReads? = nil) -> (
    result: ScoreResult, invoices: Predictions, probes: Predictions
  ) {
    let issued = book.takeIssued()
    let currency = book.portfolio.history.singleCurrency
    let reads = reads ?? HistoryReads(self, book.portfolio)
    let (events, runRate, takeUp) = (reads.events, reads.runRate, reads.takeUp)
    let plans = acceptedPlans(book)
    book.releaseInvoiceIDs()
    // The customers are scored from the probes alone, beside the open invoices' date
    // correction (mostly one thread's work).
    let (invoicePredictions, probePredictions, customers) = predict(&book, consume issued) {
      scoreCustomers($0, $1)
    }
    book.releaseColumnsAfterPredictions()
    let invoices = scoreInvoices(book, invoicePredictions)
    let customerScores = withPromiseRecords(customers.scores, book, events)
    // The worklist, the cash forecast and the payment plans and discount offers read only what
    // is made above, and each has a serial stretch (the worklist's sort, the plans' sums by
    // customer): side by side.
    let scored = book
    let (work, cash, offers) = Parallel.sideBySide(
      { @Sendable in worklist(scored, invoices.scores, events) },
      { @Sendable in
        forecast(scored, invoicePredictions, runRate: runRate, plans: plans)
      },
      { @Sendable in
        customerOffers(
          scored, customerScores, invoices.scores, probeCurves: probePredictions.curves,
          takeUp: takeUp)
      })
    var result = ScoreResult(
      asOf: scored.asOf, invoices: invoices.scores, customers: customerScores,
      creditLimits: customers.limits, worklist: Self.value(work), ageing: ageing(scored),
      cashForecast: Self.value(cash),
      unseenCategoryRows: invoicePredictions.unseen,
      openCreditNotes: scored.creditNotes.count, extrapolatedDates: invoices.extrapolated,
      lossGivenDefault: policy.lossGivenDefault)
    result.currency = currency
    result.unseenCategoryCustomers = probePredictions.unseen
    result.unseenCategoryLevels = Array(
      Set(invoicePredictions.unseenLevels + probePredictions.unseenLevels)
    ).sorted()
    result.populationDrift = invoicePredictions.drift
    if keepsWeeklyChances { result.openInvoiceWeeks = invoicePredictions.timing?.withinWeeks }
    result.collections.acceptedPlans = plans
    addCollections(to: &result, scored, events, offers: Self.value(offers))
    return (result, invoicePredictions, probePredictions)
  }

  /// The predictions for the open invoices and for the listed customers' probes, from one
  /// feature sweep (the events are built once); the same sweep gives the features of the
  /// invoices open at the landmarks of the cash forecast's customer correlation.
  func predict(_ book: OpenBook) -> (invoices: Predictions, probes: Predictions) {
    var copy = book
    let (invoices, probes, _) = predict(&copy, book.issued) { _, _ in () }
    return (invoices, probes)
  }

  /// `predict(_:)`, and what `withProbes` makes of the probes' predictions, worked on as soon as
  /// they are made, beside the open invoices' date correction.
  ///
  /// `issued` are the book's issued invoices, given up once the feature sweep and the date
  /// correction's state have read them (`sweep`), before the open invoices' design and
  /// predictions; the history's columns that nothing from the sweep on reads are given up
  /// before it (`OpenBook.releaseColumnsBeforeSweep`), and `withProbes` is handed the book
  /// without them.
  func predict<T: Sendable>(
    _ book: inout OpenBook, _ issued: consuming IssuedInvoices,
    withProbes: @escaping @Sendable (OpenBook, Predictions) -> T
  ) -> (invoices: Predictions, probes: Predictions, T) {
    let (invoiceRaw, swept) = sweep(&book, consume issued)
    memoryFreed?()
    let released = book
    let h = released.portfolio.history
    let ages = released.openRows.map { Double(released.asOf.days(since: h.issueDate[$0])) }
    let (regions, industries) = (swept.regions, swept.industries)
    var invoices = predict(
      invoiceRaw, regions: regions, industries: industries, wantContributions: false, ages: ages)
    invoices.drift = model.trainingPopulation.map {
      PopulationDrift($0, raw: invoiceRaw, regions: regions, industries: industries)
    }
    let timing = invoices.timing
    memoryFreed?()
    let (landmarkDesign, state, probeRaw) = (swept.landmarkDesign, swept.state, swept.probeRaw)
    // The two estimates on the landmark rows and the probes' predictions (and what is made of
    // them) read nothing the others make: side by side (the date correction is mostly one
    // thread's work).
    let (correlation, corrected, probes) = Parallel.sideBySide(
      { @Sendable in customerCorrelation(released.portfolio, landmarkDesign) },
      { @Sendable in timing.map { correctingDates($0, released, landmarkDesign, state, ages: ages) }
      },
      { @Sendable in
        let (regions, industries) = released.probeRegionsAndIndustries
        let probes = predict(
          probeRaw, regions: regions, industries: industries, wantContributions: true)
        return (probes, withProbes(released, probes))
      })
    invoices.timing = Self.value(corrected)
    invoices.timing?.customerCorrelation = Self.value(correlation)
    // The weeks, once the dates are corrected and both cores are free again.
    let scale = invoices.timing?.remainingScale
    invoices.timing?.makeWeeks(ages: ages, scaledBy: scale)
    let (probePredictions, made) = Self.value(probes)
    return (invoices, probePredictions, made)
  }

  /// What the predictions read of the history and the issued invoices, before they give
  /// those up, besides the open invoices' features: the probes' features (the same feature
  /// sweep), the landmark rows' design, the date correction's state and the open invoices'
  /// regions and industries.
  struct SweptFeatures: Sendable {
    var probeRaw: RawFeatures
    var landmarkDesign: LandmarkDesign?
    var state: DateCorrectionState?
    var regions: Categorical
    var industries: Categorical
  }

  /// The open invoices' features and the `SweptFeatures` of the book; the date correction has
  /// landmark dates when the model has a cure part (the open invoices' timing) and an invoice
  /// was open at a landmark.
  ///
  /// The queries and the categories of the open invoices and the landmark rows are read
  /// first, and the history's columns that nothing from the sweep on reads are given up
  /// before it (`OpenBook.releaseColumnsBeforeSweep`).
  func sweep(_ book: inout OpenBook, _ issued: consuming IssuedInvoices) -> (
    invoiceRaw: RawFeatures, SweptFeatures
  ) {
    let builder = FeatureBuilder(rule: model.rule, shrinkage: model.shrinkage)
    let read = SweepInputs(self, book, builder)
    book.releaseColumnsBeforeSweep()
    let portfolio = book.portfolio
    let raw = builder.features(portfolio, queries: read.queries, issued: issued)
    let parts = raw.split(
      counts: [
        book.openRows.count, book.probes.count, raw.count - book.openRows.count - book.probes.count,
      ])
    let (invoiceRaw, probeRaw, landmarkRaw) = (parts[0], parts[1], parts[2])
    let marks =
      model.timeToPaymentCure == nil || read.landmarks.isEmpty
      ? nil : CustomerCashCorrelation.landmarks(asOf: portfolio.asOf)
    let state = dateCorrectionState(book, issued, marks: marks)
    issued = IssuedInvoices()
    return (
      invoiceRaw,
      SweptFeatures(
        probeRaw: probeRaw,
        landmarkDesign: landmarkDesign(
          portfolio, read.landmarks, landmarkRaw, rowCategories: read.landmarkCategories),
        state: state, regions: read.regions, industries: read.industries)
    )
  }

  /// What the sweep reads of the history's columns it gives up: the queries of the open
  /// invoices, the probes and the landmark rows, and the categories of the open invoices and
  /// the landmark rows.
  struct SweepInputs {
    var queries: [FeatureQuery]
    var landmarks: [CustomerCashCorrelation.LandmarkRow]
    var regions: Categorical
    var industries: Categorical
    var landmarkCategories: (regions: Categorical, industries: Categorical)

    init(_ scorer: Scorer, _ book: OpenBook, _ builder: FeatureBuilder) {
      let portfolio = book.portfolio
      landmarks = scorer.correlationRows(portfolio)
      let landmarkRows = landmarks.map(\.row)
      // One array of the three, each part copied into it once.
      queries = builder.invoiceQueries(portfolio, rows: book.openRows)
      queries.reserveCapacity(queries.count + book.probes.count + landmarkRows.count)
      queries += book.probes
      queries += builder.invoiceQueries(portfolio, rows: landmarkRows)
      regions = portfolio.regions(rows: book.openRows, book.categories)
      industries = portfolio.industries(rows: book.openRows, book.categories)
      landmarkCategories = (
        portfolio.regions(rows: landmarkRows, book.categories),
        portfolio.industries(rows: landmarkRows, book.categories)
      )
    }
  }

  /// What a task that cannot throw returned (`Parallel.sideBySide`).
  private static func value<T>(_ result: Result<T, any Error>) -> T {
    switch result {
    case .success(let value): return value
    case .failure(let error): preconditionFailure("a task that cannot throw threw \(error)")
    }
  }

  /// Model outputs for a set of feature queries.
  struct Predictions: Sendable {
    var pd: [Double]
    var curves: [PaymentCurve]
    var contributions: [[Double]]
    var unseen: Int
    /// The category levels of those rows never seen in training (`FeatureSpec.unseenLevels`).
    var unseenLevels: [String] = []
    /// The cure model's dates and probabilities (open invoices, when the model has one).
    var timing: PaymentTiming?
    /// The open invoices' features against the training population (when the model has it).
    var drift: PopulationDrift? = nil
  }

  /// `predict(_:regions:industries:wantContributions:ages:)` for `rows` of `raw` (and of
  /// `regions` and `industries`); `ages` are those rows' own.
  func predictRows(
    _ raw: RawFeatures, regions: Categorical, industries: Categorical, rows: [Int],
    wantContributions: Bool, ages: [Double]?
  ) -> Predictions {
    let (x, unseen) = model.features.design(
      raw: raw, regions: regions, industries: industries, intercept: true, rows: rows)
    let logit = model.delinquency
    let calibration = model.delinquencyCalibration
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
          let eta = logit.linearPredictor(row)
          pd.append(calibration?.probability(linearPredictor: eta) ?? LogisticFit.sigmoid(eta))
          curves.append(
            PaymentCurve(
              baseline: baseline, coxLinearPredictor: cox.linearPredictor(row + 1),
              weibullLogLambda: weibull.linearPredictor(row), logRho: weibull.logRho))
          if wantContributions {
            contributions.append((1..<p).map { logit.coefficients[$0] * row[$0] })
          }
        }
        return Predictions(pd: pd, curves: curves, contributions: contributions, unseen: 0)
      }
    }
    var timing: PaymentTiming?
    if let cure = model.timeToPaymentCure, let ages {
      timing = PaymentTiming(cure, x: x, ages: ages)
    }
    return Predictions(
      pd: parts.flatMap(\.pd), curves: parts.flatMap(\.curves),
      contributions: parts.flatMap(\.contributions), unseen: unseen, timing: timing)
  }
}
