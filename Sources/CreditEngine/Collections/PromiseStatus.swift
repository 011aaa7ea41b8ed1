import CreditData

/// A promise to pay as the collections book sees it at the as-of date.
public struct PromiseStatus: Sendable, Equatable {
  /// Row in the promises file.
  public var row: Int
  public var amount: Double
  public var promisedDate: Day
  public var madeOn: Day?
  /// The promised date has not passed (it is on or after the as-of date).
  public var isActive: Bool

  /// In words: "promise to pay 3,418.72 by 2024-03-06 (made 2024-02-15)".
  public var text: String {
    "promise to pay \(AmountText.money(amount)) by \(promisedDate.isoString)"
      + (madeOn.map { " (made \($0.isoString))" } ?? "")
  }
}

/// A customer's record of keeping promises: the promises whose date has passed by the as-of
/// date, and how many of them were kept (paid by the promised date).
public struct PromiseRecord: Sendable, Equatable {
  public var matured = 0
  public var kept = 0

  /// A record of `kept` of `matured` promises.
  public init(matured: Int = 0, kept: Int = 0) {
    self.matured = matured
    self.kept = kept
  }

  /// Kept ÷ matured; nil before any promise has matured.
  public var keepingRate: Double? { matured > 0 ? Double(kept) / Double(matured) : nil }

  /// Fewest matured promises before the rate is judged.
  public static let minimumMatured = 2
  /// A rate below this is adverse.
  public static let adverseRate = 0.5

  /// The adverse reason, "Kept 1 of 4 promises to pay", when at least `minimumMatured`
  /// promises matured and fewer than `adverseRate` of them were kept; else nil.
  public var adverseReason: String? {
    guard matured >= Self.minimumMatured, let rate = keepingRate, rate < Self.adverseRate else {
      return nil
    }
    return "Kept \(kept) of \(matured) promises to pay"
  }
}
