import CreditData
import CreditEngine
import CreditModels

/// The report's charts, each an inline `<svg>` built with `SVGPlot` from plain data.
enum ReportCharts {
  /// Money axis labels: 0, 250k, 1.5M, ...
  static func shortMoney(_ v: Double) -> String {
    let a = abs(v)
    if a >= 1_000_000 { return trimmed(v / 1_000_000) + "M" }
    if a >= 1_000 { return trimmed(v / 1_000) + "k" }
    return trimmed(v)
  }

  static func trimmed(_ v: Double) -> String {
    var s = TextTable.fixed(v, 2)
    while s.contains("."), s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }

  /// Open balance by ageing bucket; current in green, overdue buckets darker as they age.
  static func ageing(_ buckets: [Double], labels: [String]) -> String {
    let top = max(buckets.max() ?? 0, 1)
    let ticks = SVGPlot.niceTicks(upper: top)
    var plot = SVGPlot(x: 0...Double(buckets.count), y: 0...(ticks.last ?? top))
    plot.axes(
      xTicks: labels.enumerated().map { (Double($0) + 0.5, $1) },
      yTicks: ticks.map { ($0, shortMoney($0)) }, xTitle: "days past due",
      yTitle: "open balance")
    for (i, v) in buckets.enumerated() {
      plot.bar(
        x0: Double(i) + 0.15, x1: Double(i) + 0.85, y1: max(v, 0), cssClass: "bar age\(i)",
        tooltip: "\(labels[i]): \(HTMLText.grouped(v, 2))")
      plot.label(shortMoney(v), x: Double(i) + 0.5, y: max(v, 0))
    }
    return plot.render(title: "Open balance by ageing bucket")
  }

  /// The colours of the grades in the page's style (`.grade0` … `.grade7`), best first.
  static let gradeColours = 8

  /// The CSS class of the grade at `index` (best 0): its own colour for the first
  /// `gradeColours` grades, then the colours again, so that every grade is drawn.
  static func gradeClass(_ index: Int) -> String { "grade\(index % gradeColours)" }

  /// Customers per risk grade (bars) with their open balance as labels.
  static func grades(_ rows: [(grade: String, customers: Int, openBalance: Double)]) -> String {
    let top = Double(max(rows.map(\.customers).max() ?? 0, 1))
    let ticks = SVGPlot.niceTicks(upper: top)
    var plot = SVGPlot(x: 0...Double(max(rows.count, 1)), y: 0...(ticks.last ?? top))
    plot.axes(
      xTicks: rows.enumerated().map { (Double($0) + 0.5, "grade " + $1.grade) },
      yTicks: ticks.map { ($0, trimmed($0)) }, xTitle: "risk grade (PD of the next invoice)",
      yTitle: "customers")
    for (i, r) in rows.enumerated() {
      plot.bar(
        x0: Double(i) + 0.15, x1: Double(i) + 0.85, y1: Double(r.customers),
        cssClass: "bar " + gradeClass(i),
        tooltip:
          "grade \(r.grade): \(r.customers) customers, open \(HTMLText.grouped(r.openBalance, 2))")
      plot.label(
        "\(r.customers) · \(shortMoney(r.openBalance))", x: Double(i) + 0.5, y: Double(r.customers))
    }
    return plot.render(title: "Customers by risk grade")
  }

  /// The 13-week forecast: expected collections as bars, the P10-P90 band behind them.
  static func cashForecast(_ weeks: [CashForecastWeek]) -> String {
    let top = max(weeks.map(\.p90).max() ?? 0, 1)
    let ticks = SVGPlot.niceTicks(upper: top)
    var plot = SVGPlot(x: 0...Double(max(weeks.count, 1)), y: 0...(ticks.last ?? top))
    plot.axes(
      xTicks: weeks.enumerated().compactMap { i, w in
        i % 2 == 0 ? (Double(i) + 0.5, shortDate(w.weekStart)) : nil
      },
      yTicks: ticks.map { ($0, shortMoney($0)) }, xTitle: "week starting",
      yTitle: "collections")
    let centres = weeks.indices.map { Double($0) + 0.5 }
    plot.area(x: centres, lower: weeks.map(\.p10), upper: weeks.map(\.p90), cssClass: "band")
    for (i, w) in weeks.enumerated() {
      plot.bar(
        x0: Double(i) + 0.2, x1: Double(i) + 0.8, y1: w.expected, cssClass: "bar expected",
        tooltip:
          "week of \(w.weekStart): expected \(HTMLText.grouped(w.expected, 2)), P10 \(HTMLText.grouped(w.p10, 2)), P90 \(HTMLText.grouped(w.p90, 2))"
      )
    }
    plot.line(zip(centres, weeks.map(\.p10)).map { ($0, $1) }, cssClass: "band-edge")
    plot.line(zip(centres, weeks.map(\.p90)).map { ($0, $1) }, cssClass: "band-edge")
    plot.legend([("expected", "bar expected"), ("P10-P90 band", "band")])
    return plot.render(title: "13-week cash forecast with P10-P90 band")
  }

  static func shortDate(_ d: Day) -> String {
    let (_, m, day) = d.civil
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    return "\(day) \(months[m - 1])"
  }

  /// The ROC curve against the diagonal.
  ///
  /// Points closer than 1/500 in both rates to the last drawn one are skipped (invisible at this
  /// size).
  static func roc(_ points: [ROCPoint], auc: Double?) -> String {
    var plot = SVGPlot(x: 0...1, y: 0...1, width: 420, height: 380)
    let ticks = stride(from: 0.0, through: 1.0, by: 0.2).map { ($0, trimmed($0)) }
    plot.axes(
      xTicks: ticks, yTicks: ticks, xTitle: "false positive rate", yTitle: "true positive rate")
    plot.line([(0, 0), (1, 1)], cssClass: "diagonal")
    var kept: [(Double, Double)] = []
    for (i, p) in points.enumerated() {
      let x = p.falsePositiveRate
      let y = p.truePositiveRate
      if let last = kept.last, i != points.count - 1, abs(x - last.0) < 0.002,
        abs(y - last.1) < 0.002
      {
        continue
      }
      kept.append((x, y))
    }
    plot.line(kept, cssClass: "curve")
    plot.label("AUC \(auc.map { TextTable.fixed($0, 3) } ?? "–")", x: 0.6, y: 0.2, anchor: "start")
    if auc == nil || points.count < 2 {
      // No curve to draw: the invoices compared were all late or all not late.
      plot.label("no curve: the invoices compared", x: 0.05, y: 0.62, anchor: "start")
      plot.label("all had the same outcome (all late", x: 0.05, y: 0.55, anchor: "start")
      plot.label("or none late): nothing to rank", x: 0.05, y: 0.48, anchor: "start")
    }
    return plot.render(title: "ROC curve of the delinquency model")
  }

  /// Mean predicted PD against the observed late rate per decile, with the diagonal.
  static func calibration(_ bins: [ClassificationMetrics.CalibrationBin]) -> String {
    let top = min(
      1, max(bins.map { max($0.meanPredicted, $0.observedRate) }.max() ?? 0, 0.05) * 1.1)
    let ticks = SVGPlot.niceTicks(upper: top)
    let upper = ticks.last ?? top
    var plot = SVGPlot(x: 0...upper, y: 0...upper, width: 420, height: 380)
    plot.axes(
      xTicks: ticks.map { ($0, HTMLText.percent($0, 0)) },
      yTicks: ticks.map { ($0, HTMLText.percent($0, 0)) }, xTitle: "mean predicted PD",
      yTitle: "observed late rate")
    plot.line([(0, 0), (upper, upper)], cssClass: "diagonal")
    plot.line(bins.map { ($0.meanPredicted, $0.observedRate) }, cssClass: "curve")
    for (i, b) in bins.enumerated() {
      plot.point(
        b.meanPredicted, b.observedRate, radius: 4.5, cssClass: "dot",
        tooltip:
          "decile \(i + 1): \(b.count) invoices, predicted \(HTMLText.percent(b.meanPredicted, 2)), observed \(HTMLText.percent(b.observedRate, 2))"
      )
    }
    return plot.render(title: "Calibration of the delinquency model by decile")
  }

  /// Kaplan-Meier share still unpaid by days since issue, one step curve per grade.
  static func paymentCurves(_ curves: [ModelDiagnostics.GradeCurve], gradeNames: [String]) -> String
  {
    let horizon = 150.0
    var plot = SVGPlot(x: 0...horizon, y: 0...1)
    plot.axes(
      xTicks: stride(from: 0.0, through: horizon, by: 30).map { ($0, trimmed($0)) },
      yTicks: stride(from: 0.0, through: 1.0, by: 0.2).map { ($0, HTMLText.percent($0, 0)) },
      xTitle: "days since issue", yTitle: "share still unpaid")
    var legend: [(label: String, cssClass: String)] = []
    for g in curves {
      let index = gradeNames.firstIndex(of: g.grade) ?? 0
      var points: [(Double, Double)] = []
      for (t, s) in zip(g.curve.timeline, g.curve.survival) where t <= horizon {
        points.append((t, s))
      }
      points.append((horizon, g.curve.survival(at: horizon)))
      let median = g.curve.median
      plot.steps(
        points, cssClass: "km " + gradeClass(index),
        tooltip:
          "grade \(g.grade): \(g.invoices) invoices, median \(median.isFinite ? trimmed(median) + " days" : "not reached")"
      )
      legend.append(("grade \(g.grade) (\(g.invoices))", "swatch-line " + gradeClass(index)))
    }
    plot.legend(legend)
    return plot.render(title: "Time to payment by risk grade at issue (Kaplan-Meier)")
  }
}
