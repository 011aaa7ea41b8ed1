import CreditData

/// Backtests at many month-end cutoffs (rolling origin), pooled.
///
/// At each cutoff the model is trained on what was known then and scores what was open then
/// (`Backtest.predictions`); the predictions of all cutoffs are pooled into one evaluation
/// (`RollingBacktestResult`), with bootstrap intervals that resample customers.
public struct RollingBacktest: Sendable {
  /// The cutoffs, in order.
  public var cutoffs: [Day]
  /// Days after each cutoff over which the cash forecast is compared (91: the 13 weeks).
  public var horizonDays: Int
  /// Bootstrap replicates of the pooled intervals (200: the 2.5% and 97.5% percentiles are then
  /// the 5th and 196th of 200 values, stable to about a tenth of the interval's width).
  public var replicates: Int
  /// Seed of the bootstrap draws (same seed, same intervals).
  public var seed: UInt64
  /// Settings of each cutoff's backtest (its cutoff is replaced by each of `cutoffs`).
  public var backtest: Backtest

  /// The defaults of `horizonDays`, `replicates` and `seed`.
  public static let defaultHorizonDays = 91
  public static let defaultReplicates = 200
  public static let defaultSeed: UInt64 = 1

  public init(
    cutoffs: [Day], horizonDays: Int = defaultHorizonDays, replicates: Int = defaultReplicates,
    seed: UInt64 = defaultSeed, backtest: Backtest
  ) {
    self.cutoffs = cutoffs
    self.horizonDays = horizonDays
    self.replicates = replicates
    self.seed = seed
    self.backtest = backtest
  }

  /// The month-ends of the months from `first` through `last` (their days are ignored).
  public static func monthEnds(from first: Day, through last: Day) -> [Day] {
    var (year, month, _) = first.civil
    let end = last.civil
    var days: [Day] = []
    while (year, month) <= (end.year, end.month) {
      if let d = Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) {
        days.append(d)
      }
      month += 1
      if month > 12 { (year, month) = (year + 1, 1) }
    }
    return days
  }

  /// Runs every cutoff's backtest on the full history of `portfolio` and pools them.
  /// - Parameter progress: called before each cutoff with its index.
  /// - Throws: `BacktestError`, `TrainingError`, `FitError` from a cutoff.
  public func run(
    _ portfolio: Portfolio, progress: (Int, Day) -> Void = { _, _ in }
  ) throws -> RollingBacktestResult {
    var cutoffResults: [RollingBacktestResult.Cutoff] = []
    for (i, cutoff) in cutoffs.enumerated() {
      progress(i, cutoff)
      var b = backtest
      b.cutoff = cutoff
      b.horizonDays = horizonDays
      let p = try b.predictions(portfolio)
      let single = BacktestResult(
        cutoff: cutoff, horizonDays: horizonDays, lateDays: b.training.rule.lateDays,
        invoices: p.invoices, forecast: p.forecast)
      cutoffResults.append(
        RollingBacktestResult.Cutoff(
          cutoff: cutoff, invoices: p.invoices, weeks: single.weeks,
          ceilingWeeks: p.ceilingForecast.map { Array($0.prefix(single.weeks.count)) }))
    }
    return RollingBacktestResult(
      cutoffs: cutoffResults, lateDays: backtest.training.rule.lateDays,
      horizonDays: horizonDays, replicates: replicates, seed: seed)
  }
}
