import CreditData

/// What counts as seriously late: the delinquency target of the models, the backtest and the
/// naive baseline, defined here once.
///
/// An invoice is late when it is paid more than `lateDays` days after its due date, or is still
/// unpaid more than `lateDays` days after it; paid within that it is not late. An invoice still
/// open and not yet that far past due has no known outcome.
public struct DelinquencyRule: Sendable, Equatable {
  /// 30 days past due: the usual line between a slow payer and a collections case, and the
  /// first ageing bucket's end.
  public static let defaultLateDays = 30

  /// Days past due after which an invoice counts as late.
  public var lateDays: Int

  public init(lateDays: Int = defaultLateDays) { self.lateDays = lateDays }

  /// Whether `day` is more than `lateDays` days after `due`: an invoice unpaid then is late,
  /// and one paid then was paid late.
  @inlinable public func isPastLate(_ day: Day, due: Day) -> Bool {
    day.days(since: due) > lateDays
  }

  /// The outcome of an invoice due on `due` as known at `day`: late or not, or nil while it
  /// is open and not yet past late.
  /// - Parameter paid: its payment date if it was paid by `day`, else nil.
  @inlinable public func outcome(due: Day, paid: Day?, at day: Day) -> Bool? {
    if let paid { return isPastLate(paid, due: due) }
    return isPastLate(day, due: due) ? true : nil
  }

  /// The outcome of an invoice due on `due` as a training label at `day`.
  ///
  /// Known only once either outcome could have been seen, i.e. more than `lateDays` after the
  /// due date.
  ///
  /// Before then an invoice paid on time already has an outcome (not late), but one that will
  /// be late does not yet: labelling the first and not the second would enter the recent
  /// invoices only when they are paid on time, and bias the late rate low.
  @inlinable public func determinableOutcome(due: Day, paid: Day?, at day: Day) -> Bool? {
    isPastLate(day, due: due) ? outcome(due: due, paid: paid, at: day) : nil
  }

  /// The first day on which an invoice due on `due` that is still unpaid counts as late.
  @inlinable public func firstLateDay(due: Day) -> Day { due.adding(days: lateDays + 1) }
}
