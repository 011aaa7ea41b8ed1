import CreditData
import CreditEngine
import CreditModels

/// The portfolio report as one self-contained HTML page: inline CSS and SVG, no scripts, no
/// external resources, no timestamps (the same inputs give the same bytes).
///
/// Sections, each an element with a fixed id: `kpis`, `ageing`, `risk`, `decisions`,
/// `changes`, `worklist`, `collections`, `drift`, `cash`, `models`, `diagnostics`, `payment-curves`, `definitions`.
/// Every piece of text that comes from the data (customer ids, actions, reasons, file names)
/// goes through `HTMLText.escape`.
public enum HTMLReport {
  /// The section ids, in page order.
  public static let sectionIDs = [
    "kpis", "ageing", "risk", "decisions", "changes", "worklist", "collections", "drift", "cash",
    "models", "diagnostics", "payment-curves", "definitions",
  ]

  /// Rows of the worklist shown.
  public static let worklistRows = 20

  /// Renders the page.
  /// - Parameters:
  ///   - source: the history's file name, shown in the header.
  ///   - inputHash: the history's content hash, shown beside its name; the model's own is
  ///     shown beside its date when it was trained on other content.
  ///   - version: the creditrisk version, shown in the footer.
  public static func render(
    _ a: PortfolioAnalysis, source: String, inputHash: String, version: String
  ) -> String {
    var body: [String] = []
    body.append("<header><h1>Credit risk report</h1>")
    let currency = a.score.currency.map { " · amounts in <b>\(HTMLText.escape($0))</b>" } ?? ""
    let trainedOn =
      a.model.inputHash.isEmpty || a.model.inputHash == inputHash
      ? "" : " (content hash \(HTMLText.escape(a.model.inputHash)))"
    body.append(
      "<p class=\"meta\">as of <b>\(a.asOf)</b>\(currency) · history <code>\(HTMLText.escape(source))</code> (content hash \(HTMLText.escape(inputHash.isEmpty ? "–" : inputHash))) · model trained as of \(a.model.asOf)\(trainedOn) · \(a.score.invoices.count) open invoices · \(a.score.customers.count) active customers</p></header>"
    )
    if !a.warnings.isEmpty {
      body.append(
        "<div class=\"warnings\"><p><b>Warnings</b></p><ul>"
          + a.warnings.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul></div>")
    }
    // The sections, in the page's order.
    let sections: [(PortfolioAnalysis) -> String] = [
      kpis, ageing, risk, decisions, changes, worklist, collections, drift, cash, models,
      diagnostics, paymentCurves, definitions,
    ]
    body += sections.map { $0(a) }
    body.append(
      "<footer>creditrisk \(HTMLText.escape(version)) · \(HTMLText.escape(a.model.format))</footer>"
    )
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Credit risk report as of \(a.asOf)</title>
      <style>
      \(style)
      </style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
  }

  // MARK: - Sections

  static func section(_ id: String, _ title: String, _ content: [String]) -> String {
    "<section id=\"\(id)\">\n<h2>\(HTMLText.escape(title))</h2>\n" + content.joined(separator: "\n")
      + "\n</section>"
  }

  static func card(_ label: String, _ value: String, _ note: String) -> String {
    "<div class=\"card\"><div class=\"label\">\(HTMLText.escape(label))</div><div class=\"kpi\">\(HTMLText.escape(value))</div><div class=\"note\">\(HTMLText.escape(note))</div></div>"
  }

  /// `x` as a money cell of the CSV files holds it (2 decimals): the report's totals add up
  /// the cells as written, so that each equals its column's sum to the cent, also where
  /// converted amounts (`--fx`) have fractions of a cent.
  static func asWritten(_ x: Double) -> Double { CSVWriter.asWritten(x, decimals: 2) }

  static func kpis(_ a: PortfolioAnalysis) -> String {
    let k = a.kpis
    let days = { (v: Double?) in v.map { HTMLText.grouped($0, 1) + " days" } ?? "–" }
    // The weeks as cash_forecast.csv holds them, so the card is that column's sum to the cent.
    let collections = a.score.cashForecast.reduce(0) { $0 + asWritten($1.expected) }
    // The balances as customers.csv holds them (the risk table's totals).
    let open = a.score.customers.reduce(0) { $0 + asWritten($1.openBalance) }
    let overdue = a.score.customers.reduce(0) { $0 + asWritten($1.overdueBalance) }
    let overdueShare = open > 0 ? overdue / open : nil
    let cards = [
      card(
        "DSO", days(k.dso),
        "open receivables / last \(k.salesWindowDays) days' sales × \(k.salesWindowDays)"),
      card(
        "Best possible DSO", days(k.bestPossibleDSO),
        "current receivables / sales × \(k.salesWindowDays)"),
      card("Average days delinquent", days(k.averageDaysDelinquent), "DSO − best possible DSO"),
      card(
        "CEI", k.cei.map { HTMLText.grouped($0, 1) + "%" } ?? "–",
        "collection effectiveness, last \(k.collectionWindowDays) days"),
      card("Open receivables", HTMLText.grouped(open, 2), "\(k.openInvoices) open items"),
      card("Overdue", HTMLText.grouped(overdue, 2), HTMLText.percent(overdueShare) + " of open"),
      card(
        "Sales, last \(k.salesWindowDays) days", HTMLText.grouped(k.salesForDSO, 2),
        "credit sales (net)"),
      card(
        "Expected collections, 13 weeks", HTMLText.grouped(collections, 2),
        a.score.collections.acceptedPlans == nil
          ? "from the open invoices" : "from the open invoices and accepted plans"),
    ]
    return section("kpis", "Portfolio KPIs", ["<div class=\"cards\">" + cards.joined() + "</div>"])
  }

  static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
    var html = "<table><thead><tr>"
    for (i, h) in header.enumerated() {
      html += "<th\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTMLText.escape(h))</th>"
    }
    html += "</tr></thead><tbody>\n"
    for row in rows {
      html += "<tr>"
      for (i, cell) in row.enumerated() {
        html += "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody></table>"
  }

  static func ageing(_ a: PortfolioAnalysis) -> String {
    // aging.csv's columns summed as the file holds them.
    let buckets = a.score.ageing.reduce(into: AgeingBucket.zeros) { totals, row in
      for b in totals.indices { totals[b] += asWritten(row.buckets[b]) }
    }
    let total = a.score.ageing.reduce(0) { $0 + asWritten($1.total) }
    let labels = AgeingBucket.allCases.map(\.label)
    let rows = zip(labels, buckets).map { label, v in
      [label, HTMLText.grouped(v, 2), HTMLText.percent(total != 0 ? v / total : nil)]
    }
    return section(
      "ageing", "Ageing of open receivables",
      [
        "<div class=\"figure\">" + ReportCharts.ageing(buckets, labels: labels)
          + "</div>",
        table(
          ["days past due", "open balance", "share"],
          rows + [["total", HTMLText.grouped(total, 2), HTMLText.percent(total != 0 ? 1 : nil)]],
          numeric: [1, 2]),
      ])
  }

  static func gradeRows(_ a: PortfolioAnalysis) -> [(
    grade: String, customers: Int, openBalance: Double, overdue: Double
  )] {
    a.gradeNames.map { g in
      let cs = a.score.customers.filter { $0.riskGrade == g }
      return (
        g, cs.count, cs.reduce(0) { $0 + asWritten($1.openBalance) },
        cs.reduce(0) { $0 + asWritten($1.overdueBalance) }
      )
    }
  }

  static func risk(_ a: PortfolioAnalysis) -> String {
    let rows = gradeRows(a)
    let holds = a.score.creditLimits.filter(\.hold).count
    let bands = pdBands(a.gradeBounds)
    return section(
      "risk", "Risk grades",
      [
        "<div class=\"figure\">"
          + ReportCharts.grades(rows.map { ($0.grade, $0.customers, $0.openBalance) }) + "</div>",
        table(
          ["grade", "PD band", "customers", "open balance", "overdue balance"],
          rows.enumerated().map { i, r in
            [
              r.grade, i < bands.count ? bands[i] : "", "\(r.customers)",
              HTMLText.grouped(r.openBalance, 2), HTMLText.grouped(r.overdue, 2),
            ]
          }, numeric: [2, 3, 4]),
        "<p>\(holds) customers on credit hold.</p>",
      ])
  }

  /// The PD band of each grade from the policy's bounds: `PD < 2%`, `2-5%`, …, `PD ≥ 20%`.
  static func pdBands(_ bounds: [Double]) -> [String] {
    let percent = bounds.map { ReportCharts.trimmed($0 * 100) }
    guard let first = percent.first, let last = percent.last else { return [] }
    return ["PD < \(first)%"] + zip(percent, percent.dropFirst()).map { "\($0)-\($1)%" }
      + ["PD ≥ \(last)%"]
  }

  static func worklist(_ a: PortfolioAnalysis) -> String {
    let rows = a.score.worklist.prefix(worklistRows).map { w in
      [
        "\(w.rank)", w.customerID, w.invoiceID, HTMLText.grouped(w.amountAtRisk, 2),
        HTMLText.grouped(w.customerAmountAtRisk, 2), w.action, w.actionDate.isoString, w.reason,
      ]
    }
    let shown = min(worklistRows, a.score.worklist.count)
    return section(
      "worklist", "Collections worklist (top \(shown) of \(a.score.worklist.count))",
      [
        rows.isEmpty
          ? "<p class=\"note\">No open invoice has an action due within "
            + "\(Scorer.worklistLookaheadDays) days.</p>"
          : table(
            [
              "rank", "customer", "invoice", "amount at risk", "customer amount at risk",
              "action", "action date", "why",
            ],
            Array(rows), numeric: [0, 3, 4]),
        "<p class=\"note\">Amount at risk = open amount × (1 − P(paid within 30 days)); "
          + "customers ranked by the sum over their open invoices, most first. A disputed "
          + "invoice goes to dispute resolution; the others follow the collections ladder.</p>",
      ])
  }

  static func cash(_ a: PortfolioAnalysis) -> String {
    let weeks = a.score.cashForecast
    // With accepted plans, cash_forecast.csv's two columns of them, and what they change.
    let plans = a.score.collections.acceptedPlans != nil
    let rows = weeks.map { w in
      [
        w.weekStart.isoString, HTMLText.grouped(w.expected, 2), HTMLText.grouped(w.p10, 2),
        HTMLText.grouped(w.p90, 2), HTMLText.grouped(w.expectedNew, 2),
      ]
        + (plans
          ? [HTMLText.grouped(w.acceptedPlans, 2), HTMLText.grouped(w.replacedByPlans, 2)] : [])
    }
    let planNote =
      plans
      ? " With accepted payment plans (--accepted-plans), the instalments due in a week are in "
        + "its expected value and band as certain amounts (accepted plans), and the modelled "
        + "cash of the past-due invoices they cover is not (replaced by plans)." : ""
    return section(
      "cash", "13-week cash forecast",
      [
        "<div class=\"figure\">" + ReportCharts.cashForecast(weeks) + "</div>",
        table(
          ["week starting", "expected", "P10", "P90", "expected from new invoices"]
            + (plans ? ["accepted plans", "replaced by plans"] : []), rows,
          numeric: plans ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4]),
        "<p class=\"note\">Collections of the invoices open at the as-of date from their payment curves; the P10–P90 band is a shifted gamma with each week&#39;s mean, variance and skewness, the invoices of one customer correlated as that customer&#39;s history shows. Expected from new invoices: what invoices issued after the as-of date are expected to pay in each week, at the run-rate of the history (not in the expected value or the band).\(planNote)</p>",
      ])
  }

  static func coefficientTable(_ t: CoefficientTable) -> String {
    let facts = t.facts.map { "\(HTMLText.escape($0.0)) <b>\(HTMLText.escape($0.1))</b>" }.joined(
      separator: " · ")
    let level = Int((t.confidence * 100).rounded())
    let rows = t.rows.map { r in
      [
        r.name, TextTable.fixed(r.estimate, 4), TextTable.fixed(r.standardError, 4),
        TextTable.fixed(r.lower, 4),
        TextTable.fixed(r.upper, 4), TextTable.fixed(r.z, 2),
        r.p < 0.001 ? "<0.001" : TextTable.fixed(r.p, 3),
      ]
    }
    return "<h3>\(HTMLText.escape(t.title))</h3>\n<p class=\"meta\">\(facts)</p>\n"
      + table(
        ["", "coef", "se(coef)", "lower \(level)%", "upper \(level)%", "z", "p"], rows,
        numeric: [1, 2, 3, 4, 5, 6])
  }

  static func models(_ a: PortfolioAnalysis) -> String {
    let m = a.model.metrics
    let facts = table(
      ["fact", "value"],
      [
        ["trained as of", a.model.asOf.isoString], ["invoices used", "\(m.invoicesUsed)"],
        ["with a known outcome", "\(m.labelled)"], ["late rate", HTMLText.percent(m.lateRate, 2)],
        ["payments (events)", "\(m.paymentEvents)"],
        ["AUC (in-sample)", TextTable.fixed(m.auc, 4)],
        ["Brier (in-sample)", TextTable.fixed(m.brier, 4)],
        ["concordance Cox", TextTable.fixed(m.concordance, 4)],
        ["concordance Weibull", TextTable.fixed(m.weibullConcordance, 4)],
        [
          "features left out (constant)",
          a.model.features.dropped.isEmpty
            ? "none" : a.model.features.dropped.map(FeatureNames.readable).joined(separator: ", "),
        ],
      ] + TrainingSummary.leftOut(a.model.features).map { [$0.fact, $0.value] }, numeric: [])
    return section(
      "models", "Models",
      [facts] + a.coefficientTables.map { coefficientTable($0.withReadableNames()) })
  }

  static func diagnostics(_ a: PortfolioAnalysis) -> String {
    let d = a.diagnostics
    guard d.count > 0 else {
      return section(
        "diagnostics", "Delinquency model: discrimination and calibration",
        [
          "<p class=\"meta\">\(HTMLText.escape(d.source)): no invoice of this history is known to have been paid on time or gone late by the as-of date, so there is no ROC or calibration to show; a longer history gives them.</p>"
        ])
    }
    let rows = d.calibration.enumerated().map { i, b in
      [
        "\(i + 1)", "\(b.count)",
        HTMLText.percent(b.lowest, 2) + " – " + HTMLText.percent(b.highest, 2),
        HTMLText.percent(b.meanPredicted, 2), HTMLText.percent(b.observedRate, 2),
      ]
    }
    return section(
      "diagnostics", "Delinquency model: discrimination and calibration",
      [
        "<p class=\"meta\">\(HTMLText.escape(d.source)) · late rate \(HTMLText.percent(d.eventRate, 2)) · AUC <b>\(d.auc.map { TextTable.fixed($0, 4) } ?? "–")</b> · KS \(d.ks.map { TextTable.fixed($0, 4) } ?? "–") · Brier \(d.brier.map { TextTable.fixed($0, 4) } ?? "–")</p>",
        "<div class=\"pair\"><div class=\"figure\">" + ReportCharts.roc(d.roc, auc: d.auc)
          + "</div><div class=\"figure\">"
          + ReportCharts.calibration(d.calibration) + "</div></div>",
        table(
          ["decile", "invoices", "PD range", "mean PD", "observed late rate"], rows,
          numeric: [0, 1, 3, 4]),
      ])
  }

  static func paymentCurves(_ a: PortfolioAnalysis) -> String {
    let curves = a.diagnostics.paymentCurves
    let rows = curves.map { g in
      [
        g.grade, "\(g.invoices)",
        g.curve.median.isFinite ? TextTable.fixed(g.curve.median, 0) : "not reached",
        HTMLText.percent(g.curve.survival(at: 30)), HTMLText.percent(g.curve.survival(at: 60)),
        HTMLText.percent(g.curve.survival(at: 90)),
      ]
    }
    return section(
      "payment-curves", "Time to payment by risk grade",
      [
        "<div class=\"figure\">" + ReportCharts.paymentCurves(curves, gradeNames: a.gradeNames)
          + "</div>",
        table(
          ["grade at issue", "invoices", "median days", "unpaid at 30 d", "at 60 d", "at 90 d"],
          rows, numeric: [1, 2, 3, 4, 5]),
        "<p class=\"note\">Kaplan-Meier estimates on the training invoices, grouped by the grade of their PD at issue; invoices still open are censored at the as-of date.</p>",
      ])
  }

  static func definitions(_ a: PortfolioAnalysis) -> String {
    let k = a.kpis
    let items = [
      "<b>DSO</b> = open receivables at the as-of date / credit sales of the last \(k.salesWindowDays) days × \(k.salesWindowDays).",
      "<b>Best possible DSO</b> = current (not yet due) receivables / the same sales × \(k.salesWindowDays).",
      "<b>Average days delinquent</b> = DSO − best possible DSO.",
      "<b>CEI</b> = (beginning receivables + credit sales − ending total receivables) / (beginning receivables + credit sales − ending current receivables) × 100, over the last \(k.collectionWindowDays) days (beginning = \(HTMLText.grouped(k.beginningReceivables, 2)), sales = \(HTMLText.grouped(k.salesForCEI, 2))).",
      "Amounts are net of credit notes; written-off invoices are left out at every date (their write-off date is not in the history).",
      "<b>PD</b> = probability that an invoice ends more than \(a.model.lateDays) days past due; grades by the PD of each customer's typical next invoice.",
    ]
    return section(
      "definitions", "Definitions", ["<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"])
  }

  // MARK: - Style

  /// The page's CSS.
  ///
  /// A text cell may break anywhere, so that an id or reason without spaces (a 300-character
  /// customer id) wraps inside the table instead of widening it past the page.
  static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1f2933;background:#fff}
    h1{margin:8px 0 4px;font-size:26px}h2{margin-top:36px;border-bottom:2px solid #e4e7eb;padding-bottom:4px;font-size:20px}h3{font-size:16px;margin:20px 0 4px}
    .meta{color:#52606d;font-size:13px}.warnings{background:#fff4e5;border-left:4px solid #d97706;padding:4px 12px;font-size:13px}.note{color:#52606d;font-size:12px}
    .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
    .card{border:1px solid #e4e7eb;border-radius:8px;padding:10px 12px;background:#f8fafc}
    .card .label{font-size:12px;color:#52606d;text-transform:uppercase;letter-spacing:.03em}
    .card .kpi{font-size:22px;font-weight:600;margin:4px 0}.card .note{font-size:11px}
    table{border-collapse:collapse;font-size:13px;margin:8px 0;width:100%}
    th,td{padding:3px 8px;border-bottom:1px solid #e4e7eb;text-align:left}th{background:#f1f5f9}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td:not(.num){overflow-wrap:anywhere}
    .figure{margin:8px 0}.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}
    svg.chart{width:100%;height:auto;font-size:11px}
    .grid{stroke:#e4e7eb;stroke-width:1}.axis{stroke:#9aa5b1;stroke-width:1}
    .tick,.legend{fill:#52606d}.axis-title{fill:#323f4b;font-size:12px}.value{fill:#323f4b;font-size:11px}
    .bar{stroke:none}.age0{fill:#3ebd93}.age1{fill:#f7c948}.age2{fill:#f0b429}.age3{fill:#f9703e}.age4{fill:#e12d39}.age5{fill:#8a041a}
    .grade0{fill:#3ebd93;stroke:#27ab83}.grade1{fill:#8bd3c7;stroke:#2cb1bc}.grade2{fill:#f7c948;stroke:#de911d}.grade3{fill:#f9703e;stroke:#e12d39}.grade4{fill:#ab091e;stroke:#8a041a}.grade5{fill:#7c3aed;stroke:#5b21b6}.grade6{fill:#52606d;stroke:#323f4b}.grade7{fill:#a16207;stroke:#713f12}
    .km{fill:none;stroke-width:2}.swatch-line{stroke:none}
    .expected{fill:#2680c2}.band{fill:#bae3ff;stroke:none;opacity:.8}.band-edge{fill:none;stroke:#47a3f3;stroke-width:1;stroke-dasharray:4 3}
    .curve{fill:none;stroke:#2680c2;stroke-width:2}.diagonal{fill:none;stroke:#9aa5b1;stroke-dasharray:5 4}.dot{fill:#2680c2;stroke:#fff;stroke-width:1}
    footer{margin:40px 0 12px;color:#9aa5b1;font-size:12px}
    @media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}.pair{grid-template-columns:1fr}}
    """
}
