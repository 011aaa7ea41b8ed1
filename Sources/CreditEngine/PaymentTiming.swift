import CreditData
import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// When the open invoices will be paid, and whether at all, from the mixture-cure model.
///
/// For an invoice open at the end of day `a` of its age (days since issue), that is at `a + ½`
/// on the model's time scale (`dayMidpoint`), the fitted `MixtureCureFit` gives
/// `P(ever paid | open at a + ½)`, the payers' remaining-time quantiles from `a + ½` and
/// `P(paid by the end of day a + d | open)`; the expected payment date is the day of the
/// conditional median given that it is paid (so always a date, `day`), with the P10 and P90
/// around it. Invoices that will never
/// be paid no longer pull the dates of old invoices late: they are the cure fraction, not a
/// long tail of the payment-time distribution.
struct PaymentTiming: Sendable {
  /// P(ever paid | open at the end of its age-day).
  var paidEver: [Double]
  /// Remaining days to payment among payers at quantiles 0.1, 0.5 and 0.9, from the end of
  /// its age-day (`a + ½`).
  var p10: [Double]
  var median: [Double]
  var p90: [Double]
  /// P(paid by the end of the 30th day after its age | open at the end of its age-day); once the
  /// dates are corrected, with the payer's remaining time scaled as the weeks' (`weekScale`,
  /// `paidWithin`).
  var paid30: [Double]
  /// P(paid within 7k days | open at its age), k = 0...13, as `withinWeeks[k][i]`: empty until
  /// `makeWeeks` makes them, once the dates are corrected (`Scorer.correctingDates`).
  var withinWeeks: [[Double]] = []
  /// Each payer's remaining-time scale for `makeWeeks` (`weekScale`, set by
  /// `Scorer.correctingDates`); nil, 1 for every row.
  var remainingScale: [Double]? = nil

  /// Each customer's correlation of its invoices' weekly payments, estimated from the
  /// history at the scoring date (`CustomerCorrelations`; nil: none).
  var customerCorrelation: CustomerCorrelations?

  /// The fit and each row's payers' log scale, for `payerHazard`.
  let fit: MixtureCureFit
  var logLambda: [Double]

  /// Row `i`'s payers' cumulative hazard at age `t` (days since issue).
  func payerHazard(_ i: Int, at t: Double) -> Double { fit.hazard(t, logLambda[i]) }

  /// Below this P(ever paid) an invoice's expected date is labelled `unlikely_to_pay`: it is
  /// more likely never to be paid than to be paid at its date.
  static let unlikelyBelow = 0.5

  /// The predictions for the rows of `x` (the model's design, intercept in column 0) at `ages`.
  /// - Complexity: O(n p) once, then O(1) for each of the 19 predictions per row (n rows, p
  ///   columns).
  init(_ fit: MixtureCureFit, x: DesignMatrix, ages: [Double]) {
    self.fit = fit
    logLambda = fit.predictLogLambda(x)
    let open = fit.predictOpen(
      x, age: ages.map { $0 + Self.dayMidpoint }, quantiles: [0.1, 0.5, 0.9], days: [30])
    paidEver = open.paidEver
    p10 = open.quantiles[0]
    median = open.quantiles[1]
    p90 = open.quantiles[2]
    paid30 = open.paidWithin[0].map(Self.certainWhenUndefined)
  }

  /// Where on the model's time scale the end of a whole day of age falls: its middle.
  ///
  /// Payment dates are whole days, and the cure model is fitted to the whole days from issue to
  /// payment as continuous times. Its baseline is in units of each invoice's own time scale
  /// `λ`, which the features spread continuously, so one invoice's day-`d` payments fall between
  /// another's days and the curve runs through the middle of each day's step: `P(paid by the
  /// end of day d)` is its value at `d + ½`. An invoice still open at the end of the as-of date
  /// (whole age `a`) is thus open at `a + ½` on the model's time scale, and paid by the end of
  /// day `a + 7k` at `a + 7k + ½`.
  static let dayMidpoint = 0.5

  /// `P(paid within 7k days | open at the end of its age-day)`, k = 0...13, as `[k][i]`.
  ///
  /// The model's `P(paid within 7k | open at a + ½)` (`dayMidpoint`). At `a` itself the week would
  /// reach back over the half of day `a` already past and leave out the last half day of week
  /// k, and the open share would count the payments made on day `a`: on books whose invoices are
  /// paid around their due date the first week came out several per cent short.
  static func withinWeeks(_ fit: MixtureCureFit, x: DesignMatrix, ages: [Double]) -> [[Double]] {
    let open = fit.predictOpen(
      x, age: ages.map { $0 + dayMidpoint }, quantiles: [],
      days: (1...CashForecast.weeks).map { Double(7 * $0) })
    return [[Double](repeating: 0, count: ages.count)]
      + open.paidWithin.map { $0.map(Self.certainWhenUndefined) }
  }

  /// Makes the weekly chances (`withinWeeks`), each payer's remaining time scaled by
  /// `ratio[i]` (1 for every row when nil).
  ///
  /// `P(paid within 7k days | open at a + ½)` is `P(ever paid) · P(a payer open at a + ½ pays
  /// within 7k / ratio[i] days)`: the same chance of ever being paid, spread over a time
  /// `ratio[i]` times as long. The date correction (`Scorer.correctingDates`) gives each invoice
  /// its `weekScale`, so that the cash forecast's weeks move with the dates the invoices are
  /// given; a ratio that is not finite and positive counts as 1.
  /// At ratio 1 these are the model's own chances (`withinWeeks(_:x:ages:)`, the same numbers).
  /// - Parameter ages: each invoice's whole age in days, as given to `init`.
  /// - Complexity: O(14 n) evaluations of the payers' cumulative hazard, on all cores.
  mutating func makeWeeks(ages: [Double], scaledBy ratio: [Double]? = nil) {
    let (n, weeks) = (paidEver.count, CashForecast.weeks)
    precondition(ages.count == n && (ratio?.count ?? n) == n, "an age and a ratio per row")
    // An invoice's 13 weeks together, in one buffer row after row, so that the search for the
    // baseline's piece goes on from the week before (`hazard(_:_:knot:)`).
    let parts = Parallel.chunks(n)
    let (flat, _) = Parallel.array(
      count: n * weeks, ranges: parts.map { $0.lowerBound * weeks..<$0.upperBound * weeks }
    ) { [self] (part: Int, out: UnsafeMutableBufferPointer<Double>) in
      var j = 0
      for i in parts[part] {
        let r = ratio.map { $0[i].isFinite && $0[i] > 0 ? $0[i] : 1 } ?? 1
        let open = ages[i] + Self.dayMidpoint
        var knot = -1
        let atOpen = fit.hazard(open, logLambda[i], knot: &knot)
        for k in 1...weeks {
          let later = fit.hazard(open + Double(7 * k) / r, logLambda[i], knot: &knot)
          let p = Self.certainWhenUndefined(paidEver[i] * -expm1(-(later - atOpen)))
          out.initializeElement(at: j, to: p)
          j += 1
        }
      }
    }
    let zeros = [Double](repeating: 0, count: n)
    withinWeeks = [zeros] + (0..<weeks).map { k in Parallel.array(n) { flat[$0 * weeks + k] } }
  }

  /// How far an invoice's weeks follow its corrected date: the payer's remaining time is
  /// scaled by `√(corrected / model)`, the square root of the ratio of its corrected remaining
  /// median to the model's, half the move of the date on the log scale (not finite when the
  /// model's median is 0: then 1, as `makeWeeks` and `paidWithin` take it).
  ///
  /// The date correction moves a median toward what the scoring date shows (the cell's factor,
  /// the customer's own pace); how much of the spread around it moves too, the landmarks do
  /// not say. Measured (with the customers' typical days over all their recent payments, before
  /// `CustomerPaymentDays.typicalDays(customer:on:longerThan:)`) with `backtest --cutoffs
  /// 2024-10..2025-09 --replicates 20`, weekly cash error (mean over the cutoffs of
  /// Σ|expected − collected| / collected), the whole ratio against its square root against
  /// none (1), and the ceiling from the true parameters: fifteen `creditrisk simulate` books 11.21% / 11.25% / 11.46% (10.79%), nine more 10.92% /
  /// 10.88% (10.56%); fifteen from `scripts/independent_history.py` (a generator apart from
  /// the simulator: a Weibull shape per customer), 12.32% / 11.68% (11.28%), the first ten of
  /// them 12.18% / 11.60% / 11.54% (11.20%); IBM 20.62% / 20.34%. The whole ratio narrows the
  /// weeks of customers whose payments spread widely (on the other generator, seed 1, weeks
  /// 1–4 of invoices 31–60 days old +13.6% and weeks 5–8 −22.5%, against +4.3% and −12.1% from
  /// the truth); none leaves the dates' moves out of the weeks; the square root is near the
  /// better of the two on both generators.
  static func weekScale(corrected: Double, model: Double) -> Double {
    (corrected / model).squareRoot()
  }

  /// `P(paid within days | open)` of each row with its payer's remaining time scaled by
  /// `ratio[i]`, as `makeWeeks` scales the weeks: `P(ever paid) · P(a payer open at a + ½ pays
  /// within days / ratio[i])`; a ratio that is not finite and positive counts as 1.
  func paidWithin(_ days: Double, ages: [Double], scaledBy ratio: [Double]) -> [Double] {
    precondition(ages.count == paidEver.count && ratio.count == ages.count, "a ratio per row")
    return Parallel.array(ages.count) { i in
      let r = ratio[i].isFinite && ratio[i] > 0 ? ratio[i] : 1
      let open = ages[i] + Self.dayMidpoint
      let later = payerHazard(i, at: open + days / r)
      return Self.certainWhenUndefined(paidEver[i] * -expm1(-(later - payerHazard(i, at: open))))
    }
  }

  /// A probability of payment, with the undefined case taken as certain payment.
  ///
  /// `P(paid within d | open at a)` is 0/0 when the payers' survival at `a` has underflowed
  /// (a latency so short, or a shape so steep, that no payer is still unpaid at `a`): its
  /// limit there is 1, payment at once. Only extreme model files reach it
  /// (`TrainedModel.Limits`); without this they gave NaN cells.
  static func certainWhenUndefined(_ p: Double) -> Double { p.isNaN ? 1 : p }

  /// Invoice `i`'s payment day at remaining-time `days` from the end of its age-day `a`.
  ///
  /// The model's time `t = a + ½ + days` falls in the step of whole day `d` when
  /// `d − ½ < t ≤ d + ½` (the end of day `d` is at `d + ½`), so `d = ⌈a + days⌉`, the first
  /// day by whose end the quantile is reached. At least the day after the as-of date, at most
  /// a century after issue (a flat tail's astronomically late age would trap `Int(_:)`). The
  /// Cox curve's times are the days themselves (its steps are at the payments' days).
  static func day(issue: Day, age: Double, remaining days: Double) -> Day {
    let paymentAge =
      days.isFinite ? min(age + days, Scorer.maximumPaymentAge) : Scorer.maximumPaymentAge
    return issue.adding(days: max(Int(paymentAge.rounded(.up)), Int(age) + 1))
  }

  /// Invoice `i`'s scores as (P(ever paid), median, P10, P90 dates, P(paid in 30 days), basis).
  func score(_ i: Int, issue: Day, age: Double) -> (
    paidEver: Double, median: Day, p10: Day, p90: Day, paid30: Double, basis: String
  ) {
    (
      paidEver[i], Self.day(issue: issue, age: age, remaining: median[i]),
      Self.day(issue: issue, age: age, remaining: p10[i]),
      Self.day(issue: issue, age: age, remaining: p90[i]), paid30[i],
      Self.basis(paidEver: paidEver[i])
    )
  }

  /// What the expected payment date rests on.
  static func basis(paidEver: Double) -> String {
    paidEver < unlikelyBelow ? "unlikely_to_pay" : "paid_median"
  }

  // MARK: - Training

  /// Most rows the cure model is fitted on.
  ///
  /// Every k-th row of the training sample (in its risk-set order, so the subsample keeps the
  /// spread of payment times). 50,000 rows fix the
  /// never-pay share and the payers' Weibull to well within their uncertainty across cutoffs,
  /// and keep the fit's O(n p²) Newton steps to a small part of training at a million rows.
  static let maximumRows = 50_000

  /// Every k-th row of the design `x` (all when it has at most `maximumRows`): the
  /// subsample the cure model and the delinquency model's shift are fitted on.
  static func subsample(_ x: DesignMatrix) -> (x: DesignMatrix, rows: [Int]) {
    let rows = subsampleRows(x.observations)
    return (rows.count == x.observations ? x.storingEveryColumn() : x.selecting(rows: rows), rows)
  }

  /// The rows of `subsample` among `n`: every k-th, all when there are at most `maximumRows`.
  static func subsampleRows(_ n: Int) -> [Int] {
    Array(stride(from: 0, to: n, by: subsampleStep(n)))
  }

  /// The distance between the rows of `subsampleRows(n)`.
  static func subsampleStep(_ n: Int) -> Int { max(1, (n + maximumRows - 1) / maximumRows) }

  /// Whether each of the history's `invoices` was written off and not paid by the as-of date:
  /// known never to be paid (the cure model's `neverPays`).
  static func neverPays(_ invoices: [Int], portfolio: Portfolio) -> [Bool] {
    let h = portfolio.history
    return invoices.map { k in h.writtenOff[k] && portfolio.paidByAsOf(k) == nil }
  }

  /// The mixture-cure fit on rows already chosen (in the sample's risk-set order), durations
  /// as the sample has them (raised to half a day here).
  ///
  /// When the incidence part diverges (`MixtureCureFit.incidenceDiverges`: the rows that say
  /// who never pays are separated by some feature, as on a history where every invoice is paid
  /// in the end), its slopes are not identified and an invoice too young to say anything gets
  /// `P(ever paid)` 0 or 1 by the side of the plane it falls on; the incidence is then fitted
  /// with the intercept alone, one never-pay share for every invoice, the payers' part as before.
  static func fit(
    _ sub: DesignMatrix, names: [String], durations days: [Double], events: [Bool],
    neverPays: [Bool]
  ) -> MixtureCureFit? {
    let durations = days.map { max($0, 0.5) }
    let flags = neverPays.contains(true) ? neverPays : nil
    guard
      let fit = try? MixtureCure().fit(
        sub, durations: durations, events: events, neverPays: flags, featureNames: names,
        interceptIndex: 0)
    else { return nil }
    let ones = DesignMatrix(columns: [[Double](repeating: 1, count: sub.observations)])
    guard fit.incidenceDiverges,
      let shared = try? MixtureCure().fit(
        incidence: ones, latency: sub, durations: durations, events: events, neverPays: flags,
        incidenceNames: [names[0]], latencyNames: names, incidenceIntercept: 0,
        latencyIntercept: 0)
    else {
      return fit.withLatencyBaseline(
        incidence: sub, durations: durations, events: events, neverPays: flags)
    }
    return shared.withLatencyBaseline(
      incidence: ones, latency: sub, durations: durations, events: events, neverPays: flags
    ).embeddingIncidence(in: names, interceptIndex: 0)
  }
}
