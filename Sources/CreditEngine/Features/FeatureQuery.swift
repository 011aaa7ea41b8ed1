import CreditData

/// An invoice-like point at which to compute features: a real invoice at its issue date, or a
/// hypothetical next invoice of a customer at the as-of date (for customer-level scores).
public struct FeatureQuery: Sendable {
  // Stored in 32 bytes, widest first (a training sweep holds one per invoice): the credit limit
  // as NaN when absent, the terms in 32 bits (clamped; invoice terms are a few hundred days).
  public var amount: Double
  private var limit: Double
  public var customer: Int32
  public var date: Day
  private var terms: Int32
  public var disputed: Bool
  public var paperless: Bool

  /// Days from issue to due.
  public var termsDays: Int {
    get { Int(terms) }
    set { terms = Int32(clamping: newValue) }
  }

  /// The customer's credit limit, nil when unknown (a NaN limit counts as unknown).
  public var creditLimit: Double? {
    get { limit.isNaN ? nil : limit }
    set { limit = newValue ?? .nan }
  }

  public init(
    customer: Int32, date: Day, amount: Double, termsDays: Int, disputed: Bool, paperless: Bool,
    creditLimit: Double?
  ) {
    self.amount = amount
    self.limit = creditLimit ?? .nan
    self.customer = customer
    self.date = date
    self.terms = Int32(clamping: termsDays)
    self.disputed = disputed
    self.paperless = paperless
  }
}
