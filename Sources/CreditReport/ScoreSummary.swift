import CreditEngine

/// The lines `creditrisk score` prints after writing its files.
public enum ScoreSummary {
  public static func render(_ r: ScoreResult, folder: String) -> String {
    let open = r.invoices.reduce(0) { $0 + $1.amount }
    let overdue = r.invoices.filter { $0.daysPastDue > 0 }.reduce(0) { $0 + $1.amount }
    let holds = r.creditLimits.filter(\.hold).count
    var grades: [String: Int] = [:]
    for c in r.customers { grades[c.riskGrade, default: 0] += 1 }
    let gradeText = grades.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      .joined(separator: ", ")
    let forecast = r.cashForecast.reduce(0) { $0 + $1.expected }
    return [
      "scored \(r.invoices.count) open invoices (\(TextTable.fixed(open, 2)) open, \(TextTable.fixed(overdue, 2)) overdue) as of \(r.asOf)",
      "customers \(r.customers.count) (grades: \(gradeText)); credit holds \(holds); worklist \(r.worklist.count)",
      "expected collections over 13 weeks: \(TextTable.fixed(forecast, 2))",
      basisLine(r),
      "wrote invoices.csv, customers.csv, credit_limits.csv, worklist.csv, aging.csv, cash_forecast.csv to \(folder)",
    ].joined(separator: "\n")
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
