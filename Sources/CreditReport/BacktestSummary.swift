import CreditEngine

/// The backtest as text: the table `creditrisk backtest` prints, and a Markdown document.
public enum BacktestSummary {
  /// What a metric of `BacktestResult.table` measures, which sets its decimals.
  enum MetricKind {
    /// Invoices or weeks: whole numbers.
    case count
    /// Amounts in the reporting currency: 2 decimals.
    case money
    /// Days of payment-date error.
    case days
    /// Rates, probabilities and scores (AUC, KS, Brier, c-index, coverage).
    case rate

    init(_ metric: String) {
      if ["invoices_open_at_cutoff", "paid_within_horizon", "pd_rows", "cash_weeks_compared"]
        .contains(metric)
      {
        self = .count
      } else if metric.hasPrefix("amount")
        || metric.hasPrefix("cash_") && metric != "cash_p10_p90_coverage"
      {
        self = .money
      } else if metric.hasSuffix("_days") {
        self = .days
      } else {
        self = .rate
      }
    }
  }

  /// Decimals to show for a metric of `BacktestResult.table` in the printed table.
  static func decimals(_ metric: String) -> Int {
    switch MetricKind(metric) {
    case .count: 0
    case .money: 2
    case .days: 1
    case .rate: 4
    }
  }

  static func cell(_ value: Double, _ metric: String) -> String {
    value.isNaN ? "-" : TextTable.fixed(value, decimals(metric))
  }

  /// Which of the two is better for a metric, or nil when it is not a comparison.
  static func winner(_ metric: String, model: Double, baseline: Double) -> String? {
    guard model.isFinite, baseline.isFinite, model != baseline else { return nil }
    let higherIsBetter = ["pd_auc", "pd_ks", "payment_c_index"]
    let lowerIsBetter = [
      "pd_brier", "payment_date_median_abs_error_days", "payment_date_mean_abs_error_days",
      "cash_weekly_mae",
    ]
    if higherIsBetter.contains(metric) { return model > baseline ? "model" : "baseline" }
    if lowerIsBetter.contains(metric) { return model < baseline ? "model" : "baseline" }
    if metric == "cash_total_error" { return abs(model) < abs(baseline) ? "model" : "baseline" }
    return nil
  }

  /// Header lines describing the set-up.
  static func header(_ r: BacktestResult) -> [String] {
    let end = r.cutoff.adding(days: r.horizonDays)
    var lines = [
      "backtest: trained on what was known at \(r.cutoff), outcomes observed to \(end) (\(r.horizonDays) days)",
      "  open at cutoff: \(r.openInvoices) invoices, \(AmountText.money(r.openAmount)); paid within horizon: \(r.paidWithinHorizon)",
      "  PD evaluated on \(r.pdRows) invoices not yet more than \(r.lateDays) days past due at the cutoff, late rate \(r.pdRows > 0 ? TextTable.fixed(r.pdLateRate, 4) : "-")",
    ]
    if let m = r.trainedModel?.metrics {
      lines.append(
        "  trained on \(m.invoicesUsed) invoices (\(m.labelled) with a known outcome, \(m.paymentEvents) payments)"
      )
    }
    lines.append(
      "  baseline: payment date = due date + customer's average past delay; PD = customer's past late rate"
    )
    return lines
  }

  /// The summary table printed by the CLI.
  public static func render(_ r: BacktestResult) -> String {
    var rows: [[String]] = [["metric", "model", "baseline", "better"]]
    for t in r.table {
      rows.append([
        t.metric, cell(t.model, t.metric), cell(t.baseline, t.metric),
        winner(t.metric, model: t.model, baseline: t.baseline) ?? "",
      ])
    }
    let widths = (0..<4).map { c in rows.map { $0[c].count }.max() ?? 0 }
    let rule = String(repeating: "-", count: widths.reduce(0, +) + 6)
    var lines = header(r) + ["", rule]
    for (i, row) in rows.enumerated() {
      let cells = row.enumerated().map { c, s in
        c == 0 || c == 3 ? TextTable.pad(s, widths[c]) : TextTable.padLeft(s, widths[c])
      }
      lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
      if i == 0 { lines.append(rule) }
    }
    lines.append(rule)
    lines.append(cashDefinition)
    return lines.joined(separator: "\n")
  }

  /// What the cash metrics measure and which way the signed one points.
  static let cashDefinition =
    "cash_total_error: expected - actual collections over the weeks compared (positive: more "
    + "was expected than was collected); cash_weekly_mae: the mean of |expected - actual| a "
    + "week; cash_p10_p90_coverage: the share of weeks whose collections fell inside the "
    + "model's P10-P90 band"

  /// A Markdown document: set-up, the metrics table, calibration deciles and weekly cash.
  /// - Parameter command: the command that reproduces it, shown in the header.
  public static func markdown(_ r: BacktestResult, command: String) -> String {
    var md: [String] = []
    md.append("# Backtest at \(r.cutoff) (horizon \(r.horizonDays) days)")
    md.append("")
    md.append(
      "Regenerate with `make notebooks`, which runs this command with `--markdown <this file>`:")
    md.append("")
    md.append("```sh")
    md.append(command)
    md.append("```")
    md.append("")
    for line in header(r) { md.append("- " + line.trimmingLeadingSpaces()) }
    md.append("")
    md.append("## Metrics")
    md.append("")
    md.append("| metric | model | baseline | better |")
    md.append("|---|---:|---:|---|")
    for t in r.table {
      md.append(
        "| \(t.metric) | \(cell(t.model, t.metric)) | \(cell(t.baseline, t.metric)) | \(winner(t.metric, model: t.model, baseline: t.baseline) ?? "") |"
      )
    }
    md.append("")
    md.append("## Calibration of the PD (deciles of the prediction)")
    md.append("")
    md.append(
      "| decile | model n | model mean PD | observed | baseline n | baseline mean PD | observed |")
    md.append("|---:|---:|---:|---:|---:|---:|---:|")
    for b in 0..<max(r.modelCalibration.count, r.baselineCalibration.count) {
      var cells = ["\(b + 1)"]
      for bins in [r.modelCalibration, r.baselineCalibration] {
        if b < bins.count {
          cells += [
            "\(bins[b].count)", TextTable.fixed(bins[b].meanPredicted, 4),
            TextTable.fixed(bins[b].observedRate, 4),
          ]
        } else {
          cells += ["", "", ""]
        }
      }
      md.append("| " + cells.joined(separator: " | ") + " |")
    }
    md.append("")
    md.append("## Weekly collections of the invoices open at the cutoff")
    md.append("")
    md.append("| week from | actual | model expected | model P10 | model P90 | baseline |")
    md.append("|---|---:|---:|---:|---:|---:|")
    for w in r.weeks {
      md.append(
        "| \(w.weekStart) | \(TextTable.fixed(w.actual, 2)) | \(TextTable.fixed(w.model, 2)) | \(TextTable.fixed(w.p10, 2)) | \(TextTable.fixed(w.p90, 2)) | \(TextTable.fixed(w.baseline, 2)) |"
      )
    }
    md.append("")
    md.append("## Definitions")
    md.append("")
    md.append(
      "- PD metrics use the invoices open at the cutoff and not yet more than \(r.lateDays) days past due, whose outcome (paid more than \(r.lateDays) days after due, or still unpaid that late) is known by the end of the horizon. The model's PD is conditional on the invoice still being open at its age."
    )
    md.append(
      "- c-index: Harrell's, of the predicted days from the cutoff to payment against the actual ones, censored at the end of the horizon (all invoices open at the cutoff)."
    )
    md.append(
      "- Payment-date error: |predicted − actual| in days for the invoices paid within the horizon. The model predicts the conditional median payment date; the baseline predicts due date + the customer's average past delay (the population average for customers with no paid invoice), or the day after the cutoff when that date has passed."
    )
    md.append(
      "- Cash: expected collections per week of the invoices open at the cutoff (weeks starting the day after the cutoff, those fully inside the horizon) against the amounts actually paid in each week; the baseline puts each invoice's whole amount in the week of its baseline date. "
        + "\(cashDefinition)."
    )
    md.append("")
    return md.joined(separator: "\n")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }

  func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
