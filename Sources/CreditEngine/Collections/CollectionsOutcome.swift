/// What scoring made of the promises and disputes files, beside the six files.
public struct CollectionsOutcome: Sendable {
  /// Whether a promises file was given (customers.csv then has the promise columns).
  public var hasPromises = false
  /// Dispute resolution times, when a disputes file was given.
  public var disputeTimes: DisputeTimes?
  /// Rows of the promises and disputes files that were not used.
  public var skipped: [SkippedRows] = []

  public init() {}
}
