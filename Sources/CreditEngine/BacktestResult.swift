import CreditData
import CreditModels

/// The metrics of one set of predictions (the model's or the naive baseline's) in a backtest.
public struct BacktestMetrics: Sendable, Equatable {
  /// AUC of the PD among invoices whose delinquency was still open at the cutoff.
  public var auc: Double?
  /// Kolmogorov-Smirnov statistic of the same.
  public var ks: Double?
  public var brier: Double?
  /// Harrell's c-index of the predicted days to payment against the actual ones, censored at
  /// the end of the horizon.
  public var concordance: Double
  /// Median and mean absolute error, in days, of the expected payment date (invoices paid
  /// within the horizon).
  public var medianAbsoluteErrorDays: Double?
  public var meanAbsoluteErrorDays: Double?
  /// Mean absolute error of the weekly cash collections.
  public var cashWeeklyMAE: Double
  /// Predicted minus actual collections over the compared weeks.
  public var cashTotalError: Double
}

/// One week of a backtest's cash comparison.
public struct BacktestWeek: Sendable, Equatable {
  public var weekStart: Day
  public var actual: Double
  public var model: Double
  public var p10: Double
  public var p90: Double
  public var baseline: Double

  /// Whether the actual collections fell inside the model's P10–P90 band.
  public var isCovered: Bool { isCovered(by: p10, p90) }

  /// Whether the actual collections fell inside `band`'s P10–P90 (another forecast's week).
  public func isCovered(by band: CashForecastWeek) -> Bool { isCovered(by: band.p10, band.p90) }

  private func isCovered(by p10: Double, _ p90: Double) -> Bool { actual >= p10 && actual <= p90 }

  /// The week with its money as backtest_weeks.csv writes it (2 decimals).
  var asWritten: BacktestWeek {
    BacktestWeek(
      weekStart: weekStart, actual: Self.cents(actual), model: Self.cents(model),
      p10: Self.cents(p10), p90: Self.cents(p90), baseline: Self.cents(baseline))
  }

  /// `x` as a money cell holds it (2 decimals).
  static func cents(_ x: Double) -> Double { CSVWriter.asWritten(x, decimals: 2) }
}

extension CashForecastWeek {
  /// The forecast's week with its money as a CSV file writes it (2 decimals).
  ///
  /// A backtest's ceiling is summed as backtest_weeks.csv holds it.
  var asWritten: CashForecastWeek {
    var w = self
    w.expected = BacktestWeek.cents(expected)
    w.p10 = BacktestWeek.cents(p10)
    w.p90 = BacktestWeek.cents(p90)
    w.expectedNew = BacktestWeek.cents(expectedNew)
    w.acceptedPlans = BacktestWeek.cents(acceptedPlans)
    w.replacedByPlans = BacktestWeek.cents(replacedByPlans)
    return w
  }
}

/// What a backtest found: the model's metrics next to the naive baseline's.
///
/// Scope of each metric (all on the invoices open at the cutoff with a positive amount):
/// - PD (AUC, KS, Brier, calibration): invoices not yet more than `lateDays` past due at the
///   cutoff (for the others the outcome is already known) whose outcome is known by the end
///   of the horizon: paid by then, or unpaid and more than `lateDays` past due by then.
/// - c-index: all of them; time from the cutoff to payment, censored at the horizon's end.
/// - Payment-date error: those paid within the horizon.
/// - Cash: the weeks that fit in the horizon (at most 13), collections from these invoices.
public struct BacktestResult: Sendable {
  public var cutoff: Day
  public var horizonDays: Int
  public var lateDays: Int
  /// Invoices open at the cutoff (positive amounts) and their total.
  public var openInvoices: Int
  public var openAmount: Double
  /// Of those, paid within the horizon.
  public var paidWithinHorizon: Int
  /// Rows of the PD evaluation and their late rate.
  public var pdRows: Int
  public var pdLateRate: Double
  public var model: BacktestMetrics
  public var baseline: BacktestMetrics
  public var modelCalibration: [ClassificationMetrics.CalibrationBin]
  public var baselineCalibration: [ClassificationMetrics.CalibrationBin]
  public var weeks: [BacktestWeek]
  /// Share of the compared weeks whose actual collections fell inside the model's P10-P90 band.
  public var bandCoverage: Double
  /// Out-of-sample ROC and calibration of the model (for the report).
  public var diagnostics: ModelDiagnostics?
  /// Training facts of the model fitted at the cutoff (nil when evaluated from given rows).
  public var trainedModel: TrainedModel?

  /// Compares the predictions with what happened.
  /// - Parameters:
  ///   - invoices: the invoices open at the cutoff, with both predictions and the actual
  ///     payment date.
  ///   - forecast: the model's weekly forecast from the cutoff (`CashForecast.weekly`).
  ///   - bins: calibration bins (10: deciles).
  public init(
    cutoff: Day, horizonDays: Int, lateDays: Int, invoices: [BacktestInvoice],
    forecast: [CashForecastWeek], bins: Int = 10
  ) {
    precondition(horizonDays >= 7, "the horizon must cover at least one week")
    let end = cutoff.adding(days: horizonDays)
    self.cutoff = cutoff
    self.horizonDays = horizonDays
    self.lateDays = lateDays
    self.openInvoices = invoices.count
    self.openAmount = invoices.reduce(0) { $0 + $1.amount }

    // MARK: PD
    var modelPD: [Double] = []
    var baselinePD: [Double] = []
    var late: [Double] = []
    let rule = DelinquencyRule(lateDays: lateDays)
    for inv in invoices where !rule.isPastLate(cutoff, due: inv.dueDate) {
      let paid = inv.paidDate.flatMap { $0 <= end ? $0 : nil }
      guard let wentLate = rule.outcome(due: inv.dueDate, paid: paid, at: end) else { continue }
      modelPD.append(inv.modelPD)
      baselinePD.append(inv.baselinePD)
      late.append(wentLate ? 1 : 0)
    }
    self.pdRows = late.count
    self.pdLateRate = late.isEmpty ? .nan : late.reduce(0, +) / Double(late.count)
    let modelMetrics =
      late.isEmpty ? nil : ClassificationMetrics(probabilities: modelPD, outcomes: late, bins: bins)
    let baselineMetrics =
      late.isEmpty
      ? nil : ClassificationMetrics(probabilities: baselinePD, outcomes: late, bins: bins)
    self.modelCalibration = modelMetrics?.calibration ?? []
    self.baselineCalibration = baselineMetrics?.calibration ?? []

    // MARK: Time to payment
    // The payment date of invoices paid within the horizon, nil for the others.
    let paidOn = invoices.map { inv in inv.paidDate.flatMap { $0 <= end ? $0 : nil } }
    let paid = paidOn.map { $0 != nil }
    self.paidWithinHorizon = paid.filter { $0 }.count
    let durations = paidOn.map { day in Double(day.map { $0.days(since: cutoff) } ?? horizonDays) }
    let modelDays = invoices.map { Double($0.modelPaymentDate.days(since: cutoff)) }
    let baselineDays = invoices.map { Double($0.baselinePaymentDate.days(since: cutoff)) }
    func errors(_ predicted: (BacktestInvoice) -> Day) -> [Double] {
      invoices.indices.compactMap { i in
        paidOn[i].map { Double(abs(predicted(invoices[i]).days(since: $0))) }
      }
    }
    let modelErrors = errors(\.modelPaymentDate)
    let baselineErrors = errors(\.baselinePaymentDate)

    // MARK: Cash
    let weekCount = min(CashForecast.weeks, horizonDays / 7, forecast.count)
    var actual = [Double](repeating: 0, count: weekCount)
    var naive = [Double](repeating: 0, count: weekCount)
    func week(_ d: Day) -> Int? {
      let offset = d.days(since: cutoff) - 1
      guard offset >= 0 else { return nil }
      let k = offset / 7
      return k < weekCount ? k : nil
    }
    for inv in invoices {
      if let p = inv.paidDate, let k = week(p) { actual[k] += inv.amount }
      if let k = week(inv.baselinePaymentDate) { naive[k] += inv.amount }
    }
    // Money as backtest_weeks.csv holds it (cents), so that the totals, errors and coverage
    // below are those of the file's cells.
    let weeks = (0..<weekCount).map { k in
      BacktestWeek(
        weekStart: forecast[k].weekStart, actual: actual[k], model: forecast[k].expected,
        p10: forecast[k].p10, p90: forecast[k].p90, baseline: naive[k]
      ).asWritten
    }
    self.weeks = weeks
    let covered = weeks.filter(\.isCovered).count
    self.bandCoverage = weekCount > 0 ? Double(covered) / Double(weekCount) : .nan
    let actualTotal = weeks.reduce(0) { $0 + $1.actual }

    func metrics(
      _ m: ClassificationMetrics?, days: [Double], errors: [Double], cash: [Double]
    ) -> BacktestMetrics {
      BacktestMetrics(
        auc: m?.auc, ks: m?.ks, brier: m?.brier,
        concordance: Concordance.index(durations: durations, scores: days, events: paid),
        medianAbsoluteErrorDays: {
          var e = errors; return SampleStatistics.median(sorting: &e)
        }(),
        meanAbsoluteErrorDays: errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count),
        cashWeeklyMAE: weekCount > 0
          ? zip(cash, weeks).reduce(0) { $0 + abs($1.0 - $1.1.actual) } / Double(weekCount)
          : .nan,
        cashTotalError: cash.reduce(0, +) - actualTotal)
    }
    self.model = metrics(
      modelMetrics, days: modelDays, errors: modelErrors, cash: weeks.map(\.model))
    self.baseline = metrics(
      baselineMetrics, days: baselineDays, errors: baselineErrors, cash: weeks.map(\.baseline))
    self.diagnostics =
      late.isEmpty
      ? nil
      : ModelDiagnostics(
        source: "backtest: \(late.count) of the \(invoices.count) invoices open at \(cutoff), "
          + "those not yet more than \(lateDays) days past due whose outcome was known by \(end)",
        probabilities: modelPD, outcomes: late, paymentCurves: [])
    self.trainedModel = nil
  }

  /// Every metric as (name, model, baseline), in a fixed order (the rows of backtest.csv).
  public var table: [(metric: String, model: Double, baseline: Double)] {
    let nan = Double.nan
    let rows: [(String, Double?, Double?)] = [
      ("invoices_open_at_cutoff", Double(openInvoices), Double(openInvoices)),
      ("amount_open_at_cutoff", openAmount, openAmount),
      ("paid_within_horizon", Double(paidWithinHorizon), Double(paidWithinHorizon)),
      ("pd_rows", Double(pdRows), Double(pdRows)),
      ("pd_late_rate", pdLateRate, pdLateRate),
      ("pd_auc", model.auc, baseline.auc),
      ("pd_ks", model.ks, baseline.ks),
      ("pd_brier", model.brier, baseline.brier),
      ("payment_c_index", model.concordance, baseline.concordance),
      (
        "payment_date_median_abs_error_days", model.medianAbsoluteErrorDays,
        baseline.medianAbsoluteErrorDays
      ),
      (
        "payment_date_mean_abs_error_days", model.meanAbsoluteErrorDays,
        baseline.meanAbsoluteErrorDays
      ),
      ("cash_weeks_compared", Double(weeks.count), Double(weeks.count)),
      ("cash_actual_total", weeks.reduce(0) { $0 + $1.actual }, weeks.reduce(0) { $0 + $1.actual }),
      ("cash_weekly_mae", model.cashWeeklyMAE, baseline.cashWeeklyMAE),
      ("cash_total_error", model.cashTotalError, baseline.cashTotalError),
      ("cash_p10_p90_coverage", bandCoverage, nil),
    ]
    return rows.map { ($0.0, $0.1 ?? nan, $0.2 ?? nan) }
  }
}
