import CreditData
import CreditEngine

/// changes.csv of `score --previous DIR`: one row per customer whose grade, score, limit,
/// hold or amount at risk changed since the earlier run (or listed in only one of them).
///
/// Its rows end as those of the score files: `previous_as_of`, then `currency` when the
/// history states one, then `as_of`.
public enum ChangesFile {
  public static let name = "changes.csv"

  public static func render(_ changes: RunChanges) -> CSVWriter {
    let previousAsOf = changes.previousAsOf
    return CSVWriter(
      changes.rows,
      columns: [
        .text("customer_id") { $0.customerID }, .text("change") { $0.summary },
        .text("previous_grade") { $0.previous.grade }, .text("grade") { $0.grade },
        .integer("previous_risk_score") { $0.previous.riskScore },
        .integer("risk_score") { $0.riskScore },
        .money("previous_limit") { $0.previous.recommendedLimit },
        .money("recommended_limit") { $0.recommendedLimit },
        .flag("previous_hold") { $0.previous.hold }, .flag("hold") { $0.hold },
        .flag("new_hold") { $0.newHold },
        // Empty where the customer was not in that run, as its grade, limit and hold are.
        .money("previous_amount_at_risk") { $0.wasListed ? $0.previous.amountAtRisk : nil },
        .money("amount_at_risk") { $0.isListed ? $0.amountAtRisk : nil },
        .money("amount_at_risk_change") { $0.amountAtRiskChange },
        .day("previous_as_of") { _ in previousAsOf },
      ] + ScoreFiles.ending(currency: changes.currency, asOf: changes.asOf))
  }
}
