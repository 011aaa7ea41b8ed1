/// What scoring made of the promises and disputes files, beside the six files.
public struct CollectionsOutcome: Sendable {
  /// Whether a promises file was given (customers.csv then has the promise columns).
  public var hasPromises = false
  /// Dispute resolution times, when a disputes file was given.
  public var disputeTimes: DisputeTimes?
  /// Rows of the promises and disputes files that were not used.
  public var skipped: [SkippedRows] = []
  /// Instalments of the payment plans proposed (`PaymentPlanner`).
  public var paymentPlans: [PaymentPlanInstalment] = []
  /// The discount considered and the customers for whom it pays (`DiscountOffer`).
  public var discountTerms = DiscountTerms()
  public var discountOffers: [DiscountOffer] = []
  /// A reminder letter for each customer with a due action (`score --letters`).
  public var letters: [CustomerLetter] = []
  /// The accepted payment plans in the cash forecast, when a file was given.
  public var acceptedPlans: AcceptedPlanCash?

  public init() {}
}
