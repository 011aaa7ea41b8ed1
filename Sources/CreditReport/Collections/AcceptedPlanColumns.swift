import CreditData
import CreditEngine

/// The trailing columns of cash_forecast.csv with accepted plans (`score --accepted-plans`):
/// `accepted_plans` (the instalments due in the week, part of `expected`) and
/// `replaced_by_plans` (the modelled cash of the invoices they cover, no longer in
/// `expected`).
enum AcceptedPlanColumns {
  static let columns: [CSVColumn<CashForecastWeek>] = [
    .money("accepted_plans") { $0.acceptedPlans },
    .money("replaced_by_plans") { $0.replacedByPlans },
  ]
}
