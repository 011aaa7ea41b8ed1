import CreditData
import CreditEngine

/// `creditrisk explain` in plain words: a customer's score built up in points, its history,
/// limit, holds and next actions; or an open invoice's dates, probabilities and next action.
public enum ExplanationText {
  public static func render(_ e: CustomerExplanation, policy: CreditPolicy) -> String {
    let s = e.score
    let money = AmountText.money
    var lines = [
      "Customer \(MessageText.oneLine(s.customerID, limit: 80)), as of \(e.asOf)"
        + amountsIn(e.currency),
      "Score \(s.riskScore) points, grade \(s.riskGrade): a \(percent(s.pd)) chance that its "
        + "next invoice ends up more than \(e.history.lateDays) days past due "
        + "(grades: \(gradeScale(policy))).",
      "",
      "How the score is built (\(number(e.pointsToDoubleOdds)) points double "
        + "the odds of paying in time; against a customer at the average of the history):",
    ]
    var rows = [[signed(e.basePoints, plus: false), "a customer at the average", ""]]
    for t in e.terms {
      rows.append([signed(t.points, plus: true), t.feature, t.value])
    }
    rows.append([signed(e.unroundedPoints, plus: false), "score", ""])
    lines += table(rows, rightAligned: [0]).map { "  " + $0 }
    let sum = AmountText.oneDecimal(e.unroundedPoints)
    lines.append(
      "  (points rounded; they add up to \(sum) before rounding. Negative points raise the PD.)")
    if e.terms.contains(where: { $0.value.hasSuffix(" (blended)") }) {
      lines.append(
        "  (blended: as the model reads the customer's record, with the portfolio's weighing as "
          + "\(number(e.shrinkage)) more invoices; its own record is under History.)")
    }
    let reasons = s.reasons.filter { !$0.isEmpty }
    if !reasons.isEmpty {
      lines.append("")
      lines.append("Reasons (customers.csv):")
      lines += reasons.map { "  - " + $0 }
    }
    lines.append("")
    lines.append("History: " + history(e.history))
    lines.append(
      "Balance: open \(money(s.openBalance)), overdue \(money(s.overdueBalance)).")
    lines.append("")
    let l = e.limit
    let current = l.currentLimit.map { money($0) } ?? "none"
    lines.append(
      "Credit limit: current \(current), recommended \(money(l.recommendedLimit))"
        + (l.action == .none ? "." : "; action: \(l.action.rawValue)."))
    lines.append("  " + l.reason)
    lines.append(
      l.hold ? "On hold: " + l.holdReasons.joined(separator: "; ") + "." : "Not on hold.")
    lines.append("")
    if e.openInvoices.isEmpty {
      lines.append("No open invoices: no collections action.")
    } else {
      lines.append("Open invoices and next actions:")
      var rows: [[String]] = [["invoice", "amount", "due", "", "PD", "next action"]]
      for (v, next) in zip(e.openInvoices, e.nextActions) {
        rows.append([
          MessageText.oneLine(v.invoiceID, limit: 40), money(v.amount), "\(v.dueDate)",
          CollectionsLadder.describe(daysPastDue: v.daysPastDue), percent(v.pd),
          action(next, asOf: e.asOf),
        ])
      }
      lines += table(rows, rightAligned: [1, 4]).map { "  " + $0 }
    }
    if !e.openCredits.isEmpty {
      lines.append(
        "Open credit notes (in the balance, not chased): "
          + e.openCredits.map {
            "\(MessageText.oneLine($0.invoiceID, limit: 40)) \(money($0.amount)) due \($0.dueDate)"
          }.joined(separator: "; ") + ".")
    }
    for w in e.worklist {
      lines.append(
        "Worklist rank \(w.rank): invoice \(MessageText.oneLine(w.invoiceID, limit: 40)), "
          + "\(w.action) on \(w.actionDate), amount at risk \(AmountText.money(w.amountAtRisk))"
          + (w.reason.isEmpty ? "." : " (\(w.reason)).")
      )
    }
    return lines.joined(separator: "\n")
  }

  public static func render(_ e: InvoiceExplanation) -> String {
    let v = e.invoice
    var lines = [
      "Invoice \(MessageText.oneLine(v.invoiceID, limit: 80)) of customer "
        + "\(MessageText.oneLine(v.customerID, limit: 80)), as of \(e.asOf)"
        + amountsIn(e.currency),
      "Amount \(AmountText.money(v.amount)), issued \(e.issueDate), due \(v.dueDate) "
        + "(\(CollectionsLadder.describe(daysPastDue: v.daysPastDue)))"
        + (e.disputed ? ", in dispute." : "."),
      "Expected payment date \(v.expectedPaymentDate) if it is paid (80% interval "
        + "\(v.paymentDateP10) to \(v.paymentDateP90)); basis: \(v.expectedPaymentBasis).",
      "Chance it is ever paid: \(percent(v.pPaidEver)); paid within 30 days: "
        + "\(percent(v.pPaid30d)); ends up seriously late (PD): \(percent(v.pd)), "
        + "grade \(v.riskGrade).",
      "Next action: \(action(e.next, asOf: e.asOf)).",
    ]
    if let grade = e.customerGrade {
      lines.append(
        "Customer grade \(grade)" + (e.customerOnHold ? ", on credit hold." : ", not on hold."))
    }
    return lines.joined(separator: "\n")
  }

  /// `; amounts in USD` for the heading, so that a converted amount (`--fx`) is not read as
  /// one in the invoice's own currency; empty when the history states no currency.
  static func amountsIn(_ currency: String?) -> String {
    currency.map { "; amounts in \(MessageText.oneLine($0, limit: 20))" } ?? ""
  }

  static func action(_ next: NextAction, asOf: Day) -> String {
    next.action + (next.date <= asOf ? " now" : " on \(next.date)")
  }

  static func history(_ h: CustomerHistory) -> String {
    guard h.invoices > 0 else { return "no invoices." }
    let since = h.firstIssued.map { " since \($0)" } ?? ""
    var parts = ["\(MessageText.grouped(h.invoices)) invoices\(since)"]
    if h.paid > 0 {
      let share = Double(h.paidAfterDue) / Double(h.paid)
      parts.append(
        "\(MessageText.grouped(h.paid)) paid, \(MessageText.grouped(h.paidAfterDue)) after the "
          + "due date (\(percent(share))), \(MessageText.grouped(h.paidLate)) more than "
          + "\(h.lateDays) days late (\(percent(h.shareLate)))")
      parts.append("\(AmountText.oneDecimal(h.meanDaysLate)) days late on average")
    } else {
      parts.append("none paid yet")
    }
    parts.append("\(MessageText.grouped(h.disputed)) disputed")
    parts.append("\(MessageText.grouped(h.open)) open")
    if h.writtenOff > 0 { parts.append("\(MessageText.grouped(h.writtenOff)) written off") }
    return parts.joined(separator: "; ") + "."
  }

  static func gradeScale(_ p: CreditPolicy) -> String {
    var parts: [String] = []
    for (k, bound) in p.gradeBounds.enumerated() {
      parts.append("\(p.gradeNames[k]) below \(percent(bound))")
    }
    parts.append("\(p.gradeNames[p.gradeBounds.count]) above")
    return parts.joined(separator: ", ")
  }

  /// A probability as a percentage with one decimal below 10%: `1.8%`, `34%`.
  static func percent(_ p: Double) -> String {
    p < 0.1 && p > 0 ? AmountText.oneDecimal(100 * p) + "%" : AmountText.percent(p)
  }

  /// A whole number as such (`20`), else with one decimal (`12.5`).
  static func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? MessageText.grouped(Int(x)) : AmountText.oneDecimal(x)
  }

  static func signed(_ x: Double, plus: Bool) -> String {
    let n = Int(x.rounded())
    return (plus && n > 0 ? "+" : "") + (n < 0 ? "−" : "") + MessageText.grouped(abs(n))
  }

  /// Rows as columns padded to their widest cell, the `rightAligned` columns to the right.
  static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
    let width = rows.map(\.count).max() ?? 0
    let widths = (0..<width).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { c, cell in
        rightAligned.contains(c)
          ? TextTable.padLeft(cell, widths[c]) : TextTable.pad(cell, widths[c])
      }.joined(separator: "  ").trimmingSuffixSpaces()
    }
  }
}

extension String {
  fileprivate func trimmingSuffixSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
