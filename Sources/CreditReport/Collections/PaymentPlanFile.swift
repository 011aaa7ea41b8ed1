import CreditData
import CreditEngine

/// payment_plans.csv: one row per instalment of each proposed plan.
///
/// Plans come from `PaymentPlanner`, customers in customers.csv order. Columns:
/// `customer_id, instalment, due_date, amount`, then `instalments, plan_total, expected_30d,
/// remaining_after`, then `currency` (when known) and `as_of`. Only the header when no customer needs a plan.
enum PaymentPlanFile {
  static func render(_ r: ScoreResult) -> CSVWriter {
    var w = CSVWriter(
      header: [
        "customer_id", "instalment", "due_date", "amount", "instalments", "plan_total",
        "expected_30d", "remaining_after",
      ] + ScoreFiles.ending(r))
    for row in r.collections.paymentPlans {
      w.appendText(row.customerID)
      w.appendInteger(row.instalment)
      w.appendDay(row.dueDate)
      w.appendMoney(row.amount)
      w.appendInteger(row.instalments)
      w.appendMoney(row.planTotal)
      w.appendMoney(row.expected30d)
      w.appendMoney(row.remainingAfter)
      ScoreFiles.appendEnding(&w, r)
      w.endRow()
    }
    return w
  }
}
