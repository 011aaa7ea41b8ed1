import CreditData
import CreditEngine
import LinearAlgebra

/// The six CSV files of `creditrisk score`, with the contract's columns (PRODUCT.md) first.
///
/// Every row ends with the as-of date (`as_of`), after the currency of its money (`currency`)
/// when the history states one (`ScoreResult.currency`). Money has 2 decimals, probabilities 6, dates
/// are ISO; text is neutralised against spreadsheet formulas by `CSVWriter`. Extra columns
/// come after the contract's.
public enum ScoreFiles {
  /// File name and contents of each output, in a fixed order.
  ///
  /// The files are formatted side by side (the invoices and worklist files on one core, the
  /// others, the customers' and limits' with their long reasons, on the other); each is the
  /// same as when formatted alone.
  public static func render(_ result: ScoreResult) -> [(name: String, writer: CSVWriter)] {
    let files: [(name: String, render: @Sendable (ScoreResult) -> CSVWriter)] = [
      ("invoices.csv", invoices), ("customers.csv", customers),
      ("credit_limits.csv", creditLimits), ("worklist.csv", worklist), ("aging.csv", ageing),
      ("cash_forecast.csv", cashForecast), ("payment_plans.csv", PaymentPlanFile.render),
      ("discount_offers.csv", DiscountOfferFile.render),
    ]
    let groups = [[0, 3], [1, 2, 4, 5, 6, 7]]
    let rendered = Parallel.map(groups.count, minimumChunk: 1) { chunk in
      chunk.flatMap { g in groups[g].map { (index: $0, writer: files[$0].render(result)) } }
    }.flatMap { $0 }.sorted { $0.index < $1.index }
    return zip(files.map(\.name), rendered.map(\.writer)).map { ($0, $1) }
  }

  /// Publishes the six files as one set in `directory` (`OutputSet`): a reader finds the
  /// previous six or the new six, never a mix; if any cannot be written (a full disk), none
  /// is created or replaced and no temporary file is left.
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  /// - Parameter changes: also writes changes.csv (`score --previous`) in the same set.
  @discardableResult
  public static func write(
    _ result: ScoreResult, to directory: String, changes: RunChanges? = nil
  ) throws -> [String] {
    var files = render(result)
    if let changes { files.append((ChangesFile.name, ChangesFile.render(changes))) }
    for file in files {
      if let problem = file.writer.nonFiniteProblem(name: file.name) {
        throw OutputError(path: directory, reason: problem)
      }
    }
    return try OutputSet.publish(files.map { ($0.name, $0.writer.bytes) }, to: directory)
  }

  public static func invoices(_ r: ScoreResult) -> CSVWriter {
    var w = CSVWriter(
      header: [
        "invoice_id", "customer_id", "amount", "due_date", "days_past_due", "pd",
        "expected_payment_date", "p_paid_30d", "risk_grade", "p_paid_ever", "payment_date_p10",
        "payment_date_p90", "expected_payment_basis",
      ] + ending(r))
    for row in r.invoices {
      w.appendText(row.invoiceID)
      w.appendText(row.customerID)
      w.appendMoney(row.amount)
      w.appendDay(row.dueDate)
      w.appendInteger(row.daysPastDue)
      w.appendProbability(row.pd)
      w.appendDay(row.expectedPaymentDate)
      w.appendProbability(row.pPaid30d)
      w.appendText(row.riskGrade)
      w.appendProbability(row.pPaidEver)
      w.appendDay(row.paymentDateP10)
      w.appendDay(row.paymentDateP90)
      w.appendText(row.expectedPaymentBasis)
      appendEnding(&w, r)
      w.endRow()
    }
    return w
  }

  public static func customers(_ r: ScoreResult) -> CSVWriter {
    let promises = r.collections.hasPromises
    var w = CSVWriter(
      header: [
        "customer_id", "open_balance", "overdue_balance", "pd", "risk_score", "risk_grade",
        "reason_1", "reason_2", "reason_3",
      ] + (promises ? PromiseColumns.header : []) + PromiseColumns.distressHeader + ending(r))
    for row in r.customers {
      w.appendText(row.customerID)
      w.appendMoney(row.openBalance)
      w.appendMoney(row.overdueBalance)
      w.appendProbability(row.pd)
      w.appendInteger(row.riskScore)
      w.appendText(row.riskGrade)
      for reason in row.reasons { w.appendText(reason) }
      if promises { PromiseColumns.append(row.promiseRecord, to: &w) }
      PromiseColumns.appendDistress(row.distress, to: &w)
      appendEnding(&w, r)
      w.endRow()
    }
    return w
  }

  public static func creditLimits(_ r: ScoreResult) -> CSVWriter {
    var w = CSVWriter(
      header: [
        "customer_id", "current_limit", "recommended_limit", "hold", "reason", "open_balance",
        "action",
      ] + ending(r))
    for row in r.creditLimits {
      w.appendText(row.customerID)
      if let c = row.currentLimit { w.appendMoney(c) } else { w.appendEmpty() }
      w.appendMoney(row.recommendedLimit)
      w.appendText(row.hold ? "true" : "false")
      w.appendText(row.reason)
      w.appendMoney(row.openBalance)
      w.appendText(row.action.rawValue)
      appendEnding(&w, r)
      w.endRow()
    }
    return w
  }

  /// One row per invoice needing an action; `expected_loss` only with a stated loss given
  /// default.
  public static func worklist(_ r: ScoreResult) -> CSVWriter {
    let lossStated = r.lossGivenDefault != nil
    var w = CSVWriter(
      header: [
        "rank", "customer_id", "invoice_id", "amount_at_risk", "action", "action_date", "reason",
        "amount", "days_past_due", "disputed", "customer_amount_at_risk",
      ] + (lossStated ? ["expected_loss"] : []) + ending(r))
    for row in r.worklist {
      w.appendInteger(row.rank)
      w.appendText(row.customerID)
      w.appendText(row.invoiceID)
      w.appendMoney(row.amountAtRisk)
      w.appendText(row.action)
      w.appendDay(row.actionDate)
      w.appendText(row.reason)
      w.appendMoney(row.amount)
      w.appendInteger(row.daysPastDue)
      w.appendText(row.disputed ? "true" : "false")
      w.appendMoney(row.customerAmountAtRisk)
      if lossStated { w.appendMoney(row.expectedLoss ?? 0) }
      appendEnding(&w, r)
      w.endRow()
    }
    return w
  }

  public static func ageing(_ r: ScoreResult) -> CSVWriter {
    var w = CSVWriter(
      header: ["customer_id"] + AgeingBucket.allCases.map(\.column) + ["total"] + ending(r))
    for row in r.ageing {
      w.appendText(row.customerID)
      for b in row.buckets { w.appendMoney(b) }
      w.appendMoney(row.total)
      appendEnding(&w, r)
      w.endRow()
    }
    return w
  }

  public static func cashForecast(_ r: ScoreResult) -> CSVWriter {
    let plans = r.collections.acceptedPlans != nil
    var w = CSVWriter(
      header: ["week_start", "expected", "p10", "p90", "expected_new"]
        + (plans ? AcceptedPlanColumns.header : []) + ending(r))
    for row in r.cashForecast {
      w.appendDay(row.weekStart)
      w.appendMoney(row.expected)
      w.appendMoney(row.p10)
      w.appendMoney(row.p90)
      w.appendMoney(row.expectedNew)
      if plans { AcceptedPlanColumns.append(row, to: &w) }
      appendEnding(&w, r)
      w.endRow()
    }
    return w
  }

  /// The last columns of every file: `currency` when the result has one, then `as_of`.
  static func ending(_ r: ScoreResult) -> [String] {
    (r.currency == nil ? [] : ["currency"]) + ["as_of"]
  }

  /// Appends the last cells of a row (see `ending`).
  static func appendEnding(_ w: inout CSVWriter, _ r: ScoreResult) {
    if let currency = r.currency { w.appendText(currency) }
    w.appendDay(r.asOf)
  }
}
