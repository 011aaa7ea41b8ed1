/// What a column of the score files holds, for writers that type their cells (the workbook
/// of `score --xlsx`).
public enum ScoreColumnKind: Sendable {
  case text, integer, money, probability, date
  /// A number with decimals of its own (a score, a percentage, days with one decimal).
  case number
}

extension ScoreFiles {
  static let dateColumns: Set<String> = [
    "due_date", "expected_payment_date", "payment_date_p10", "payment_date_p90", "action_date",
    "week_start", "as_of", "previous_as_of",
  ]
  static let probabilityColumns: Set<String> = [
    "pd", "p_paid_30d", "p_paid_ever", "promise_keeping_rate", "p_paid_within", "take_up",
  ]
  static let numberColumns: Set<String> = [
    "distress_score", "discount_percent", "expected_days_gained",
  ]
  static let integerColumns: Set<String> = [
    "days_past_due", "risk_score", "previous_risk_score", "rank", "max_days_past_due",
    "promises_matured", "promises_kept", "instalment", "instalments", "discount_days",
  ]
  static let moneyColumns: Set<String> = [
    "amount", "open_balance", "overdue_balance", "current_limit", "recommended_limit",
    "previous_limit", "amount_at_risk", "customer_amount_at_risk", "previous_amount_at_risk",
    "amount_at_risk_change", "expected_loss", "current", "d1_30", "d31_60", "d61_90",
    "d91_120", "d120_plus", "total", "expected", "p10", "p90", "expected_new", "accepted_plans",
    "replaced_by_plans", "plan_total", "expected_30d", "remaining_after", "typical_amount",
    "capital_saving", "discount_cost", "net_value",
  ]

  /// The kind of the column called `name` in any of the score files (text when not listed:
  /// ids, grades, reasons, actions, flags).
  public static func columnKind(_ name: String) -> ScoreColumnKind {
    if dateColumns.contains(name) { return .date }
    if probabilityColumns.contains(name) { return .probability }
    if integerColumns.contains(name) { return .integer }
    if moneyColumns.contains(name) { return .money }
    if numberColumns.contains(name) { return .number }
    return .text
  }
}
