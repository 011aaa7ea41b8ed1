/// One level of a categorical customer attribute (region, industry, currency) with its share.
public struct SimulationCategory: Sendable, Equatable, Codable {
  /// The value written to the CSV.
  ///
  /// For example `NA`: North America, a value, never a missing marker.
  public var name: String
  /// Relative frequency among customers; weights need not sum to one.
  public var weight: Double
  /// Added to the mean of a customer's latent risk (0 for currencies).
  public var riskShift: Double

  /// A level with the given share and risk shift.
  public init(_ name: String, weight: Double, riskShift: Double = 0) {
    self.name = name
    self.weight = weight
    self.riskShift = riskShift
  }
}
