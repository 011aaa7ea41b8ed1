/// Instalments of accepted payment plans, one row per instalment (from
/// `AcceptedPlanTable.load`): payment_plans.csv with the rows of the plans a customer
/// accepted kept.
public struct AcceptedPlanTable: Sendable {
  /// The customer paying the instalment.
  public var customerIDs: [String]
  /// The day the instalment is due.
  public var dueDate: [Day]
  /// The instalment's amount.
  public var amount: [Double]
  /// Physical line of each row in the file.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport

  /// Number of instalments.
  public var count: Int { customerIDs.count }

  /// A table from its columns (of the same length).
  public init(
    customerIDs: [String], dueDate: [Day], amount: [Double], sourceLines: [Int32]? = nil,
    report: LoadReport = LoadReport(fileName: "")
  ) {
    precondition(
      customerIDs.count == dueDate.count && dueDate.count == amount.count,
      "accepted plan columns differ in length")
    self.customerIDs = customerIDs
    self.dueDate = dueDate
    self.amount = amount
    self.sourceLines = sourceLines ?? (0..<customerIDs.count).map { Int32($0 + 2) }
    self.report = report
  }

  /// Reads accepted plans (`InputSchema.acceptedPlans`: `customer_id, due_date, amount`; the
  /// other columns of payment_plans.csv are recognised and not needed).
  ///
  /// - Throws: `DataError` naming file, line and column: an empty customer id, a due date
  ///   that is not a day, an amount that is not a positive number.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> AcceptedPlanTable
  {
    try EventFileReader.read(path: path, schema: .acceptedPlans, options: options) { r in
      var customers: [String] = []
      var amounts: [Double] = []
      var due = RawDateColumn(capacity: 0, forced: options.dateFormat)
      while try r.next() {
        customers.append(try r.requiredText("customer_id", expected: "a customer id"))
        try r.date("due_date", into: &due, required: true)
        amounts.append(try r.positiveMoney("amount"))
      }
      let (days, formats) = try r.resolveDates([("due_date", due)])
      return AcceptedPlanTable(
        customerIDs: customers, dueDate: r.required(days[0]),
        amount: amounts, sourceLines: r.lines, report: r.report(formats: formats))
    }
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
