import CreditEngine

/// The text `creditrisk train` prints: facts, metrics and the three coefficient tables.
public enum TrainingSummary {
  public static func render(_ result: TrainingResult) -> String {
    let m = result.model.metrics
    var lines: [String] = []
    lines.append(
      "creditrisk model \(result.model.format), as of \(result.model.asOf), late = more than \(result.model.lateDays) days past due"
    )
    lines.append("  invoices read        \(m.invoicesRead)")
    lines.append(
      "  used                 \(m.invoicesUsed)  (issued after as-of: \(m.issuedAfterAsOf), credit notes/zero: \(m.nonPositiveAmounts))"
    )
    lines.append("  outcome known        \(m.labelled)  (not yet known: \(m.unlabelled))")
    lines.append("  late rate            \(TextTable.fixed(m.lateRate, 4))")
    lines.append("  payments (events)    \(m.paymentEvents)")
    lines.append("  AUC (in-sample)      \(TextTable.fixed(m.auc, 4))")
    lines.append("  Brier (in-sample)    \(TextTable.fixed(m.brier, 4))")
    lines.append("  concordance Cox      \(TextTable.fixed(m.concordance, 4))")
    lines.append("  concordance Weibull  \(TextTable.fixed(m.weibullConcordance, 4))")
    if !result.model.features.dropped.isEmpty {
      lines.append(
        "  constant, left out   " + result.model.features.dropped.joined(separator: ", "))
    }
    lines.append("")
    lines.append(TextTable.render(result.delinquencySummary))
    lines.append("")
    lines.append(TextTable.render(result.coxSummary))
    lines.append("")
    lines.append(TextTable.render(result.weibullSummary))
    return lines.joined(separator: "\n")
  }
}
