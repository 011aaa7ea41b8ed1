/// Instalments of accepted payment plans, one row per instalment (from
/// `AcceptedPlanTable.load`): payment_plans.csv with the rows of the plans a customer
/// accepted kept.
public typealias AcceptedPlanTable = EventTable<AcceptedPlanFields>

/// The columns of accepted plans (`InputSchema.acceptedPlans`: `customer_id, due_date,
/// amount`; the other columns of payment_plans.csv are recognised and not needed).
///
/// Reading them throws a `DataError` naming file, line and column for an empty customer id, a
/// due date that is not a day, an amount that is not a positive number.
public struct AcceptedPlanFields: Sendable {
  /// The customer paying the instalment.
  public var customerIDs: [String]
  /// The day the instalment is due.
  public var dueDate: [Day]
  /// The instalment's amount.
  public var amount: [Double]
}

extension AcceptedPlanFields: EventFields {
  public static let layout = EventLayout(
    schema: .acceptedPlans,
    values: [
      .requiredText("customer_id", expected: "a customer id"), .date("due_date", required: true),
      .positiveAmount("amount"),
    ])

  public init(_ rows: EventRows) {
    self.init(
      customerIDs: rows.text("customer_id"), dueDate: rows.requiredDays("due_date"),
      amount: rows.amount("amount"))
  }

  public var lengths: [Int] { [customerIDs.count, dueDate.count, amount.count] }
}

extension AcceptedPlanTable {
  /// A table from its columns (of the same length).
  public init(
    customerIDs: [String], dueDate: [Day], amount: [Double], sourceLines: [Int32]? = nil,
    report: LoadReport = LoadReport(fileName: "")
  ) {
    self.init(
      AcceptedPlanFields(customerIDs: customerIDs, dueDate: dueDate, amount: amount),
      sourceLines: sourceLines, report: report)
  }
}

extension InputSchema {
  /// Accepted payment plans: payment_plans.csv's `customer_id, due_date, amount`, with its
  /// other columns recognised.
  public static let acceptedPlans = InputSchema(columns: [
    .collectionsCustomerID,
    Column(
      name: "due_date", aliases: ["instalment_date", "installment_date", "payment_date"],
      required: true),
    Column(
      name: "amount", aliases: ["instalment_amount", "installment_amount"], required: true),
    Column(name: "instalment", aliases: ["installment"], required: false),
    Column(name: "instalments", aliases: ["installments"], required: false),
    Column(name: "plan_total", aliases: [], required: false),
    Column(name: "expected_30d", aliases: [], required: false),
    Column(name: "remaining_after", aliases: [], required: false),
    Column(name: "currency", aliases: [], required: false),
    Column(name: "as_of", aliases: [], required: false),
  ])
}
