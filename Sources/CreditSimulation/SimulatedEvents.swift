import CreditData

/// Collections events around the simulated invoices: promises to pay and disputes, with the
/// truth behind each.
public struct SimulatedEvents: Sendable, Equatable {
  /// Promises to pay, in invoice-id order (at most one per invoice).
  public var promises: [SimulatedPromise] = []
  /// Disputes, one per disputed invoice, in invoice-id order.
  public var disputes: [SimulatedDispute] = []

  /// No events.
  public init() {}
}

/// A customer's promise to pay one invoice in full by a date.
public struct SimulatedPromise: Sendable, Equatable {
  /// Index of the invoice in `SimulatedInvoices`.
  public var invoiceIndex: Int
  /// Day the promise was made (on or before the snapshot, while the invoice was unpaid).
  public var madeOn: Day
  /// The date the customer promised to pay by.
  public var promisedDate: Day
  /// Amount promised: the invoice amount.
  public var amount: Double

  // MARK: - Ground truth

  /// The customer's probability of keeping a promise.
  public var keepProbability: Double
  /// Whether the customer meant to keep it.
  public var meantToKeep: Bool
  /// Whether it is kept: the invoice is paid on or before the promised date (known after
  /// the snapshot too).
  public var kept: Bool
}

/// A dispute on one invoice.
public struct SimulatedDispute: Sendable, Equatable {
  /// Index of the invoice in `SimulatedInvoices`.
  public var invoiceIndex: Int
  /// Day the dispute was opened (on or before the snapshot and before payment).
  public var opened: Day
  /// Day the dispute is resolved, whether before or after the snapshot.
  public var resolved: Day
  /// The dispute reason, one of `CollectionsModel.disputeReasons`.
  public var reason: String

  // MARK: - Ground truth

  /// The drawn resolution time in days (before payment cuts it short).
  public var resolutionDays: Double
  /// Whether the payment of the invoice ended the dispute before its drawn resolution.
  public var resolvedByPayment: Bool
}
