import CreditData
import CreditEngine

/// changes.csv of `score --previous DIR`: one row per customer whose grade, score, limit,
/// hold or amount at risk changed since the earlier run (or listed in only one of them).
public enum ChangesFile {
  public static let name = "changes.csv"

  public static let header = [
    "customer_id", "change", "previous_grade", "grade", "previous_risk_score", "risk_score",
    "previous_limit", "recommended_limit", "previous_hold", "hold", "new_hold",
    "previous_amount_at_risk", "amount_at_risk", "amount_at_risk_change", "previous_as_of",
    "as_of",
  ]

  public static func render(_ changes: RunChanges) -> CSVWriter {
    var w = CSVWriter(header: header)
    /// An optional cell: empty when the customer was not in that run.
    func text(_ value: String?) { if let value { w.appendText(value) } else { w.appendEmpty() } }
    func money(_ value: Double?) { if let value { w.appendMoney(value) } else { w.appendEmpty() } }
    func integer(_ value: Int?) { if let value { w.appendInteger(value) } else { w.appendEmpty() } }
    func flag(_ value: Bool?) { text(value.map { $0 ? "true" : "false" }) }
    for row in changes.rows {
      w.appendText(row.customerID)
      w.appendText(row.summary)
      text(row.previous.grade)
      text(row.grade)
      integer(row.previous.riskScore)
      integer(row.riskScore)
      money(row.previous.recommendedLimit)
      money(row.recommendedLimit)
      flag(row.previous.hold)
      flag(row.hold)
      flag(row.newHold)
      w.appendMoney(row.previous.amountAtRisk)
      w.appendMoney(row.amountAtRisk)
      w.appendMoney(row.amountAtRiskChange)
      if let d = changes.previousAsOf { w.appendDay(d) } else { w.appendEmpty() }
      w.appendDay(changes.asOf)
      w.endRow()
    }
    return w
  }
}
