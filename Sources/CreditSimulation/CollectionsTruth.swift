/// The contents of `truth_collections.json`: how never paying was set, the collections
/// parameters, and counts of what came out.
public struct CollectionsTruth: Sendable, Equatable, Codable {
  /// Identifies the file kind.
  public var format: String = "creditrisk-simulation-collections-truth"
  /// Version of this layout.
  public var version: Int = 1
  /// The never-pay part of the cure model.
  public var neverPay: NeverPay
  /// Parameters of promises, disputes, distress and discounts.
  public var collections: CollectionsModel
  /// Share of customers drawn as distressed.
  public var distressedShare: Double
  /// Share of invoices offered an early-payment discount.
  public var discountOfferShare: Double
  /// Counts.
  public var summary: Summary

  /// `P(never pays) = logistic(intercept + w1 latent_risk + w2 disputed + distress)`.
  public struct NeverPay: Sendable, Equatable, Codable {
    /// The intercept used (calibrated when `targetRate` is set).
    public var intercept: Double
    /// The configured `write_off_intercept`.
    public var configuredIntercept: Double
    /// The requested overall share of never-paying invoices, if any.
    public var targetRate: Double?
    /// Mean never-pay probability over the invoices.
    public var expectedRate: Double
    /// Invoices drawn as never paying.
    public var neverPays: Int
    /// Whether history.csv flags them in `written_off` once old enough.
    public var flagged: Bool
  }

  /// Counts of events.
  public struct Summary: Sendable, Equatable, Codable {
    /// Promises made on or before the snapshot.
    public var promises: Int
    /// Of those, kept (paid by the promised date, also after the snapshot).
    public var promisesKept: Int
    /// Disputes.
    public var disputes: Int
    /// Disputes still open at the snapshot.
    public var disputesOpenAtSnapshot: Int
    /// Customers drawn as distressed.
    public var distressedCustomers: Int
    /// Invoices offered a discount.
    public var discountsOffered: Int
    /// Offered invoices whose discount is taken.
    public var discountsTaken: Int
  }

  /// The truth behind `portfolio`'s collections files.
  public init(_ portfolio: SimulatedPortfolio) {
    let config = portfolio.configuration
    let inv = portfolio.invoices
    let n = inv.count
    neverPay = NeverPay(
      intercept: portfolio.neverPayIntercept, configuredIntercept: config.model.writeOffIntercept,
      targetRate: config.neverPayRate,
      expectedRate: n == 0 ? 0 : inv.neverPayProbability.reduce(0, +) / Double(n),
      neverPays: portfolio.neverPaysCount, flagged: config.flagsWriteOffs)
    collections = config.collections
    distressedShare = config.distressedShare
    discountOfferShare = config.discountOfferShare
    let events = portfolio.events
    summary = Summary(
      promises: events.promises.count, promisesKept: events.promises.filter(\.kept).count,
      disputes: events.disputes.count,
      disputesOpenAtSnapshot: events.disputes.filter { $0.resolved > config.asOf }.count,
      distressedCustomers: portfolio.customers.distressFrom.filter { $0 != nil }.count,
      discountsOffered: inv.discountOffered.filter { $0 }.count,
      discountsTaken: inv.discountTaken.filter { $0 }.count)
  }
}
