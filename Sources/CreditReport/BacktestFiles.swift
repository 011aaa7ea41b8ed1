import CreditData
import CreditEngine

/// The CSV files of `creditrisk backtest --out DIR`: `backtest.csv` (metric, model, baseline)
/// and `backtest_calibration.csv` (decile calibration of both PDs) and `backtest_weeks.csv`;
/// each row carries the cutoff, the date the backtest scored at.
public enum BacktestFiles {
  /// `metric, model, baseline, cutoff`, one row per entry of `BacktestResult.table`: counts as
  /// whole numbers, money with 2 decimals, the rest with 6; `n/a` where a metric does not apply
  /// to that predictor (the baseline has no P10-P90 band, so no coverage).
  public static func metrics(_ r: BacktestResult) -> CSVWriter {
    var w = CSVWriter(header: ["metric", "model", "baseline", "cutoff"])
    for row in r.table {
      w.appendText(row.metric)
      let decimals = csvDecimals(row.metric)
      for value in [row.model, row.baseline] {
        if value.isNaN { w.appendText("n/a") } else { w.appendFixed(value, decimals: decimals) }
      }
      w.appendDay(r.cutoff)
      w.endRow()
    }
    return w
  }

  /// Decimals of a metric in backtest.csv: the contract's fixed precision (money 2,
  /// probabilities 6), counts whole, days as finely as rates.
  static func csvDecimals(_ metric: String) -> Int {
    switch BacktestSummary.MetricKind(metric) {
    case .count: 0
    case .money: 2
    case .days, .rate: 6
    }
  }

  /// One row per calibration bin, the model's and the baseline's side by side.
  public static func calibration(_ r: BacktestResult) -> CSVWriter {
    var w = CSVWriter(header: [
      "bin", "model_count", "model_mean_pd", "model_observed_rate", "baseline_count",
      "baseline_mean_pd", "baseline_observed_rate", "cutoff",
    ])
    for b in 0..<max(r.modelCalibration.count, r.baselineCalibration.count) {
      w.appendInteger(b + 1)
      for bins in [r.modelCalibration, r.baselineCalibration] {
        if b < bins.count {
          w.appendInteger(bins[b].count)
          w.appendProbability(bins[b].meanPredicted)
          w.appendProbability(bins[b].observedRate)
        } else {
          w.appendEmpty()
          w.appendEmpty()
          w.appendEmpty()
        }
      }
      w.appendDay(r.cutoff)
      w.endRow()
    }
    return w
  }

  /// Weekly collections after the cutoff (first, as in the rolling backtest's file): actual,
  /// the model's expected with its band, the baseline's.
  public static func weeks(_ r: BacktestResult) -> CSVWriter {
    let cutoff = r.cutoff
    return CSVWriter(r.weeks, columns: [.day("cutoff") { _ in cutoff }] + weekColumns)
  }

  /// The columns of a week of `backtest_weeks.csv` (also the rolling backtest's, after its
  /// `cutoff`).
  static let weekColumns: [CSVColumn<BacktestWeek>] = [
    .day("week_start") { $0.weekStart }, .money("actual") { $0.actual },
    .money("model_expected") { $0.model }, .money("model_p10") { $0.p10 },
    .money("model_p90") { $0.p90 }, .money("baseline") { $0.baseline },
  ]

  /// Publishes the three files as one set in `directory` (`OutputSet`): all or none.
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  @discardableResult
  public static func write(_ r: BacktestResult, to directory: String) throws -> [String] {
    try publish(
      [
        ("backtest.csv", metrics(r)), ("backtest_calibration.csv", calibration(r)),
        ("backtest_weeks.csv", weeks(r)),
      ], to: directory)
  }

  /// Publishes `files` (name, document) as one set in `directory`, after checking that no
  /// number in them is NaN or infinite.
  static func publish(_ files: [(String, CSVWriter)], to directory: String) throws -> [String] {
    for (name, writer) in files {
      if let problem = writer.nonFiniteProblem(name: name) {
        throw OutputError(path: directory, reason: problem)
      }
    }
    return try OutputSet.publish(files.map { ($0.0, $0.1.bytes) }, to: directory)
  }
}
