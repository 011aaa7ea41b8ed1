import CreditData
import CreditEngine

/// The CSV files of `creditrisk backtest --cutoffs FIRST..LAST --out DIR`.
///
/// They let any error of the pooled tables be taken apart:
/// - `backtest_invoices.csv`, one row for each invoice open at each cutoff, with what the model,
///   the naive baseline and (on a simulation's history) the ceiling predicted then and when it
///   was paid (and the ceiling's PD);
/// - `backtest_weeks.csv`, one row for each week of each cutoff's cash comparison: the
///   collections from the invoices open at the cutoff, the model's expected value and P10–P90
///   band, the naive baseline's and (on a simulation's history) the ceiling's expected value
///   and band: the single-cutoff file's columns after `cutoff`, then the ceiling's.
public enum RollingBacktestFiles {
  /// One week of one cutoff's cash comparison.
  struct Week {
    var cutoff: Day
    var week: BacktestWeek
    var ceiling: CashForecastWeek?
  }

  /// The weeks of every cutoff, in cutoff then week order; the ceiling's cells are empty
  /// without a truth.
  public static func weeks(_ r: RollingBacktestResult) -> CSVWriter {
    let rows = r.cutoffs.flatMap { c in
      c.weeks.indices.map { k in
        Week(cutoff: c.cutoff, week: c.weeks[k], ceiling: c.ceilingWeeks?[k])
      }
    }
    return CSVWriter(
      rows,
      columns: [.day("cutoff") { $0.cutoff }]
        + BacktestFiles.weekColumns.map { $0.reading { (row: Week) in row.week } } + [
          .money("ceiling_expected") { $0.ceiling?.expected },
          .money("ceiling_p10") { $0.ceiling?.p10 }, .money("ceiling_p90") { $0.ceiling?.p90 },
        ])
  }

  /// The columns of `backtest_invoices.csv`.
  public static let invoiceColumns = [
    "cutoff", "invoice_id", "customer_id", "age_days", "due_date", "paid_date", "model_pd",
    "model_payment_date", "naive_payment_date", "ceiling_payment_date", "ceiling_pd",
    "model_p_paid_30d",
  ]

  /// The invoices of every cutoff, in cutoff order and within a cutoff in history order; a
  /// date not known (not paid in the history, no ceiling) is empty.
  public static func invoices(_ r: RollingBacktestResult) -> CSVWriter {
    var w = CSVWriter(header: invoiceColumns)
    for c in r.cutoffs {
      for inv in c.invoices {
        w.appendDay(c.cutoff)
        w.appendText(inv.invoiceID)
        w.appendText(inv.customerID)
        w.appendInteger(inv.ageAtCutoff)
        w.appendDay(inv.dueDate)
        if let paid = inv.paidDate { w.appendDay(paid) } else { w.appendEmpty() }
        w.appendProbability(inv.modelPD)
        w.appendDay(inv.modelPaymentDate)
        w.appendDay(inv.baselinePaymentDate)
        if let ceiling = inv.ceilingPaymentDate { w.appendDay(ceiling) } else { w.appendEmpty() }
        if let pd = inv.ceilingPD { w.appendProbability(pd) } else { w.appendEmpty() }
        if let p = inv.modelPaid30 { w.appendProbability(p) } else { w.appendEmpty() }
        w.endRow()
      }
    }
    return w
  }

  /// Publishes `backtest_invoices.csv` and `backtest_weeks.csv` in `directory` (`OutputSet`:
  /// all or nothing).
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  @discardableResult
  public static func write(_ r: RollingBacktestResult, to directory: String) throws -> [String] {
    try BacktestFiles.publish(
      [("backtest_invoices.csv", invoices(r)), ("backtest_weeks.csv", weeks(r))], to: directory)
  }
}
