extension CoxFit: Codable {
  /// The fields beyond `FitCore`'s.
  private struct Own: Codable {
    var nullLogLikelihood: Double
    var events: Int
    var ties: CoxProportionalHazards.TieMethod
    var l2: Double
    var concordance: Double
    var baseline: BaselineHazard
    var trainingMean: [Double]
  }

  public init(from decoder: any Decoder) throws {
    core = try FitCore(from: decoder)
    let own = try Own(from: decoder)
    nullLogLikelihood = own.nullLogLikelihood
    events = own.events
    ties = own.ties
    l2 = own.l2
    concordance = own.concordance
    baseline = own.baseline
    trainingMean = own.trainingMean
  }

  public func encode(to encoder: any Encoder) throws { try encode(own, to: encoder) }

  /// The fields beyond `FitCore`'s, of this fit.
  private var own: Own {
    Own(
      nullLogLikelihood: nullLogLikelihood, events: events, ties: ties, l2: l2,
      concordance: concordance, baseline: baseline, trainingMean: trainingMean)
  }
}
