import CreditData
import CreditEngine

/// payment_plans.csv: one row per instalment of each proposed plan.
///
/// Plans come from `PaymentPlanner`, customers in customers.csv order. Columns:
/// `customer_id, instalment, due_date, amount`, then `instalments, plan_total, expected_30d,
/// remaining_after`, then `currency` (when known) and `as_of`. Only the header when no customer needs a plan.
enum PaymentPlanFile {
  static func render(_ r: ScoreResult) -> CSVWriter {
    CSVWriter(
      r.collections.paymentPlans,
      columns: [
        .text("customer_id") { $0.customerID }, .integer("instalment") { $0.instalment },
        .day("due_date") { $0.dueDate }, .money("amount") { $0.amount },
        .integer("instalments") { $0.instalments }, .money("plan_total") { $0.planTotal },
        .money("expected_30d") { $0.expected30d },
        .money("remaining_after") { $0.remainingAfter },
      ] + ScoreFiles.ending(r))
  }
}
