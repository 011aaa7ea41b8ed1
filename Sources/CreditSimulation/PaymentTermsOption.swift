/// A payment-terms choice (net days) with its share among customers.
public struct PaymentTermsOption: Sendable, Equatable, Codable {
  /// Days from issue to due date.
  public var days: Int
  /// Relative frequency; weights need not sum to one.
  public var weight: Double

  /// Terms of `days` days drawn with relative frequency `weight`.
  public init(days: Int, weight: Double) {
    self.days = days
    self.weight = weight
  }
}
