import CreditData
import CreditEngine
import LinearAlgebra

/// The eight CSV files of `creditrisk score` (the contract's six, payment plans and discount
/// offers), with the contract's columns (PRODUCT.md) first.
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
    let groups = [[0, 3], [1, 2, 4, 5, 6, 7]]
    let rendered = Parallel.map(groups.count, minimumChunk: 1) { chunk in
      chunk.flatMap { g in groups[g].map { (index: $0, writer: files[$0].render(result)) } }
    }.flatMap { $0 }.sorted { $0.index < $1.index }
    return zip(files.map(\.name), rendered.map(\.writer)).map { ($0, $1) }
  }

  /// The files' names, in order.
  public static var names: [String] { files.map(\.name) }

  /// The files in order, each with what formats it.
  private static let files: [(name: String, render: @Sendable (ScoreResult) -> CSVWriter)] = [
    ("invoices.csv", invoices), ("customers.csv", customers),
    ("credit_limits.csv", creditLimits), ("worklist.csv", worklist), ("aging.csv", ageing),
    ("cash_forecast.csv", cashForecast), ("payment_plans.csv", PaymentPlanFile.render),
    ("discount_offers.csv", DiscountOfferFile.render),
  ]

  /// Publishes the six files as one set in `directory` (`OutputSet`): a reader finds the
  /// previous six or the new six, never a mix; if any cannot be written (a full disk), none
  /// is created or replaced and no temporary file is left.
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up, and about
  ///   an earlier run's changes.csv removed.
  /// - Parameters:
  ///   - changes: also writes changes.csv (`score --previous`) in the same set; without it
  ///     an earlier run's changes.csv is removed. An earlier shard's shard.json is removed.
  ///   - extra: other files published in the same set (the demo's model and report).
  @discardableResult
  public static func write(
    _ result: ScoreResult, to directory: String, changes: RunChanges? = nil,
    with extra: [(name: String, bytes: [UInt8])] = []
  ) throws -> [String] {
    // Each file is formatted on the thread that writes it, so the first ones are flushed
    // while the others are formatted; a number that is not finite in any of them leaves the
    // folder as it was.
    let formats: [(name: String, render: @Sendable () -> CSVWriter)] =
      files.map { file in (file.name, { @Sendable in file.render(result) }) }
      + (changes.map { changes in
        [(ChangesFile.name, { @Sendable in ChangesFile.render(changes) })]
      } ?? [])
    // An earlier run's changes.csv does not stay beside this run's files, nor a shard's
    // shard.json (its hashes would describe files that are no longer there).
    let superseded = (changes == nil ? [ChangesFile.name] : []) + [ShardFolder.partName]
    return try OutputSet.publish(
      names: formats.map(\.name) + extra.map(\.name), to: directory, superseding: superseded
    ) { k in
      if k >= formats.count { return extra[k - formats.count].bytes }
      let writer = formats[k].render()
      if let problem = writer.nonFiniteProblem(name: formats[k].name) {
        throw OutputError(path: directory, reason: problem)
      }
      return writer.bytes
    }
  }

  public static func invoices(_ r: ScoreResult) -> CSVWriter {
    CSVWriter(
      r.invoices,
      columns: [
        .text("invoice_id") { $0.invoiceID }, .text("customer_id") { $0.customerID },
        .money("amount") { $0.amount }, .day("due_date") { $0.dueDate },
        .integer("days_past_due") { $0.daysPastDue }, .probability("pd") { $0.pd },
        .day("expected_payment_date") { $0.expectedPaymentDate },
        .probability("p_paid_30d") { $0.pPaid30d }, .text("risk_grade") { $0.riskGrade },
        .probability("p_paid_ever") { $0.pPaidEver },
        .day("payment_date_p10") { $0.paymentDateP10 },
        .day("payment_date_p90") { $0.paymentDateP90 },
        .text("expected_payment_basis") { $0.expectedPaymentBasis },
      ] + ending(r))
  }

  public static func customers(_ r: ScoreResult) -> CSVWriter {
    let reasons = (0..<CustomerScore.reasonCells).map { k in
      CSVColumn<CustomerScore>.text("reason_\(k + 1)") { $0.reason(k) }
    }
    return CSVWriter(
      r.customers,
      columns: [
        .text("customer_id") { $0.customerID }, .money("open_balance") { $0.openBalance },
        .money("overdue_balance") { $0.overdueBalance }, .probability("pd") { $0.pd },
        .integer("risk_score") { $0.riskScore }, .text("risk_grade") { $0.riskGrade },
      ] + reasons + (r.collections.hasPromises ? PromiseColumns.columns : [])
        + PromiseColumns.distress + ending(r))
  }

  public static func creditLimits(_ r: ScoreResult) -> CSVWriter {
    CSVWriter(
      r.creditLimits,
      columns: [
        .text("customer_id") { $0.customerID }, .money("current_limit") { $0.currentLimit },
        .money("recommended_limit") { $0.recommendedLimit }, .flag("hold") { $0.hold },
        .text("reason") { $0.reason }, .money("open_balance") { $0.openBalance },
        .text("action") { $0.action.rawValue },
      ] + ending(r))
  }

  /// One row per invoice needing an action; `expected_loss` only with a stated loss given
  /// default.
  public static func worklist(_ r: ScoreResult) -> CSVWriter {
    CSVWriter(
      r.worklist,
      columns: [
        .integer("rank") { $0.rank }, .text("customer_id") { $0.customerID },
        .text("invoice_id") { $0.invoiceID }, .money("amount_at_risk") { $0.amountAtRisk },
        .text("action") { $0.action }, .day("action_date") { $0.actionDate },
        .text("reason") { $0.reason }, .money("amount") { $0.amount },
        .integer("days_past_due") { $0.daysPastDue }, .flag("disputed") { $0.disputed },
        .money("customer_amount_at_risk") { $0.customerAmountAtRisk },
      ] + (r.lossGivenDefault == nil ? [] : [.money("expected_loss") { $0.expectedLoss ?? 0 }])
        + ending(r))
  }

  public static func ageing(_ r: ScoreResult) -> CSVWriter {
    let buckets = AgeingBucket.allCases.enumerated().map { b, bucket in
      CSVColumn<AgeingRow>.money(bucket.column) { $0.buckets[b] }
    }
    return CSVWriter(
      r.ageing,
      columns: [.text("customer_id") { $0.customerID }] + buckets
        + [.money("total") { $0.total }] + ending(r))
  }

  public static func cashForecast(_ r: ScoreResult) -> CSVWriter {
    CSVWriter(
      r.cashForecast,
      columns: [
        .day("week_start") { $0.weekStart }, .money("expected") { $0.expected },
        .money("p10") { $0.p10 }, .money("p90") { $0.p90 },
        .money("expected_new") { $0.expectedNew },
      ] + (r.collections.acceptedPlans == nil ? [] : AcceptedPlanColumns.columns) + ending(r))
  }

  /// The last columns of every file: `currency` when the result has one, then `as_of`.
  static func ending<Row>(_ r: ScoreResult) -> [CSVColumn<Row>] {
    ending(currency: r.currency, asOf: r.asOf)
  }

  /// `currency` (when there is one), then `as_of`: the last columns of every file, changes.csv's
  /// too.
  static func ending<Row>(currency: String?, asOf: Day) -> [CSVColumn<Row>] {
    let stated = currency.map { c in [CSVColumn<Row>.text("currency") { _ in c }] } ?? []
    return stated + [.day("as_of") { _ in asOf }]
  }
}
