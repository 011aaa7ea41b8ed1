import CreditEngine

extension HTMLReport {
  /// Promises to pay and disputes: how many promises matured and were kept, the customers
  /// with the worst record, how long disputes take to resolve and how many are open.
  static func collections(_ a: PortfolioAnalysis) -> String {
    let r = a.score.collections
    var content: [String] = []
    if r.hasPromises {
      let records = a.score.customers.compactMap { c in c.promiseRecord.map { (c, $0) } }
      let matured = records.reduce(0) { $0 + $1.1.matured }
      let kept = records.reduce(0) { $0 + $1.1.kept }
      let share = matured > 0 ? AmountText.percent(Double(kept) / Double(matured)) : "–"
      content.append(
        "<p>Promises to pay matured by the as-of date: \(matured), kept \(kept) (\(share)).</p>")
      let adverse = records.filter { $0.1.adverseReason != nil }
        .sorted {
          ($0.1.keepingRate ?? 1, $0.0.customerID) < ($1.1.keepingRate ?? 1, $1.0.customerID)
        }
      if !adverse.isEmpty {
        content.append(
          "<p>\(adverse.count) customers kept fewer than "
            + "\(AmountText.percent(PromiseRecord.adverseRate)) of at least "
            + "\(PromiseRecord.minimumMatured) matured promises (lowest keeping rate first; "
            + "\(min(worklistRows, adverse.count)) shown):</p>")
        content.append(
          table(
            ["customer", "promises matured", "kept", "keeping rate", "open balance"],
            adverse.prefix(worklistRows).map { c, rec in
              [
                c.customerID, "\(rec.matured)", "\(rec.kept)",
                AmountText.percent(rec.keepingRate ?? 0), HTMLText.grouped(c.openBalance, 2),
              ]
            }, numeric: [1, 2, 3, 4]))
      }
    }
    if let d = r.disputeTimes {
      content.append(
        "<p>\(HTMLText.escape(d.line.prefix(1).uppercased() + d.line.dropFirst())).</p>")
    }
    let distressed = a.score.customers.filter { $0.distress?.distressed == true }
      .sorted {
        ($0.distress?.score ?? 0, $1.customerID) > ($1.distress?.score ?? 0, $0.customerID)
      }
    content.append(
      "<p>Customers paying slower than their own record (distress): \(distressed.count) of "
        + "\(a.score.customers.filter { $0.distress != nil }.count) with enough invoices to "
        + "compare.</p>")
    if distressed.count > worklistRows {
      content.append("<p>The \(worklistRows) with the highest distress score:</p>")
    }
    if !distressed.isEmpty {
      content.append(
        table(
          ["customer", "distress score", "why", "open balance"],
          distressed.prefix(worklistRows).map { c in
            [
              c.customerID, AmountText.oneDecimal(c.distress?.score ?? 0),
              c.distress?.reason ?? "", HTMLText.grouped(c.openBalance, 2),
            ]
          }, numeric: [1, 3]))
    }
    if content.isEmpty {
      content.append(
        "<p class=\"note\">No promises or disputes file was given (--promises, --disputes).</p>")
    }
    content.append(
      "<p class=\"note\">An active promise pauses the ladder on its invoices until its date; a "
        + "broken one (date passed, not paid) moves them one rung up. An open dispute pauses "
        + "the reminders of its invoice only. A customer keeping fewer than "
        + "\(AmountText.percent(PromiseRecord.adverseRate)) of at least "
        + "\(PromiseRecord.minimumMatured) matured promises has it as a reason.</p>")
    return section("collections", "Promises and disputes", content)
  }
}
