import CreditData
import CreditModels

/// The pooled evaluation of a rolling backtest (`RollingBacktest`).
///
/// Scope of each metric, over the invoices open at each cutoff with a positive amount:
/// - PD (AUC, Brier, mean PD vs observed late rate): invoices not yet more than `lateDays`
///   past due at the cutoff whose outcome is determinable either way by the end of the
///   horizon (`DelinquencyRule.determinableOutcome`: due more than `lateDays` before it, so
///   an invoice with long terms enters whether it is paid on time or not), pooled over the
///   cutoffs.
/// - Payment-date error (predicted − actual, days) by age at the cutoff: invoices paid at any
///   time in the history after the cutoff (the expected date is the median given paid, so
///   invoices never paid have no date to compare). Model, naive baseline and, when the truth
///   is known, the ceiling, on the same invoices.
/// - Cash: per cutoff, the 13 weeks' forecast total against the collections from the invoices
///   open then (error as a share of the actual); coverage = share of all weeks whose actual
///   collections fell inside the model's P10–P90 band. The same for the ceiling's forecast when
///   the truth is known: how far chance alone takes a perfect forecast's total and band.
///
/// Intervals are 95% percentile bootstrap intervals that resample customers (all of a drawn
/// customer's invoices at every cutoff come together, since a customer's invoices move
/// together), seeded, so the same inputs give the same intervals.
public struct RollingBacktestResult: Sendable {
  /// A cutoff skipped, and why (`TrainingError`'s text).
  public struct Skipped: Sendable, Equatable {
    public var cutoff: Day
    public var reason: String
  }

  /// One cutoff's predictions and weekly comparison.
  public struct Cutoff: Sendable {
    public var cutoff: Day
    public var invoices: [BacktestInvoice]
    public var weeks: [BacktestWeek]
    /// The ceiling's forecast of the same weeks, when the truth is known.
    public var ceilingWeeks: [CashForecastWeek]?

    public init(
      cutoff: Day, invoices: [BacktestInvoice], weeks: [BacktestWeek],
      ceilingWeeks: [CashForecastWeek]? = nil
    ) {
      precondition(ceilingWeeks.map { $0.count == weeks.count } ?? true, "one ceiling a week")
      self.cutoff = cutoff
      self.invoices = invoices
      self.weeks = weeks
      self.ceilingWeeks = ceilingWeeks
    }

    /// Actual collections over the compared weeks.
    public var actual: Double { weeks.reduce(0) { $0 + $1.actual } }
    /// The model's expected collections over the same weeks.
    public var expected: Double { weeks.reduce(0) { $0 + $1.model } }
    /// (expected − actual) / actual.
    public var cashError: Double { Self.error(expected, of: actual) }
    /// Weeks whose actual fell inside the P10–P90 band.
    public var coveredWeeks: Int {
      weeks.filter(\.isCovered).count
    }
    /// The ceiling's expected collections over the compared weeks.
    public var ceilingExpected: Double? { ceilingWeeks?.reduce(0) { $0 + $1.expected } }
    /// The ceiling's (expected − actual) / actual.
    public var ceilingCashError: Double? { ceilingExpected.map { Self.error($0, of: actual) } }
    /// Weeks whose actual fell inside the ceiling's P10–P90 band.
    public var ceilingCoveredWeeks: Int? {
      ceilingWeeks.map { band in
        zip(weeks, band).filter { $0.isCovered(by: $1) }.count
      }
    }

    static func error(_ expected: Double, of actual: Double) -> Double {
      actual > 0 ? (expected - actual) / actual : .nan
    }
  }

  /// The cash errors over the cutoffs of one forecast: the mean and the largest in absolute
  /// value of the per-cutoff errors, and the share of all weeks inside its P10–P90 band.
  public struct CashAccuracy: Sendable, Equatable {
    public var meanError: Double
    public var worstError: Double
    public var coverage: Double

    /// - Parameters:
    ///   - errors: per cutoff (not finite: no collections that cutoff, left out).
    ///   - coveredWeeks, weeks: over all cutoffs.
    init(errors: [Double], coveredWeeks: Int, weeks: Int) {
      let finite = errors.filter { $0.isFinite }
      meanError = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
      worstError = finite.max { abs($0) < abs($1) } ?? .nan
      coverage = weeks > 0 ? Double(coveredWeeks) / Double(weeks) : .nan
    }
  }

  /// An estimate with its 95% bootstrap interval.
  public struct Interval: Sendable, Equatable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
  }

  /// Who predicted the payment date.
  public enum Predictor: String, Sendable, CaseIterable {
    case model, naive, ceiling
  }

  /// Ages at the cutoff, in days since issue: 0–30, 31–60, 61–120, 121–365, more than 365.
  public static let ageBuckets: [(label: String, range: ClosedRange<Int>)] = [
    ("0-30", 0...30), ("31-60", 31...60), ("61-120", 61...120), ("121-365", 121...365),
    ("365+", 366...Int.max),
  ]

  /// Payment-date errors of one predictor in one group of invoices: an age bucket ("all":
  /// every age) or an amount quarter (`AmountQuarters`' label).
  public struct DateError: Sendable {
    public var bucket: String
    public var predictor: Predictor
    public var count: Int
    public var medianAbsolute: Double
    public var meanAbsolute: Interval
    public var meanSigned: Interval
    /// The share of invoices paid after the predicted date, a tie (paid on it) counting half:
    /// about one half for a median date at any age, whatever the skew of the delays (a mean
    /// signed error of a median is the median minus the mean, negative when delays are skewed
    /// late, and says nothing about whether the median is right).
    public var paidAfter: Double
  }

  /// The pooled PD evaluation.
  public struct PooledPD: Sendable {
    public var rows: Int
    public var auc: Interval
    public var brier: Interval
    public var meanPD: Interval
    public var observed: Interval
    public var baselineAUC: Double
    public var baselineBrier: Double
    /// The same metrics for the simulation's true PDs, on the same invoices, when the truth
    /// is known for every one: how close a model can come, and how far the observed rate
    /// strays from the true mean by chance.
    public var ceiling: CeilingPD?
  }

  /// The pooled PD metrics of the true PDs.
  public struct CeilingPD: Sendable {
    public var auc: Interval
    public var brier: Interval
    public var meanPD: Interval
  }

  public var cutoffs: [Cutoff]
  /// The invoices of the PD evaluation and how many of them went late: `pd` needs both
  /// outcomes, so it is nil when none or all of them did.
  public var pdOutcomes: (rows: Int, late: Int)
  /// The customers of the invoices compared, whom the bootstrap resamples (with one, every
  /// replicate is the sample and the intervals are the estimates).
  public var customerCount: Int
  /// The first cutoffs, at which the history did not hold enough to train on.
  public var skipped: [Skipped] = []
  public var lateDays: Int
  public var horizonDays: Int
  public var replicates: Int
  public var seed: UInt64
  public var pd: PooledPD?
  public var dateErrors: [DateError]
  /// The same errors by the invoice's amount: the quarters of the compared invoices' amounts
  /// (`AmountQuarters`), where an age bucket hides whether the large invoices, the ones that
  /// move the cash, are dated as well as the small.
  public var dateErrorsByAmount: [DateError]
  /// The model's cash errors and band coverage over the cutoffs.
  public var cash: CashAccuracy
  /// The same for the ceiling's forecast, when the truth is known at every cutoff.
  public var ceilingCash: CashAccuracy?
  /// Whether a ceiling was known for every invoice with a payment date.
  public var hasCeiling: Bool

  public init(
    cutoffs: [Cutoff], lateDays: Int, horizonDays: Int, replicates: Int, seed: UInt64
  ) {
    self.cutoffs = cutoffs
    self.lateDays = lateDays
    self.horizonDays = horizonDays
    self.replicates = replicates
    self.seed = seed
    let customers = cutoffs.flatMap { $0.invoices.map(\.customer) }
    self.customerCount = Set(customers).count
    let resampler = CustomerBootstrap(customers: customers, replicates: replicates, seed: seed)
    let pdRows = Self.pdRows(cutoffs, lateDays: lateDays, horizonDays: horizonDays)
    self.pdOutcomes = (pdRows.count, pdRows.filter { $0.late == 1 }.count)
    self.pd = Self.pooledPD(pdRows, resampler)
    let paid = cutoffs.flatMap { c in
      c.invoices.indices.compactMap { i in
        c.invoices[i].paidDate.map { _ in (c.cutoff, c.invoices[i]) }
      }
    }
    let ceiling = !paid.isEmpty && paid.allSatisfy { $0.1.ceilingPaymentDate != nil }
    self.hasCeiling = ceiling
    let predictors: [Predictor] = ceiling ? Predictor.allCases : [.model, .naive]
    let compared = paid.map(\.1)
    self.dateErrors = Self.dateErrors(
      (Self.ageBuckets + [("all", 0...Int.max)]).map { bucket in
        (bucket.label, compared.filter { bucket.range.contains($0.ageAtCutoff) })
      }, predictors: predictors, resampler)
    self.dateErrorsByAmount = Self.dateErrors(
      AmountQuarters(compared.map(\.amount)).groups(compared, amount: \.amount),
      predictors: predictors, resampler)
    let weeks = cutoffs.reduce(0) { $0 + $1.weeks.count }
    self.cash = CashAccuracy(
      errors: cutoffs.map(\.cashError), coveredWeeks: cutoffs.reduce(0) { $0 + $1.coveredWeeks },
      weeks: weeks)
    let ceilingErrors = cutoffs.compactMap(\.ceilingCashError)
    let ceilingCovered = cutoffs.compactMap(\.ceilingCoveredWeeks)
    self.ceilingCash =
      cutoffs.isEmpty || ceilingErrors.count < cutoffs.count
      ? nil
      : CashAccuracy(
        errors: ceilingErrors, coveredWeeks: ceilingCovered.reduce(0, +), weeks: weeks)
  }

  /// The mean of `v` with weights `w` (nil: all 1).
  static func mean(_ v: [Double], _ w: [Double]?) -> Double {
    guard let w else { return v.reduce(0, +) / Double(v.count) }
    let total = w.reduce(0, +)
    return total > 0 ? zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } / total : .nan
  }

  // MARK: - PD

  /// The invoices not yet late at their cutoff whose outcome is known by the horizon's end,
  /// with that outcome (1: late).
  static func pdRows(
    _ cutoffs: [Cutoff], lateDays: Int, horizonDays: Int
  ) -> [(invoice: BacktestInvoice, late: Double)] {
    let rule = DelinquencyRule(lateDays: lateDays)
    return cutoffs.flatMap { c in
      let end = c.cutoff.adding(days: horizonDays)
      return c.invoices.compactMap { inv -> (invoice: BacktestInvoice, late: Double)? in
        guard !rule.isPastLate(c.cutoff, due: inv.dueDate),
          let wentLate = rule.determinableOutcome(
            due: inv.dueDate, paid: inv.paidDate.flatMap { $0 <= end ? $0 : nil }, at: end)
        else { return nil }
        return (inv, wentLate ? 1 : 0)
      }
    }
  }

  static func pooledPD(
    _ rows: [(invoice: BacktestInvoice, late: Double)], _ resampler: CustomerBootstrap
  ) -> PooledPD? {
    let (model, naive) = (rows.map(\.invoice.modelPD), rows.map(\.invoice.baselinePD))
    let (late, customer) = (rows.map(\.late), rows.map(\.invoice.customer))
    let truth = rows.compactMap(\.invoice.ceilingPD)
    guard late.contains(0), late.contains(1) else { return nil }
    let metrics = { (p: [Double]) in
      (
        auc: resampler.interval(customer) {
          ClassificationMetrics.auc(scores: p, outcomes: late, weights: $0) ?? .nan
        },
        brier: resampler.interval(customer) {
          ClassificationMetrics.brier(probabilities: p, outcomes: late, weights: $0)
        },
        meanPD: resampler.interval(customer) { mean(p, $0) }
      )
    }
    let fitted = metrics(model)
    var ceiling: CeilingPD?
    if truth.count == late.count {
      let t = metrics(truth)
      ceiling = CeilingPD(auc: t.auc, brier: t.brier, meanPD: t.meanPD)
    }
    return PooledPD(
      rows: late.count, auc: fitted.auc, brier: fitted.brier, meanPD: fitted.meanPD,
      observed: resampler.interval(customer) { mean(late, $0) },
      baselineAUC: ClassificationMetrics.auc(scores: naive, outcomes: late) ?? .nan,
      baselineBrier: ClassificationMetrics.brier(probabilities: naive, outcomes: late),
      ceiling: ceiling)
  }

  // MARK: - Payment dates

  /// Each predictor's errors in each group of the paid invoices (an empty group: no row).
  static func dateErrors(
    _ groups: [(label: String, rows: [BacktestInvoice])], predictors: [Predictor],
    _ resampler: CustomerBootstrap
  ) -> [DateError] {
    var out: [DateError] = []
    for (label, rows) in groups {
      guard !rows.isEmpty else { continue }
      let customer = rows.map(\.customer)
      for predictor in predictors {
        let signed = rows.map { inv -> Double in
          let predicted: Day
          switch predictor {
          case .model: predicted = inv.modelPaymentDate
          case .naive: predicted = inv.baselinePaymentDate
          case .ceiling: predicted = inv.ceilingPaymentDate ?? inv.modelPaymentDate
          }
          // Paid: filtered above.
          return Double(predicted.days(since: inv.paidDate ?? predicted))
        }
        let absolute = signed.map(abs)
        let after = signed.reduce(0.0) { $0 + ($1 < 0 ? 1 : $1 == 0 ? 0.5 : 0) }
        var sorted = absolute
        out.append(
          DateError(
            bucket: label, predictor: predictor, count: rows.count,
            medianAbsolute: SampleStatistics.median(sorting: &sorted) ?? .nan,
            meanAbsolute: resampler.interval(customer) { mean(absolute, $0) },
            meanSigned: resampler.interval(customer) { mean(signed, $0) },
            paidAfter: after / Double(rows.count)))
      }
    }
    return out
  }
}
