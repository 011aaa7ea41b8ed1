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
    lines += leftOut(model.features).map { "  \($0.fact): \($0.value)" }
    guard verbose else { return lines.joined(separator: "\n") }
    for table in model.coefficientTables() {
      lines.append("")
      lines.append(TextTable.render(table.withReadableNames()))
    }
    return lines.joined(separator: "\n")
  }

  /// What training left out of the design besides the constant features, in words, for the
  /// summary's lines and the report's Models table: features the same on every invoice with a
  /// known outcome, features other columns fix, levels the invoices with a known outcome do not
  /// tell from their baseline, and industry levels the region alone tells apart.
  public static func leftOut(_ spec: FeatureSpec) -> [(fact: String, value: String)] {
    let dependent = spec.dependentFeatures ?? []
    let constant = dependent.filter(\.columns.isEmpty)
    let fixed = dependent.filter { !$0.columns.isEmpty }
    let levels = spec.levelsPooledForOutcomes ?? []
    let aliased = spec.aliasedIndustryLevels ?? []
    var facts: [(fact: String, value: String)] = []
    if !constant.isEmpty {
      facts.append(
        (
          "left out (the same on every invoice with a known outcome)",
          constant.map { FeatureNames.readable($0.feature) }.joined(separator: ", ")
        ))
    }
    if !fixed.isEmpty {
      facts.append(
        (
          "left out (fixed by other columns on every training invoice)",
          fixed.map { d in
            FeatureNames.readable(d.feature) + " (by "
              + d.columns.map(FeatureNames.readable).joined(separator: ", ") + ")"
          }.joined(separator: ", ")
        ))
    }
    if !levels.isEmpty {
      facts.append(
        (
          "no column of their own (the invoices with a known outcome do not tell them from "
            + "the baseline, as which they are scored)",
          levels.map(FeatureNames.readable).joined(separator: ", ")
        ))
    }
    if !aliased.isEmpty {
      let one = aliased.count == 1
      let pairs = aliased.map { "\($0.level) with \($0.regions.joined(separator: ", ")) only" }
      facts.append(
        (
          "industry " + aliased.map(\.level).joined(separator: ", "),
          "no column of \(one ? "its" : "their") own, scored like \(spec.industryBaseline): in "
            + "training the region alone tells \(one ? "it" : "them") apart "
            + "(\(pairs.joined(separator: "; ")))"
        ))
    }
    return facts
  }

  /// A share as a percentage with one decimal: `0.3%`.
  static func percent(_ share: Double) -> String { AmountText.oneDecimal(100 * share) + "%" }
}
