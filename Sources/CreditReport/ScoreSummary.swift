import CreditData
import CreditEngine

/// The lines `creditrisk score` prints after writing its files.
public enum ScoreSummary {
  public static func render(_ r: ScoreResult, folder: String) -> String {
    let money = AmountText.money
    let n = MessageText.grouped
    let open = r.invoices.reduce(0) { $0 + $1.amount }
    let overdue = r.invoices.reduce(0) { $1.daysPastDue > 0 ? $0 + $1.amount : $0 }
    var grades: [String: Int] = [:]
    for i in r.customers.indices { grades[r.customers[i].riskGrade, default: 0] += 1 }
    let gradeText = grades.sorted { $0.key < $1.key }.map { "\($0.key) \(n($0.value))" }
      .joined(separator: ", ")
    let forecast = r.cashForecast.reduce(0) { $0 + $1.expected }
    let changes = LimitChanges(r.creditLimits, ranked: false)
    let atRisk = r.worklist.reduce(0) { $0 + $1.amountAtRisk }
    let disputes = r.collections.disputeTimes.map { [$0.line] } ?? []
    func counted(_ k: Int, _ word: String) -> String {
      MessageText.counted(k, word, grouped: true)
    }
    let lines: [String] =
      [
        "scored \(counted(r.invoices.count, "open invoice")) as of \(r.asOf): \(money(open)) open, "
          + "\(money(overdue)) overdue",
        "customers \(n(r.customers.count)) (grades: \(gradeText.isEmpty ? "none" : gradeText))",
        "credit limits: \(n(changes.holds)) on hold, \(n(changes.increases)) up, "
          + "\(n(changes.decreases)) down"
          // Customers without a current limit get their first: neither up nor down.
          + (changes.newLimits > 0 ? ", \(n(changes.newLimits)) new (no current limit)" : "")
          + ", \(n(changes.reduceExposure)) to reduce exposure",
        "worklist: \(counted(r.worklist.count, "invoice")), \(money(atRisk)) at risk",
        "expected collections over 13 weeks: \(money(forecast))",
        basisLine(r),
      ] + disputes + [
        planLine(r),
        driftLine(r),
        "wrote invoices.csv, customers.csv, credit_limits.csv, worklist.csv, aging.csv, "
          + "cash_forecast.csv, payment_plans.csv, discount_offers.csv to \(folder)",
      ]
    return lines.joined(separator: "\n")
  }

  /// The changes since an earlier run, counted.
  public static func changesLine(_ c: RunChanges) -> String {
    let n = MessageText.grouped
    let since =
      c.previousAsOf.map { "the run as of \($0)" }
      ?? "the earlier run (its files state no as-of date)"
    let holds = MessageText.counted(c.newHolds, "new hold", grouped: true)
    return "changes since \(since): "
      + "\(n(c.rows.count)) customers changed, \(holds), "
      + "\(n(c.holdsReleased)) released, \(n(c.gradeChanges)) grade changes (changes.csv)"
  }

  /// The largest feature drift: "population drift: largest PSI 0.17 (log_prior_invoices) of
  /// 14 features, none above 0.25 (the report's Population drift section)".
  package static func driftLine(_ r: ScoreResult) -> String {
    guard let d = r.populationDrift else {
      return "population drift: not checked (the model file does not carry its training "
        + "population; retrain to compare)"
    }
    guard d.isJudged, let top = d.features.max(by: { $0.psi < $1.psi }) else {
      return "population drift: not judged (\(d.rows) open invoices; needs "
        + "\(PopulationDrift.minimumRows))"
    }
    let n = d.drifted.count
    return "population drift: largest PSI \(PopulationDrift.format(top.psi)) (\(top.feature)) of "
      + "\(d.features.count) features, \(n == 0 ? "none" : "\(n)") above "
      + "\(PopulationDrift.format(PopulationDrift.threshold)) (the report's Population drift section)"
  }

  /// The payment plans and discount offers: "payment plans: 31 customers, 87 instalments,
  /// 412,000 overdue; a 2.0% discount for payment within 10 days pays for 4 customers".
  package static func planLine(_ r: ScoreResult) -> String {
    let c = r.collections
    let customers = Set(c.paymentPlans.map(\.customerID)).count
    let overdue = c.paymentPlans.filter { $0.instalment == 1 }.reduce(0) { $0 + $1.planTotal }
    func counted(_ k: Int, _ word: String) -> String { MessageText.counted(k, word) }
    return "payment plans: \(counted(customers, "customer")), "
      + "\(counted(c.paymentPlans.count, "instalment")), "
      + "\(AmountText.money(overdue)) overdue; a \(AmountText.oneDecimal(c.discountTerms.percent))% "
      + "discount for payment within \(counted(c.discountTerms.days, "day")) pays for "
      + "\(counted(c.discountOffers.count, "customer")) (payment_plans.csv, discount_offers.csv)"
  }

  /// What the expected payment dates rest on, counted by `expected_payment_basis`.
  ///
  /// For example "expected payment dates: 470 paid_median, 24 unlikely_to_pay".
  package static func basisLine(_ r: ScoreResult) -> String {
    var counts: [String: Int] = [:]
    for row in r.invoices { counts[row.expectedPaymentBasis, default: 0] += 1 }
    if counts.isEmpty { return "expected payment dates: no open invoice" }
    let parts = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
    return "expected payment dates: " + parts.joined(separator: ", ")
      + " (expected_payment_basis in invoices.csv)"
  }
}
