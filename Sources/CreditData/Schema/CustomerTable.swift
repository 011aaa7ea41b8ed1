/// Customer master data: one row per customer, columns as arrays.
public struct CustomerTable: Sendable {
  /// Customer ids as written, unique.
  public var customerIDs: [String]
  /// Credit limit; NaN = missing (also when the column is absent).
  public var creditLimit: [Double]
  /// The currency of each credit limit as the file states it (a `currency` column, a symbol
  /// or code in the cell, or the column's name: `Credit Limit (EUR)`), upper case; empty
  /// where it says none, and nil when no row does.
  public var creditLimitCurrency: [String]?
  /// The 1-based column and the name of the column that states `creditLimitCurrency`, for
  /// messages.
  public var creditLimitCurrencyColumn: (index: Int, name: String) = (0, "currency")
  /// Region or country code; nil when the column is absent.
  ///
  /// `NA` is a level (North America), not a missing value.
  public var region: Categorical?
  /// Industry; nil when the column is absent.
  public var industry: Categorical?
  /// First day as a customer; nil values are missing; nil when the column is absent.
  public var customerSince: [Day?]?
  /// Physical line of each customer in the source file.
  public var sourceLines: [Int32]
  /// How the file was read.
  public var report: LoadReport
  private var indexByID: [String: Int]

  /// Number of customers.
  public var count: Int { customerIDs.count }

  /// A table from its columns (all arrays must have the same length; ids must be unique).
  public init(
    customerIDs: [String], creditLimit: [Double]? = nil, region: Categorical? = nil,
    industry: Categorical? = nil, customerSince: [Day?]? = nil, sourceLines: [Int32]? = nil,
    report: LoadReport = LoadReport(fileName: "")
  ) {
    let n = customerIDs.count
    self.customerIDs = customerIDs
    self.creditLimit = creditLimit ?? [Double](repeating: .nan, count: n)
    self.region = region
    self.industry = industry
    self.customerSince = customerSince
    self.sourceLines = sourceLines ?? (0..<n).map { Int32($0 + 2) }
    self.report = report
    indexByID = Dictionary(
      customerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    precondition(self.creditLimit.count == n, "customer columns differ in length")
  }

  /// The row of customer `id`, or nil.
  public func index(of id: String) -> Int? { indexByID[id] }
}
