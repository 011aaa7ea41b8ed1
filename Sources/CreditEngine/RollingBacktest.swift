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
  ///
  /// The first cutoffs of a young history can come before it holds enough to train on (too
  /// few invoices, no outcome known yet): those that stop training (`TrainingError`) before
  /// any cutoff has trained are skipped and listed in the result's `skipped`, with the reason;
  /// the backtest pools the cutoffs from the first that trains on.
  /// - Parameter progress: called before each cutoff with its index.
  /// - Throws: `BacktestError`, `TrainingError`, `FitError` from a cutoff (a `TrainingError`
  ///   from the last cutoff when none trains: `RollingBacktestError.noCutoffTrains`).
  public func run(
    _ portfolio: Portfolio, progress: (Int, Day) -> Void = { _, _ in }
  ) throws -> RollingBacktestResult {
    // Checked before any cutoff runs: the last cutoff's horizon must end within the history.
    if let last = cutoffs.last, horizonDays >= 7 {
      let latest = Portfolio.latestDate(in: portfolio.history)
      if last.adding(days: horizonDays) > latest {
        throw RollingBacktestError.horizonBeyondHistory(
          last: last, horizonDays: horizonDays, latest: latest,
          lastThatFits: cutoffs.last { $0.adding(days: horizonDays) <= latest })
      }
    }
    var cutoffResults: [RollingBacktestResult.Cutoff] = []
    var skipped: [RollingBacktestResult.Skipped] = []
    for (i, cutoff) in cutoffs.enumerated() {
      progress(i, cutoff)
      var b = backtest
      b.cutoff = cutoff
      b.horizonDays = horizonDays
      let p: BacktestPredictions
      do {
        p = try b.predictions(portfolio)
      } catch let error as TrainingError where cutoffResults.isEmpty {
        skipped.append(.init(cutoff: cutoff, reason: error.description))
        guard i < cutoffs.count - 1 else {
          throw RollingBacktestError.noCutoffTrains(cutoffs: cutoffs, last: error)
        }
        continue
      }
      let single = BacktestResult(
        cutoff: cutoff, horizonDays: horizonDays, lateDays: b.training.rule.lateDays,
        invoices: p.invoices, forecast: p.forecast)
      cutoffResults.append(
        RollingBacktestResult.Cutoff(
          cutoff: cutoff, invoices: p.invoices, weeks: single.weeks,
          ceilingWeeks: p.ceilingForecast.map { $0.prefix(single.weeks.count).map(\.asWritten) }))
    }
    var result = RollingBacktestResult(
      cutoffs: cutoffResults, lateDays: backtest.training.rule.lateDays,
      horizonDays: horizonDays, replicates: replicates, seed: seed)
    result.skipped = skipped
    return result
  }
}

/// A rolling backtest that cannot run.
public enum RollingBacktestError: Error, CustomStringConvertible, Equatable {
  /// No cutoff's history holds enough to train on; `last` is why at the last cutoff.
  case noCutoffTrains(cutoffs: [Day], last: TrainingError)
  /// The last cutoff's horizon ends after the history's latest date; `lastThatFits` is the
  /// last cutoff whose horizon the history covers, if any.
  case horizonBeyondHistory(last: Day, horizonDays: Int, latest: Day, lastThatFits: Day?)

  public var description: String {
    switch self {
    case .horizonBeyondHistory(let last, let days, let latest, let fits):
      let what =
        fits.map { d in
          let (y, m, _) = d.civil
          return "end --cutoffs at \(y)-\(m < 10 ? "0" : "")\(m) or earlier"
        } ?? "no cutoff asked for leaves \(days) days of history after it: start --cutoffs earlier"
      return "the history ends on \(latest), before the end of the last cutoff's horizon "
        + "\(last.adding(days: days)) (cutoff \(last), --horizon \(days)); \(what), or give a "
        + "shorter --horizon"
    case .noCutoffTrains(let cutoffs, let last):
      let range =
        cutoffs.count == 1 ? "\(cutoffs[0])" : "\(cutoffs[0])..\(cutoffs[cutoffs.count - 1])"
      return "training is not possible at any of the \(cutoffs.count) cutoffs \(range); at the "
        + "last: \(last)"
    }
  }
}
