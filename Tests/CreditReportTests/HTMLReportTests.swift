import CreditData
import CreditEngine
import CreditReport
import Foundation
import TestSupport
import Testing

/// The HTML report: sections, charts with content, escaping, determinism.
@Suite struct HTMLReportTests {
  /// The bundled sample with every customer id wrapped in markup.
  static let portfolio: Portfolio = {
    do {
      var history = try HistoryLoader.load(path: repositoryRoot() + "/datasets/history.csv")
      history.customerIDs = history.customerIDs.map { "<i>\($0)</i>&\"" }
      return Portfolio(history: history)
    } catch {
      fatalError("cannot read the sample: \(error)")
    }
  }()

  /// The sample trained and analysed once.
  static let analysis: PortfolioAnalysis = {
    do {
      var model = try Trainer().train(portfolio)
      model.inputHash = "0123456789abcdef"
      return try PortfolioAnalysis(portfolio: portfolio, model: model)
    } catch {
      fatalError("cannot build the report: \(error)")
    }
  }()

  /// The analysis rendered, as `report` does with the history the model was trained on.
  static let html = render(analysis)

  static func render(_ a: PortfolioAnalysis, inputHash: String = "0123456789abcdef") -> String {
    HTMLReport.render(a, source: "history<1>.csv", inputHash: inputHash, version: "test")
  }

  /// The content of the section `id` of `html`.
  static func section(_ id: String, of html: String) throws -> String {
    try #require(
      html.components(separatedBy: "<section id=\"\(id)\">").dropFirst().first?
        .components(separatedBy: "</section>").first)
  }

  /// The `<svg>...</svg>` elements of the page.
  static var charts: [String] {
    html.components(separatedBy: "<svg ").dropFirst().map {
      $0.components(separatedBy: "</svg>")[0]
    }
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test func isOneSelfContainedDocument() {
    let html = Self.html
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.hasSuffix("</html>\n"))
    #expect(Self.count("<body>", in: html) == 1 && Self.count("</body>", in: html) == 1)
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=\"http"))
    #expect(!html.contains("href=\"http"))
    #expect(!html.contains("<link"))
  }

  @Test(arguments: HTMLReport.sectionIDs)
  func hasSection(_ id: String) {
    #expect(Self.html.contains("<section id=\"\(id)\">"))
  }

  /// A book with nothing open has no population to set against the training invoices.
  ///
  /// The drift section says so instead of a table of PSIs against an empty book (the IBM
  /// sample at its default as-of date showed PSIs of 6.90 to 9.21, each '0.0% of open
  /// invoices').
  @Test func driftOfABookWithNothingOpenIsNotTabulated() throws {
    var a = Self.analysis
    a.score.populationDrift?.rows = 0
    let drift = try Self.section("drift", of: Self.render(a))
    #expect(!drift.contains("<table>"))
    #expect(!drift.contains("PSI ="))
    #expect(drift.contains("No invoice is open at the as-of date: there is no book to compare"))
  }

  /// The Models section names every feature in words, as train's summary does.
  ///
  /// The Weibull table's rows read 'lambda_:log_amount', 'lambda_:region=APAC' beside the
  /// other tables' 'invoice amount (log)', 'region: APAC', and the constant features left out
  /// read 'has_credit_limit' where train says 'has a credit limit'.
  @Test func theModelsNameEveryFeatureInWords() throws {
    let models = try Self.section("models", of: Self.html)
    #expect(!models.contains("lambda_") && !models.contains("rho_"))
    #expect(!models.contains("has_credit_limit"))
    let constant = models.components(separatedBy: "<td>features left out (constant)</td><td>")
    #expect(constant.count == 2)
    #expect(
      constant.last?.components(separatedBy: "</td>").first?.hasSuffix("has a credit limit") == true
    )
    #expect(Self.count("<td>invoice amount (log)</td>", in: models) == 3)
    #expect(Self.count("<td>region: EMEA</td>", in: models) == 3)
  }

  @Test func sectionsAndTablesAreBalanced() {
    let html = Self.html
    #expect(Self.count("<section ", in: html) == Self.count("</section>", in: html))
    #expect(Self.count("<table>", in: html) == Self.count("</table>", in: html))
    #expect(Self.count("<tr>", in: html) == Self.count("</tr>", in: html))
    #expect(Self.count("<svg ", in: html) == Self.count("</svg>", in: html))
  }

  /// Six charts: ageing, grades, cash, ROC, calibration, Kaplan-Meier; each with real marks.
  @Test func everyChartHasContent() {
    let charts = Self.charts
    #expect(charts.count == 6)
    let titles = [
      "Open balance by ageing bucket", "Customers by risk grade", "13-week cash forecast",
      "ROC curve", "Calibration", "Time to payment by risk grade",
    ]
    // Bars, band and legend swatches; the ROC is two long paths (curve and diagonal).
    let minimumMarks = [6, 5, 15, 2, 11, 3]
    for (k, (chart, title)) in zip(charts, titles).enumerated() {
      #expect(chart.contains(title))
      let marks = ["<rect ", "<path ", "<circle "].map { Self.count($0, in: chart) }.reduce(0, +)
      #expect(marks >= minimumMarks[k], "\(title): \(marks) marks")
      #expect(Self.count("<text ", in: chart) >= 6, "\(title): axis labels")
    }
    // Bars per bucket, grade and week; the ROC curve is one long path.
    #expect(Self.count("<rect class=\"bar age", in: charts[0]) == 6)
    #expect(Self.count("<rect class=\"bar expected\"", in: charts[2]) == 13)
    let roc = charts[3].components(separatedBy: "class=\"curve\" d=\"")[1]
    #expect(Self.count(" L", in: roc.components(separatedBy: "\"")[0]) > 50)
    #expect(Self.count("<circle ", in: charts[4]) == 10)
    #expect(Self.count("class=\"km grade", in: charts[5]) >= 3)
  }

  @Test func dataTextIsEscaped() {
    let html = Self.html
    #expect(!html.contains("<i>C0"))
    #expect(html.contains("&lt;i&gt;C0"))
    #expect(html.contains("&lt;/i&gt;&amp;&quot;"))
    #expect(html.contains("history&lt;1&gt;.csv"))
  }

  @Test func worklistShowsTwentyRows() throws {
    let section = try Self.section("worklist", of: Self.html)
    #expect(Self.count("<tr>", in: section) == 21)
    #expect(
      section.contains("Collections worklist (top 20 of \(Self.analysis.score.worklist.count))"))
  }

  /// A worklist shorter than the rows shown is announced as all of it ("top 8 of 8", not
  /// "top 20 of 8"); an empty one says that no invoice needs an action instead of an empty
  /// table.
  @Test func shortWorklistHeadingCountsTheRowsShown() throws {
    var a = Self.analysis
    a.score.worklist = Array(a.score.worklist.prefix(8))
    let short = try Self.section("worklist", of: Self.render(a))
    #expect(short.contains("<h2>Collections worklist (top 8 of 8)</h2>"))
    #expect(Self.count("<tr>", in: short) == 9)
    a.score.worklist = []
    let empty = try Self.section("worklist", of: Self.render(a))
    #expect(empty.contains("<h2>Collections worklist (top 0 of 0)</h2>"))
    #expect(empty.contains("No open invoice has an action due within 7 days."))
    #expect(!empty.contains("<table>"))
  }

  /// The PD band of each grade is the policy's (`--policy` gradeBounds), not the default's.
  @Test func pdBandsFollowThePolicy() throws {
    let defaults = try Self.section("risk", of: Self.html)
    for band in ["PD &lt; 2%", "2-5%", "5-10%", "10-20%", "PD ≥ 20%"] {
      #expect(defaults.contains("<td>\(band)</td>"), "\(band)")
    }
    var policy = CreditPolicy()
    policy.gradeBounds = [0.01, 0.025, 0.08, 0.3]
    let a = try PortfolioAnalysis(
      portfolio: Portfolio(
        history: try HistoryLoader.load(path: repositoryRoot() + "/datasets/history.csv")),
      model: Self.analysis.model, policy: policy)
    let risk = try Self.section("risk", of: Self.render(a))
    for band in ["PD &lt; 1%", "1-2.5%", "2.5-8%", "8-30%", "PD ≥ 30%"] {
      #expect(risk.contains("<td>\(band)</td>"), "\(band)")
    }
    #expect(!risk.contains("2-5%") && !risk.contains("PD ≥ 20%"))
  }

  /// A policy with more grades than five draws every grade: each grade class the charts use
  /// has a colour in the page's style (the sixth grade's payment curve had no stroke).
  @Test func everyGradeOfALongerScaleHasAColour() throws {
    var policy = CreditPolicy()
    policy.gradeBounds = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    policy.gradeNames = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
    let a = try PortfolioAnalysis(
      portfolio: Portfolio(
        history: try HistoryLoader.load(path: repositoryRoot() + "/datasets/history.csv")),
      model: Self.analysis.model, policy: policy)
    let html = Self.render(a)
    let used = Set(
      html.components(separatedBy: "class=\"").dropFirst().flatMap {
        $0.prefix { $0 != "\"" }.split(separator: " ").filter { $0.hasPrefix("grade") }
      })
    #expect(used.contains("grade5"))
    for cls in used {
      #expect(html.contains(".\(cls){fill:"), "\(cls)")
    }
  }

  /// The count of customers to reduce exposure is stated as what it is: those not on hold
  /// whose open balance is above the recommended limit (customers on hold above it are not
  /// in it).
  @Test func reduceExposureCountSaysItLeavesHoldsOut() throws {
    let limits = Self.analysis.score.creditLimits
    let notOnHold = limits.filter { !$0.hold && $0.recommendedLimit < $0.openBalance }.count
    let onHold = limits.filter { $0.hold && $0.recommendedLimit < $0.openBalance }.count
    #expect(notOnHold > 0 && onHold > 0)
    let decisions = try Self.section("decisions", of: Self.html)
    #expect(
      decisions.contains(
        "; \(notOnHold) to reduce exposure (not on hold, open balance above the recommended "
          + "limit)."))
  }

  /// Customers without a current limit get their first one: the report counts them as new
  /// limits instead of saying that no limit changes (the sample's history alone states no
  /// limits).
  @Test func firstLimitsAreCountedAsNew() throws {
    let limits = Self.analysis.score.creditLimits
    let n = limits.count
    #expect(n > 0 && limits.allSatisfy { $0.currentLimit == nil })
    let decisions = try Self.section("decisions", of: Self.html)
    #expect(decisions.contains("limits 0 up, 0 down, \(n) new (no current limit); "))
    #expect(
      decisions.contains("No current limit changes; \(n) customers without one get their first"))
    #expect(!decisions.contains("No limit changes."))
    // With every current limit at the recommended one, nothing is new and nothing changes.
    var a = Self.analysis
    for i in a.score.creditLimits.indices {
      a.score.creditLimits[i].currentLimit = a.score.creditLimits[i].recommendedLimit
    }
    let kept = try Self.section("decisions", of: Self.render(a))
    #expect(kept.contains("limits 0 up, 0 down; ") && kept.contains("No limit changes."))
  }

  /// The header's content hash is the history's; a model trained on other content shows its
  /// own beside its date.
  @Test func headerHashIsTheHistorys() {
    let same = Self.html
    #expect(same.contains("(content hash 0123456789abcdef) · model trained as of 2025-12-31 · "))
    let other = Self.render(Self.analysis, inputHash: "fedcba9876543210")
    #expect(
      other.contains(
        "history <code>history&lt;1&gt;.csv</code> (content hash fedcba9876543210) · model "
          + "trained as of 2025-12-31 (content hash 0123456789abcdef) · "))
  }

  /// The 13-week expected collections card is the sum of cash_forecast.csv's `expected`
  /// column as written, to the cent.
  @Test func expectedCollectionsCardIsTheForecastFilesSum() throws {
    let text = String(decoding: ScoreFiles.cashForecast(Self.analysis.score).bytes, as: UTF8.self)
    let rows = text.split(separator: "\n").map { $0.split(separator: ",") }
    let column = try #require(rows.first?.firstIndex(of: "expected"))
    let cents = rows.dropFirst().reduce(0) { sum, row in
      let parts = row[column].split(separator: ".")
      return sum + (Int(parts[0]) ?? 0) * 100 + (Int(parts[1]) ?? 0)
    }
    let total = HTMLText.grouped(Double(cents) / 100, 2)
    let kpis = try Self.section("kpis", of: Self.html)
    #expect(
      kpis.contains(
        "Expected collections, 13 weeks</div><div class=\"kpi\">\(total)</div>"), "\(total)")
  }

  /// With accepted payment plans the cash forecast shows cash_forecast.csv's columns of them
  /// and says that its expected value holds their instalments instead of the cash of the
  /// invoices they cover (the page said it was the open invoices' cash alone).
  @Test func acceptedPlansAreShownInTheCashForecast() throws {
    let plans = Self.analysis.score.collections.paymentPlans
    let first = plans.filter { $0.customerID == plans.first?.customerID }
    var portfolio = Self.portfolio
    portfolio.collections.acceptedPlans = AcceptedPlanTable(
      customerIDs: first.map(\.customerID), dueDate: first.map(\.dueDate),
      amount: first.map(\.amount))
    let a = try PortfolioAnalysis(portfolio: portfolio, model: Self.analysis.model)
    #expect(a.score.cashForecast.contains { $0.acceptedPlans > 0 })
    let html = Self.render(a)
    let cash = try Self.section("cash", of: html)
    #expect(
      cash.contains("<th class=\"num\">accepted plans</th><th class=\"num\">replaced by plans</th>")
    )
    for w in a.score.cashForecast {
      let cells = [w.expectedNew, w.acceptedPlans, w.replacedByPlans].map {
        "<td class=\"num\">\(HTMLText.grouped($0, 2))</td>"
      }
      #expect(cash.contains(cells.joined() + "</tr>"), "\(w.weekStart)")
    }
    #expect(cash.contains("With accepted payment plans (--accepted-plans), the instalments"))
    #expect(
      try Self.section("kpis", of: html).contains("from the open invoices and accepted plans"))
    // Without plans, neither.
    #expect(!(try Self.section("cash", of: Self.html)).contains("accepted"))
    #expect(!(try Self.section("kpis", of: Self.html)).contains("accepted"))
  }

  /// With --backtest-cutoff the ROC and calibration are the backtest's; time to payment by
  /// grade stays the training invoices' (the page showed an empty table under a note about
  /// Kaplan-Meier estimates).
  @Test func backtestKeepsThePaymentCurves() throws {
    let a = try PortfolioAnalysis.run(
      Self.portfolio, model: Self.analysis.model, backtestCutoff: Day(iso: "2025-09-30"))
    let html = Self.render(a)
    #expect(try Self.section("diagnostics", of: html).contains("backtest: "))
    let curves = try Self.section("payment-curves", of: html)
    #expect(Self.count("<tr>", in: curves) > 3)
    #expect(curves == (try Self.section("payment-curves", of: Self.html)))
  }

  /// A history none of whose invoices has a known outcome by the as-of date (all issued in
  /// its last 40 days), reported with a model trained elsewhere, says there is no ROC or
  /// calibration to show; the report stopped on a trap (no observations) instead.
  @Test func noKnownOutcomeHasNoCalibration() throws {
    let path = repositoryRoot() + "/Tests/Fixtures/bad/recent-only.csv"
    let portfolio = Portfolio(history: try HistoryLoader.load(path: path))
    let a = try PortfolioAnalysis.run(portfolio, model: Self.analysis.model)
    #expect(a.diagnostics.count == 0)
    #expect(a.diagnostics.auc == nil && a.diagnostics.brier == nil)
    let section = try Self.section("diagnostics", of: Self.render(a))
    #expect(section.contains("there is no ROC or calibration to show"))
    #expect(!section.contains("<svg"))
  }

  /// The table of customers breaking their promises says which customers it lists and how
  /// many of them it shows (it listed 20 of 22 under no heading).
  @Test func brokenPromisesTableSaysWhomItLists() throws {
    var portfolio = Self.portfolio
    let root = repositoryRoot() + "/datasets/"
    var promises = try PromiseTable.load(path: root + "promises.csv")
    promises.fields.customerIDs = promises.fields.customerIDs.map { "<i>\($0)</i>&\"" }
    portfolio.collections = CollectionsRecords(promises: promises)
    let a = try PortfolioAnalysis(portfolio: portfolio, model: Self.analysis.model)
    let adverse = a.score.customers.filter { $0.promiseRecord?.adverseReason != nil }.count
    #expect(adverse > HTMLReport.worklistRows)
    let section = try Self.section("collections", of: Self.render(a))
    #expect(
      section.contains(
        "<p>\(adverse) customers kept fewer than 50% of at least 2 matured promises (lowest "
          + "keeping rate first; 20 shown):</p>"))
  }

  /// The cents of the money column `name` of a CSV document, per row, as written.
  static func cents(_ csv: CSVWriter, _ name: String) throws -> [Int] {
    let rows = String(decoding: csv.bytes, as: UTF8.self).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let column = try #require(rows.first?.firstIndex { $0 == name })
    return rows.dropFirst().map { row in
      let text = row[column]
      let parts = text.drop { $0 == "-" }.split(separator: ".")
      let cents = (Int(parts[0]) ?? 0) * 100 + (parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
      return text.hasPrefix("-") ? -cents : cents
    }
  }

  /// In a history converted to a reporting currency (amounts with fractions of a cent), the
  /// report's ageing, grade and balance totals are the sums of aging.csv's and customers.csv's
  /// columns to the cent (they were the sums of the unrounded amounts, a cent or two off).
  @Test func totalsAreTheFilesColumnSumsInAConvertedHistory() throws {
    var a = Self.analysis
    let rate = 1.0837
    for i in a.score.ageing.indices {
      a.score.ageing[i].buckets = a.score.ageing[i].buckets.map { $0 * rate }
    }
    for i in a.score.customers.indices {
      a.score.customers[i].openBalance *= rate
      a.score.customers[i].overdueBalance *= rate
    }
    let html = Self.render(a)
    let money = { (cents: Int) in HTMLText.grouped(Double(cents) / 100, 2) }
    let ageingFile = ScoreFiles.ageing(a.score)
    let ageing = try Self.section("ageing", of: html)
    for bucket in AgeingBucket.allCases {
      let sum = try Self.cents(ageingFile, bucket.column).reduce(0, +)
      #expect(
        ageing.contains("<td>\(bucket.label)</td><td class=\"num\">\(money(sum))</td>"),
        "\(bucket.label): \(money(sum))")
    }
    let total = try Self.cents(ageingFile, "total").reduce(0, +)
    #expect(ageing.contains("<td>total</td><td class=\"num\">\(money(total))</td>"), "\(total)")
    let customersFile = ScoreFiles.customers(a.score)
    let open = try Self.cents(customersFile, "open_balance")
    let overdue = try Self.cents(customersFile, "overdue_balance")
    let grades = a.score.customers.map(\.riskGrade)
    let risk = try Self.section("risk", of: html)
    for g in a.gradeNames {
      let rows = grades.indices.filter { grades[$0] == g }
      let cells = [rows.map { open[$0] }, rows.map { overdue[$0] }].map {
        "<td class=\"num\">\(money($0.reduce(0, +)))</td>"
      }
      #expect(risk.contains(cells.joined() + "</tr>"), "grade \(g)")
    }
    let kpis = try Self.section("kpis", of: html)
    #expect(kpis.contains("<div class=\"kpi\">\(money(open.reduce(0, +)))</div>"))
    #expect(kpis.contains("<div class=\"kpi\">\(money(overdue.reduce(0, +)))</div>"))
  }

  /// With nothing open the ageing's total has no share (not 100% of nothing).
  @Test func emptyAgeingHasNoShare() throws {
    var a = Self.analysis
    a.score.ageing = []
    let ageing = try Self.section("ageing", of: Self.render(a))
    #expect(
      ageing.contains("<tr><td>total</td><td class=\"num\">0.00</td><td class=\"num\">–</td>"))
  }

  /// A very long id without spaces wraps inside its cell (every text cell may break
  /// anywhere) instead of stretching its table past the page; numbers never break.
  @Test func longIdsWrapInTheirCells() throws {
    var a = Self.analysis
    let long = String(repeating: "X", count: 300)
    a.score.worklist[0].customerID = long
    let html = Self.render(a)
    #expect(html.contains("<td>\(long)</td>"))
    #expect(html.contains("td:not(.num){overflow-wrap:anywhere}"))
  }

  @Test func escapeHandlesEveryMarkupCharacter() {
    #expect(
      HTMLText.escape("<a href='x'>\"&\"</a>")
        == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
    #expect(HTMLText.escape("Zürich – 北京") == "Zürich – 北京")
    #expect(HTMLText.escape("") == "")
  }

  @Test func groupedNumbers() {
    #expect(HTMLText.grouped(1234567.891, 2) == "1,234,567.89")
    #expect(HTMLText.grouped(-1234.5, 1) == "-1,234.5")
    #expect(HTMLText.grouped(999, 0) == "999")
    #expect(HTMLText.grouped(-0.001, 2) == "0.00")
    #expect(HTMLText.grouped(nil) == "–")
    #expect(HTMLText.grouped(.nan) == "–")
    #expect(HTMLText.percent(0.1234) == "12.3%")
  }
}
