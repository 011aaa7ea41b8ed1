import CreditData
import CreditEngine

/// The trailing columns of cash_forecast.csv with accepted plans (`score --accepted-plans`):
/// `accepted_plans` (the instalments due in the week, part of `expected`) and
/// `replaced_by_plans` (the modelled cash of the invoices they cover, no longer in
/// `expected`).
enum AcceptedPlanColumns {
  static let header = ["accepted_plans", "replaced_by_plans"]

  static func append(_ week: CashForecastWeek, to w: inout CSVWriter) {
    w.appendMoney(week.acceptedPlans)
    w.appendMoney(week.replacedByPlans)
  }
}
