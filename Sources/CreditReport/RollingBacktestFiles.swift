import CreditData
import CreditEngine

/// The CSV file of `creditrisk backtest --cutoffs FIRST..LAST --out DIR`:
/// `backtest_invoices.csv`, one row for each invoice open at each cutoff, with what the model,
/// the naive baseline and (on a simulation's history) the ceiling predicted then and when it was
/// paid (and the ceiling's PD), so that any error of the pooled tables can be taken apart invoice by invoice.
public enum RollingBacktestFiles {
  /// The columns of `backtest_invoices.csv`.
  public static let invoiceColumns = [
    "cutoff", "invoice_id", "customer_id", "age_days", "due_date", "paid_date", "model_pd",
    "model_payment_date", "naive_payment_date", "ceiling_payment_date", "ceiling_pd",
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
        w.endRow()
      }
    }
    return w
  }

  /// Publishes `backtest_invoices.csv` in `directory` (`OutputSet`: all or nothing).
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  @discardableResult
  public static func write(_ r: RollingBacktestResult, to directory: String) throws -> [String] {
    let writer = invoices(r)
    if let problem = writer.nonFiniteProblem(name: "backtest_invoices.csv") {
      throw OutputError(path: directory, reason: problem)
    }
    return try OutputSet.publish([("backtest_invoices.csv", writer.bytes)], to: directory)
  }
}
