import CreditEngine

/// The rolling backtest as text: the tables `creditrisk backtest --cutoffs` prints.
public enum RollingBacktestSummary {
  static func f(_ v: Double, _ d: Int) -> String { v.isNaN ? "-" : TextTable.fixed(v, d) }

  static func interval(_ i: RollingBacktestResult.Interval, _ d: Int) -> String {
    i.lower.isNaN ? f(i.estimate, d) : "\(f(i.estimate, d)) [\(f(i.lower, d)), \(f(i.upper, d))]"
  }

  static func table(_ rows: [[String]]) -> [String] {
    let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
    var lines = [rule]
    for (i, row) in rows.enumerated() {
      let cells = row.enumerated().map { c, s in
        c == 0 ? TextTable.pad(s, widths[c]) : TextTable.padLeft(s, widths[c])
      }
      lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
      if i == 0 { lines.append(rule) }
    }
    return lines + [rule]
  }

  /// The summary printed by the CLI: PD, payment-date errors by age and by amount, cash per
  /// cutoff and by week after it.
  public static func render(_ r: RollingBacktestResult) -> String {
    let first = r.cutoffs.first.map { "\($0.cutoff)" } ?? "-"
    let last = r.cutoffs.last.map { "\($0.cutoff)" } ?? "-"
    let cutoffs =
      r.cutoffs.count == 1
      ? "1 cutoff \(first), trained on what was known then"
      : "\(r.cutoffs.count) cutoffs \(first)..\(last), trained at each on what was known then"
    var lines: [String] =
      ["rolling backtest: \(cutoffs)"] + skippedLines(r) + [
        r.replicates < 2
          ? "  intervals: none (--replicates \(r.replicates); 2 or more give 95% bootstrap "
            + "intervals over customers)"
          : "  intervals: 95% bootstrap over customers, \(r.replicates) replicates, seed \(r.seed)"
            + (r.customerCount < 2
              ? " (one customer: every replicate is the sample, so the intervals are no wider "
                + "than the estimates)" : ""),
        "  baseline: payment date = due date + customer's average past delay; PD = customer's past late rate",
      ]
    if let pd = r.pd {
      lines += [
        "",
        "PD (\(pd.rows) invoices not yet more than \(r.lateDays) days past due at their cutoff, outcome known \(r.horizonDays) days later)",
      ]
      var rows = [
        ["metric", "model", "baseline"],
        ["auc", interval(pd.auc, 4), f(pd.baselineAUC, 4)],
        ["brier", interval(pd.brier, 4), f(pd.baselineBrier, 4)],
        ["mean_pd", interval(pd.meanPD, 4), ""],
        ["observed_late_rate", interval(pd.observed, 4), ""],
      ]
      if let c = pd.ceiling {
        let column = [
          "ceiling", interval(c.auc, 4), interval(c.brier, 4), interval(c.meanPD, 4), "",
        ]
        rows = zip(rows, column).map { $0 + [$1] }
      }
      lines += table(rows)
    } else {
      lines += ["", notEvaluatedPD(r)]
    }
    lines += [
      "",
      "payment date error, days (predicted - actual; invoices paid after their cutoff), by age at cutoff",
      "  paid_after: share paid after the predicted date, a tie counting half (a median date: about 50%)",
    ]
    lines += dateTable("age", r.dateErrors)
    if !r.dateErrorsByAmount.isEmpty {
      lines += [
        "",
        "payment date error, days, by amount (quarters of the same invoices' amounts)",
      ]
      lines += dateTable("amount", r.dateErrorsByAmount)
    }
    lines += ["", "\(cashWeeks(r))-week cash (collections from the invoices open at the cutoff)"]
    let ceiling = r.ceilingCash != nil
    if ceiling {
      lines.append(
        "  ceiling: the forecast from the simulation's true parameters, its band with invoices independent given them"
      )
    }
    var cash = [
      ["cutoff", "actual", "expected", "error", "weeks_in_p10_p90"]
        + (ceiling ? ["ceiling_expected", "ceiling_error", "ceiling_weeks"] : [])
    ]
    for c in r.cutoffs {
      var row = [
        "\(c.cutoff)", f(c.actual, 2), f(c.expected, 2), percent(c.cashError),
        "\(c.coveredWeeks)/\(c.weeks.count)",
      ]
      if ceiling {
        row += [
          f(c.ceilingExpected ?? .nan, 2), percent(c.ceilingCashError ?? .nan),
          c.ceilingCoveredWeeks.map { "\($0)/\(c.weeks.count)" } ?? "-",
        ]
      }
      cash.append(row)
    }
    lines += table(cash)
    lines.append("cash error: \(accuracy(r.cash))")
    if let c = r.ceilingCash { lines.append("ceiling:    \(accuracy(c))") }
    lines += weeksAhead(r)
    lines += cashByAge(r)
    return lines.joined(separator: "\n")
  }

  /// Why there is no PD table: no invoice to evaluate, or only one outcome among them.
  static func notEvaluatedPD(_ r: RollingBacktestResult) -> String {
    let (rows, late) = r.pdOutcomes
    let scope =
      "not yet more than \(r.lateDays) days past due at their cutoff whose outcome was known "
      + "\(r.horizonDays) days later"
    guard rows > 0 else { return "PD: not evaluated: no invoice \(scope)" }
    return "PD: not evaluated: of the \(rows) invoices \(scope), \(late == 0 ? "none" : "all") "
      + "went late (more than \(r.lateDays) days past due); AUC and Brier need both late and "
      + "on-time invoices"
  }

  /// A table of payment-date errors, a row a group and predictor.
  static func dateTable(_ group: String, _ errors: [RollingBacktestResult.DateError]) -> [String] {
    var rows = [
      [group, "predictor", "invoices", "median_abs", "mean_abs", "mean_signed", "paid_after"]
    ]
    for e in errors {
      rows.append([
        e.bucket, e.predictor.rawValue, "\(e.count)", f(e.medianAbsolute, 1),
        interval(e.meanAbsolute, 1), interval(e.meanSigned, 1), f(100 * e.paidAfter, 1) + "%",
      ])
    }
    return table(rows)
  }

  /// The cutoffs skipped before the first that trains: how many, which, and the first's and
  /// the last's reasons.
  static func skippedLines(_ r: RollingBacktestResult) -> [String] {
    guard let first = r.skipped.first, let last = r.skipped.last else { return [] }
    let range = r.skipped.count == 1 ? "\(first.cutoff)" : "\(first.cutoff)..\(last.cutoff)"
    var lines = [
      "  skipped: \(r.skipped.count) earlier cutoff\(r.skipped.count == 1 ? "" : "s") \(range), "
        + "before the history held enough to train on",
      "    at \(first.cutoff): \(first.reason)",
    ]
    if r.skipped.count > 1 { lines.append("    at \(last.cutoff): \(last.reason)") }
    return lines
  }

  /// The cash comparison by week after the cutoff, summed over the cutoffs.
  static func weeksAhead(_ r: RollingBacktestResult) -> [String] {
    let weeks = r.weeksAhead
    guard !weeks.isEmpty else { return [] }
    let ceiling = weeks.allSatisfy { $0.ceilingExpected != nil }
    var rows = [
      ["week", "actual", "expected", "error", "in_p10_p90"]
        + (ceiling ? ["ceiling_error", "ceiling_in_p10_p90"] : [])
    ]
    for w in weeks {
      var row = [
        "\(w.week)", f(w.actual, 2), f(w.expected, 2), percent(w.error),
        "\(w.covered)/\(w.cutoffs)",
      ]
      if ceiling {
        row += [
          percent(w.ceilingError ?? .nan), w.ceilingCovered.map { "\($0)/\(w.cutoffs)" } ?? "-",
        ]
      }
      rows.append(row)
    }
    return ["", "\(cashWeeks(r))-week cash by week after the cutoff (summed over the cutoffs)"]
      + table(rows)
  }

  /// The cash comparison by age at the cutoff, summed over the cutoffs: the error over the
  /// weeks compared and by group of weeks ahead, the ceiling's beside it when known.
  static func cashByAge(_ r: RollingBacktestResult) -> [String] {
    let ages = r.cashByAge.filter { $0.invoices > 0 }
    guard !ages.isEmpty else { return [] }
    let groups = weekGroups(cashWeeks(r))
    let ceiling = ages.allSatisfy { $0.ceilingExpected != nil }
    var rows = [
      ["age", "invoices", "actual", "expected", "error"] + groups.map { "weeks_\($0.label)" }
        + (ceiling ? ["ceiling_error"] + groups.map { "ceiling_\($0.label)" } : [])
    ]
    for a in ages {
      var row = [
        a.bucket, "\(a.invoices)", f(a.actual.reduce(0, +), 2), f(a.expected.reduce(0, +), 2),
        percent(a.error()),
      ]
      row += groups.indices.map { percent(a.error($0)) }
      if ceiling {
        row +=
          [percent(a.ceilingError() ?? .nan)]
          + groups.indices.map { percent(a.ceilingError($0) ?? .nan) }
      }
      rows.append(row)
    }
    return [
      "",
      "\(cashWeeks(r))-week cash by age at the cutoff (summed over the cutoffs; error by weeks "
        + "ahead)",
    ]
      + table(rows)
  }

  /// The weeks of cash compared after each cutoff: 13, fewer when --horizon is shorter.
  static func cashWeeks(_ r: RollingBacktestResult) -> Int {
    r.cutoffs.map(\.weeks.count).max() ?? CashForecast.weeks
  }

  /// The groups of weeks ahead (`RollingBacktestResult.weekGroups`) that hold one of the first
  /// `weeks`, labelled by the weeks they hold.
  static func weekGroups(_ weeks: Int) -> [(label: String, weeks: Range<Int>)] {
    RollingBacktestResult.weekGroups.filter { $0.weeks.lowerBound < weeks }.map { g in
      let (first, last) = (g.weeks.lowerBound + 1, min(g.weeks.upperBound, weeks))
      return (first == last ? "\(first)" : "\(first)-\(last)", g.weeks)
    }
  }

  /// A share as a percentage with one decimal; "-" when there is none (nothing collected).
  static func percent(_ share: Double) -> String { share.isNaN ? "-" : f(100 * share, 1) + "%" }

  /// "mean x%, worst y%; weekly P10-P90 coverage z%".
  static func accuracy(_ a: RollingBacktestResult.CashAccuracy) -> String {
    "mean \(percent(a.meanError)), worst \(percent(a.worstError)); weekly P10-P90 coverage \(percent(a.coverage))"
  }
}
