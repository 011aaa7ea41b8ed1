import CreditData
import CreditEngine

/// The text `creditrisk train` prints: a short summary, and with `verbose` the three
/// coefficient tables with the features named in words.
public enum TrainingSummary {
  public static func render(_ model: TrainedModel, verbose: Bool = false) -> String {
    let m = model.metrics
    let n = MessageText.grouped
    let late = Int((m.lateRate * Double(m.labelled)).rounded())
    var lines = [
      "trained as of \(model.asOf) on \(n(m.invoicesUsed)) invoices of \(n(m.customers)) "
        + "customers (late = more than \(model.lateDays) days past due)",
      "  set aside: \(n(m.issuedAfterAsOf)) issued after the as-of date, "
        + "\(n(m.nonPositiveAmounts)) credit notes or zero amounts",
      "  outcome known for \(n(m.labelled)): \(n(late)) late (\(percent(m.lateRate))); "
        + "\(n(m.unlabelled)) too recent to know",
      "  delinquency model: AUC \(TextTable.fixed(m.auc, 3)), Brier \(TextTable.fixed(m.brier, 4)) "
        + "(in-sample)",
      "  payment timing: \(n(m.paymentEvents)) payments; concordance Cox "
        + "\(TextTable.fixed(m.concordance, 3)), Weibull \(TextTable.fixed(m.weibullConcordance, 3))",
    ]
    if !model.features.dropped.isEmpty {
      lines.append(
        "  left out (constant): "
          + model.features.dropped.map(FeatureNames.readable).joined(separator: ", "))
    }
    let (constant, dependent) = leftOut(model.features.dependentFeatures ?? [])
    if !constant.isEmpty {
      lines.append("  left out (the same on every invoice with a known outcome): " + constant)
    }
    if !dependent.isEmpty {
      lines.append(
        "  left out (fixed by other columns on every training invoice): " + dependentText(dependent)
      )
    }
    if let constant = model.features.levelsPooledForOutcomes, !constant.isEmpty {
      lines.append(
        "  no column of their own (the invoices with a known outcome do not tell them from "
          + "the baseline, as which they are scored): "
          + constant.map(FeatureNames.readable).joined(separator: ", "))
    }
    if let aliased = model.features.aliasedIndustryLevels, !aliased.isEmpty {
      lines.append(aliasedLine(aliased, baseline: model.features.industryBaseline))
    }
    guard verbose else { return lines.joined(separator: "\n") }
    for table in model.coefficientTables() {
      lines.append("")
      lines.append(TextTable.render(table.withReadableNames()))
    }
    return lines.joined(separator: "\n")
  }

  /// The industry levels without a column because the region alone tells them apart:
  /// `industry Retail: no column of its own, scored like Technology: ...`.
  static func aliasedLine(_ aliased: [AliasedLevel], baseline: String) -> String {
    let names = aliased.map(\.level).joined(separator: ", ")
    let pairs = aliased.map { "\($0.level) with \($0.regions.joined(separator: ", ")) only" }
    return "  industry \(names): no column of \(aliased.count == 1 ? "its" : "their") own, "
      + "scored like \(baseline): in training the region alone tells "
      + "\(aliased.count == 1 ? "it" : "them") apart (\(pairs.joined(separator: "; ")))"
  }

  /// The features left out as the same on every invoice with a known outcome, named in words
  /// (empty: none), and those left out as combinations of other columns.
  static func leftOut(
    _ features: [DependentFeature]
  ) -> (constant: String, dependent: [DependentFeature]) {
    (
      features.filter(\.columns.isEmpty).map { FeatureNames.readable($0.feature) }
        .joined(separator: ", "),
      features.filter { !$0.columns.isEmpty }
    )
  }

  /// The features left out as combinations of other columns, with those columns:
  /// `has a credit limit (by region: EMEA)`.
  static func dependentText(_ dependent: [DependentFeature]) -> String {
    dependent.map { d in
      FeatureNames.readable(d.feature) + " (by "
        + (d.columns.isEmpty
          ? "the intercept" : d.columns.map(FeatureNames.readable).joined(separator: ", "))
        + ")"
    }.joined(separator: ", ")
  }

  /// A share as a percentage with one decimal: `0.3%`.
  static func percent(_ share: Double) -> String { AmountText.oneDecimal(100 * share) + "%" }
}
