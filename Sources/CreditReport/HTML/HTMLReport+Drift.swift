import CreditEngine

extension HTMLReport {
  /// Population drift: each feature's PSI between the model's training invoices and the open
  /// book, its status and what moved.
  ///
  /// A book with nothing open has no PSIs: it is said to have nothing to compare.
  static func drift(_ a: PortfolioAnalysis) -> String {
    var content: [String] = []
    guard let d = a.score.populationDrift else {
      content.append(
        "<p class=\"note\">The model file does not carry its training population (it was "
          + "written before creditrisk kept it): retrain with 'creditrisk train' to compare "
          + "the book with it.</p>")
      return section("drift", "Population drift", content)
    }
    guard d.rows > 0 else {
      // Every bin of an empty book is empty: its PSIs would only measure the training shares.
      content.append(
        "<p>No invoice is open at the as-of date: there is no book to compare with the "
          + "\(HTMLText.grouped(Double(d.trainingRows), 0)) training invoices of the model's "
          + "last year.</p>")
      return section("drift", "Population drift", content)
    }
    content.append(
      "<p>Each feature of the \(HTMLText.grouped(Double(d.rows), 0)) open invoices (as the model "
        + "scores them, at their issue dates) against the "
        + "\(HTMLText.grouped(Double(d.trainingRows), 0)) training invoices of the model's last "
        + "year: \(d.drifted.count) of \(d.features.count) features drifted.</p>")
    if !d.isJudged {
      content.append(
        "<p class=\"note\">Fewer than \(PopulationDrift.minimumRows) open invoices: too few "
          + "to judge drift; the PSIs are shown, not warned of.</p>")
    }
    content.append(
      table(
        ["feature", "PSI", "status", "what moved most"],
        d.features.map { f in
          [f.feature, PopulationDrift.format(f.psi), d.isJudged ? f.status : "–", f.moved]
        }, numeric: [1]))
    content.append(
      "<p class=\"note\">PSI = Σ (a − e) · ln(a / e) over the feature's bins (training deciles; "
        + "a region or industry level each), e and a the shares of the training and open "
        + "invoices, an empty bin counting as \(PopulationDrift.epsilon). Below "
        + "\(PopulationDrift.watchThreshold) stable, up to \(PopulationDrift.threshold) watch, "
        + "above drifted (a warning).</p>")
    return section("drift", "Population drift", content)
  }
}
