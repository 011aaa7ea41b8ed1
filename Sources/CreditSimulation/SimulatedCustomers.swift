import CreditData

/// The simulated customers, one array element per customer (columnar).
///
/// Index `c` in every array is the same customer; its id is `C` followed by `c + 1` in six
/// digits (`C000001`). The observable columns are those of `customers.csv`; the rest is
/// ground truth a real ERP would not export.
public struct SimulatedCustomers: Sendable, Equatable {
  /// Customer ids, `C000001`, `C000002`, ...
  public var id: [String] = []
  /// Credit limit (observable), a multiple of 1,000.
  public var creditLimit: [Double] = []
  /// Region name (observable).
  public var region: [String] = []
  /// Industry name (observable).
  public var industry: [String] = []
  /// Currency of every invoice of the customer.
  public var currency: [String] = []
  /// First day as a customer (observable).
  public var customerSince: [Day] = []

  // MARK: - Ground truth

  /// Latent riskiness: normal with unit variance around the region and industry shifts.
  public var latentRisk: [Double] = []
  /// Median invoice amount of the customer.
  public var typicalAmount: [Double] = []
  /// The customer's usual payment terms in days.
  public var standardTermsDays: [Int] = []
  /// Whether the customer usually receives paperless invoices.
  public var prefersPaperless: [Bool] = []
  /// Relative invoicing rate per active day (log-normal).
  public var activity: [Double] = []
  /// Number of invoices the customer received in the history.
  public var invoiceCount: [Int] = []
  /// The day from which a distressed customer's payment behaviour worsens; nil otherwise.
  public var distressFrom: [Day?] = []

  /// Number of customers.
  public var count: Int { id.count }

  /// The id of customer index `index` (zero-based): `C` and at least six digits.
  public static func id(forIndex index: Int) -> String {
    "C" + String(zeroPadded: String(index + 1), width: 6)
  }
}
