/// Promises to pay, one row per promise, columns as arrays (from `PromiseTable.load`).
public struct PromiseTable: Sendable {
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
  /// Physical line of each promise in the file.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport

  /// Number of promises.
  public var count: Int { customerIDs.count }

  /// A table from its columns (all of the same length).
  public init(
    customerIDs: [String], invoiceIDs: [String], amount: [Double], promisedDate: [Day],
    madeOn: [Day?], sourceLines: [Int32]? = nil, report: LoadReport = LoadReport(fileName: "")
  ) {
    let n = customerIDs.count
    precondition(
      [invoiceIDs.count, amount.count, promisedDate.count, madeOn.count].allSatisfy { $0 == n },
      "promise columns differ in length")
    self.customerIDs = customerIDs
    self.invoiceIDs = invoiceIDs
    self.amount = amount
    self.promisedDate = promisedDate
    self.madeOn = madeOn
    self.sourceLines = sourceLines ?? (0..<n).map { Int32($0 + 2) }
    self.report = report
  }

  /// Reads a promises CSV (`InputSchema.promises`): header names as the history's are
  /// matched, dates detected per column (or `options.dateFormat`), amounts plain decimals.
  ///
  /// - Throws: `DataError` naming file, line and column: an empty customer id, amount or
  ///   promised date, an amount that is not a positive number, a date that is not a day, a
  ///   promise dated before it was made.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws
    -> PromiseTable
  {
    try EventFileReader.read(path: path, schema: .promises, options: options) { r in
      var customers: [String] = []
      var invoices: [String] = []
      var amounts: [Double] = []
      var promised = RawDateColumn(capacity: 0, forced: options.dateFormat)
      var made = RawDateColumn(capacity: 0, forced: options.dateFormat)
      while try r.next() {
        customers.append(try r.requiredText("customer_id", expected: "a customer id"))
        invoices.append(r.text("invoice_id"))
        amounts.append(try r.positiveMoney("amount"))
        try r.date("promised_date", into: &promised, required: true)
        try r.date("made_on", into: &made, required: false)
      }
      let (days, formats) = try r.resolveDates([("promised_date", promised), ("made_on", made)])
      try r.requireOrder(
        "promised_date", days[0], notBefore: "made_on", days[1],
        event: "the day the promise was made")
      return PromiseTable(
        customerIDs: customers, invoiceIDs: invoices, amount: amounts,
        promisedDate: r.required(days[0]),
        madeOn: days[1], sourceLines: r.lines, report: r.report(formats: formats))
    }
  }
}
