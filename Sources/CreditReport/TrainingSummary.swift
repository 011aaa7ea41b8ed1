import CreditEngine

/// The text `creditrisk train` prints: facts, metrics and the three coefficient tables.
public enum TrainingSummary {
  public static func render(_ model: TrainedModel) -> String {
    let m = model.metrics
    var lines: [String] = []
    lines.append(
      "creditrisk model \(model.format), as of \(model.asOf), late = more than \(model.lateDays) days past due"
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
    if !model.features.dropped.isEmpty {
      lines.append(
        "  constant, left out   " + model.features.dropped.joined(separator: ", "))
    }
    for table in model.coefficientTables() {
      lines.append("")
      lines.append(TextTable.render(table))
    }
    return lines.joined(separator: "\n")
  }
}
