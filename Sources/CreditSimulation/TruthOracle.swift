import CreditData

/// The true forecasts for a simulated history: looks up each invoice's `InvoiceTruth` by id
/// and answers what a perfect model would predict for it at an as-of date.
///
/// ```swift
/// let oracle = try TruthOracle.load(path: "sim/truth_invoices.csv")
/// let truth = oracle["INV00000042"]
/// let f = truth?.forecast(givenOpenAt: asOf.days(since: issueDate))
/// ```
/// The forecasts are the ceiling a model fitted to the history can approach: the latent
/// risk they use is not in the history.
public struct TruthOracle: Sendable {
  /// Every invoice's truth, in file (invoice-id) order.
  public let invoices: [InvoiceTruth]
  private let position: [String: Int]

  /// An oracle over `invoices` (ids must be distinct; a repeated id keeps its first row).
  public init(_ invoices: [InvoiceTruth]) {
    self.invoices = invoices
    position = Dictionary(
      invoices.enumerated().map { ($0.element.invoiceId, $0.offset) }, uniquingKeysWith: min)
  }

  /// The oracle of a portfolio held in memory.
  public init(_ portfolio: SimulatedPortfolio) {
    self.init((0..<portfolio.invoices.count).map { portfolio.invoiceTruth(ofInvoice: $0) })
  }

  /// The truth of invoice `invoiceId`, or nil when the oracle does not know it.
  public subscript(invoiceId: String) -> InvoiceTruth? {
    position[invoiceId].map { invoices[$0] }
  }

  /// The true forecast for invoice `invoiceId` issued on `issueDate` and open at `asOf`.
  public func forecast(
    invoiceId: String, issueDate: Day, asOf: Day, horizonDays: Int = 30, graceDays: Int = 30
  ) -> OpenInvoiceForecast? {
    self[invoiceId]?.forecast(
      givenOpenAt: asOf.days(since: issueDate), horizonDays: horizonDays, graceDays: graceDays)
  }

  /// Columns of `truth_invoices.csv`.
  public static let columns = [
    "invoice_id", "customer_id", "terms_days", "p_susceptible", "weibull_lambda", "weibull_rho",
    "latent_risk", "never_pays", "discount_days", "discount_take_up",
  ]

  /// Reads `truth_invoices.csv` as written by `creditrisk simulate`.
  /// - Throws: `DataError` naming the file, line and column of the first missing column or
  ///   bad value.
  public static func load(path: String) throws -> TruthOracle {
    let table = try CSVReader.table(path: path)
    var index: [String: Int] = [:]
    for name in columns {
      guard let k = table.columnIndex(named: name) else {
        throw DataError(
          .header, file: table.fileName, line: 1,
          message: "missing column '\(name)'; expected \(columns.joined(separator: ","))")
      }
      index[name] = k
    }
    func column(_ name: String) -> Int { index[name] ?? 0 }
    func numbers(_ name: String, _ valid: (Double) -> Bool, _ expected: String) throws
      -> [Double]
    {
      let k = column(name)
      let values = try table.numbers(column: k)
      if let r = values.firstIndex(where: { !valid($0) }) {
        throw DataError(
          .value, file: table.fileName, line: table.lines[r], column: k + 1, columnName: name,
          text: table[r, k], message: "expected \(expected)")
      }
      return values
    }
    let isCount: (Double) -> Bool = { $0 >= 0 && $0 == $0.rounded() && $0 <= 36_500 }
    let terms = try numbers("terms_days", isCount, "a whole number of days")
    let pi = try numbers("p_susceptible", { $0 >= 0 && $0 <= 1 }, "a probability in [0, 1]")
    let lambda = try numbers("weibull_lambda", { $0 > 0 }, "a positive Weibull scale")
    let rho = try numbers("weibull_rho", { $0 > 0 }, "a positive Weibull shape")
    let risk = try numbers("latent_risk", { $0.isFinite }, "a number")
    let window = try numbers("discount_days", isCount, "a whole number of days")
    let takeUp = try numbers("discount_take_up", { $0 >= 0 && $0 <= 1 }, "a probability")
    let never = column("never_pays")
    var rows: [InvoiceTruth] = []
    rows.reserveCapacity(table.rowCount)
    for r in 0..<table.rowCount {
      let flag = table[r, never]
      guard flag == "true" || flag == "false" else {
        throw DataError(
          .value, file: table.fileName, line: table.lines[r], column: never + 1,
          columnName: "never_pays", text: flag, message: "expected true or false")
      }
      rows.append(
        InvoiceTruth(
          invoiceId: table[r, column("invoice_id")], termsDays: Int(terms[r]),
          susceptibleProbability: pi[r], weibullScale: lambda[r], weibullShape: rho[r],
          latentRisk: risk[r], neverPays: flag == "true", discountDays: Int(window[r]),
          discountTakeUp: takeUp[r]))
    }
    return TruthOracle(rows)
  }
}
