extension LogisticFit: Codable {
  /// The fields beyond `FitCore`'s.
  private struct Own: Codable {
    var nullLogLikelihood: Double
    var totalWeight: Double
    var l2: Double
    var interceptIndex: Int?
  }

  public init(from decoder: any Decoder) throws {
    core = try FitCore(from: decoder)
    let own = try Own(from: decoder)
    nullLogLikelihood = own.nullLogLikelihood
    totalWeight = own.totalWeight
    l2 = own.l2
    interceptIndex = own.interceptIndex
  }

  public func encode(to encoder: any Encoder) throws { try encode(own, to: encoder) }

  /// The fields beyond `FitCore`'s, of this fit.
  private var own: Own {
    Own(
      nullLogLikelihood: nullLogLikelihood, totalWeight: totalWeight, l2: l2,
      interceptIndex: interceptIndex)
  }
}
