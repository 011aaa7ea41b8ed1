/// Promises to pay, one row per promise, columns as arrays (from `PromiseTable.load`).
public typealias PromiseTable = EventTable<PromiseFields>

/// The columns of a promises file (`InputSchema.promises`).
///
/// Reading one throws a `DataError` naming file, line and column for an empty customer id,
/// amount or promised date, an amount that is not a positive number, a date that is not a
/// day, a promise dated before it was made.
public struct PromiseFields: Sendable {
  /// The customer who promised.
  public var customerIDs: [String]
  /// The invoice promised; "" when the promise is about the customer's open invoices.
  public var invoiceIDs: [String]
  /// The amount promised, in the file's currency.
  public var amount: [Double]
  /// The day the money is promised for.
  public var promisedDate: [Day]
  /// The day the promise was made; nil when the file does not say (known at any as-of date).
  public var madeOn: [Day?]
}

extension PromiseFields: EventFields {
  public static let layout = EventLayout(
    schema: .promises,
    values: [
      .requiredText("customer_id", expected: "a customer id"), .text("invoice_id"),
      .positiveAmount("amount"), .date("promised_date", required: true),
      .date("made_on", required: false),
    ],
    dateOrders: [
      .init(later: "promised_date", earlier: "made_on", event: "the day the promise was made")
    ])

  public init(_ rows: EventRows) {
    self.init(
      customerIDs: rows.text("customer_id"), invoiceIDs: rows.text("invoice_id"),
      amount: rows.amount("amount"), promisedDate: rows.requiredDays("promised_date"),
      madeOn: rows.days("made_on"))
  }

  public var lengths: [Int] {
    [customerIDs.count, invoiceIDs.count, amount.count, promisedDate.count, madeOn.count]
  }
}

extension PromiseTable {
  /// A table from its columns (all of the same length).
  public init(
    customerIDs: [String], invoiceIDs: [String], amount: [Double], promisedDate: [Day],
    madeOn: [Day?], sourceLines: [Int32]? = nil, report: LoadReport = LoadReport(fileName: "")
  ) {
    self.init(
      PromiseFields(
        customerIDs: customerIDs, invoiceIDs: invoiceIDs, amount: amount,
        promisedDate: promisedDate, madeOn: madeOn),
      sourceLines: sourceLines, report: report)
  }
}
