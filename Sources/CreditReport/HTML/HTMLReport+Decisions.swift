import CreditEngine

extension HTMLReport {
  /// Rows of each decisions table shown.
  public static let decisionRows = 20

  /// The credit decisions: the customers on hold and the largest limit changes.
  static func decisions(_ a: PortfolioAnalysis) -> String {
    let changes = LimitChanges(a.score.creditLimits)
    let grade = Dictionary(
      a.score.customers.map { ($0.customerID, $0.riskGrade) }, uniquingKeysWith: { x, _ in x })
    let holds = changes.onHold.prefix(decisionRows).map { d in
      [
        d.customerID, grade[d.customerID] ?? "", HTMLText.grouped(d.openBalance, 2),
        d.currentLimit.map { HTMLText.grouped($0, 0) } ?? "–",
        d.holdReasons.joined(separator: "; "),
      ]
    }
    let moves = changes.largestChanges.prefix(decisionRows).map { d in
      let current = d.currentLimit ?? 0
      return [
        d.customerID, grade[d.customerID] ?? "", HTMLText.grouped(current, 0),
        HTMLText.grouped(d.recommendedLimit, 0),
        (d.recommendedLimit > current ? "+" : "")
          + HTMLText.grouped(d.recommendedLimit - current, 0),
        d.hold ? "hold" : d.action == .none ? "" : d.action.rawValue,
      ]
    }
    // Customers without a current limit get their first one: neither up nor down.
    let newLimits =
      changes.newLimits > 0 ? ", \(changes.newLimits) new (no current limit)" : ""
    let noMoves =
      changes.newLimits > 0
      ? "No current limit changes; \(changes.newLimits) customers without one get their first "
        + "(<code>credit_limits.csv</code>)."
      : "No limit changes."
    let summary =
      "<p>\(changes.holds) customers on hold; limits \(changes.increases) up, "
      + "\(changes.decreases) down\(newLimits); \(changes.reduceExposure) to reduce exposure "
      + "(not on hold, open balance above the recommended limit). Every limit's computation is in "
      + "<code>credit_limits.csv</code>.</p>"
    return section(
      "decisions", "Credit holds and limit changes",
      [
        summary,
        "<h3>On hold (largest open balance first, top \(min(decisionRows, changes.holds)) of "
          + "\(changes.holds))</h3>",
        holds.isEmpty
          ? "<p class=\"note\">No customer is on hold.</p>"
          : table(
            ["customer", "grade", "open balance", "current limit", "why"], holds,
            numeric: [2, 3]),
        "<h3>Largest limit changes (top \(min(decisionRows, changes.largestChanges.count)) of "
          + "\(changes.largestChanges.count))</h3>",
        moves.isEmpty
          ? "<p class=\"note\">\(noMoves)</p>"
          : table(
            ["customer", "grade", "current limit", "recommended", "change", "action"], moves,
            numeric: [2, 3, 4]),
      ])
  }
}

extension HTMLReport {
  /// What changed since an earlier score run (`report --previous DIR`).
  static func changes(_ a: PortfolioAnalysis) -> String {
    guard let c = a.changes else {
      return section(
        "changes", "Changes since an earlier run",
        [
          "<p class=\"note\">Give <code>--previous DIR</code> (the folder of an earlier "
            + "<code>creditrisk score</code> run) to see new holds, grade, limit and amount-at-risk "
            + "changes since then.</p>"
        ])
    }
    let rows = c.rows.prefix(decisionRows).map { x in
      [
        x.customerID, x.summary,
        // "–" where the customer was not in that run, as changes.csv leaves the cell empty.
        x.wasListed ? HTMLText.grouped(x.previous.amountAtRisk, 2) : "–",
        x.isListed ? HTMLText.grouped(x.amountAtRisk, 2) : "–",
        (x.amountAtRiskChange > 0 ? "+" : "") + HTMLText.grouped(x.amountAtRiskChange, 2),
      ]
    }
    let since = c.previousAsOf.map { "\($0)" } ?? "an earlier run"
    return section(
      "changes", "Changes since \(since)",
      [
        "<p>\(c.rows.count) customers changed: \(c.newHolds) new holds, \(c.holdsReleased) "
          + "released, \(c.gradeChanges) grade changes (new holds first, then the largest "
          + "changes in amount at risk; all of them in <code>changes.csv</code> of "
          + "<code>score --previous</code>).</p>",
        rows.isEmpty
          ? "<p class=\"note\">Nothing changed.</p>"
          : table(
            ["customer", "what changed", "amount at risk then", "now", "change"], rows,
            numeric: [2, 3, 4]),
      ])
  }
}
