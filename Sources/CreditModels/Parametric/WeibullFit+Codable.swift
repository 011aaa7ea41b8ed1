extension WeibullFit: Codable {
  /// The fields beyond `FitCore`'s.
  private struct Own: Codable {
    var logRho: Double
    var events: Int
    var interceptIndex: Int?
    var maxAbsGradient: Double
  }

  /// Decodes the fit without `init(featureNames:…)`'s shape preconditions: a damaged file is
  /// the model file's consistency check's to report, not a trap.
  public init(from decoder: any Decoder) throws {
    core = try FitCore(from: decoder)
    let own = try Own(from: decoder)
    logRho = own.logRho
    events = own.events
    interceptIndex = own.interceptIndex
    maxAbsGradient = own.maxAbsGradient
  }

  public func encode(to encoder: any Encoder) throws { try encode(own, to: encoder) }

  /// The fields beyond `FitCore`'s, of this fit.
  private var own: Own {
    Own(
      logRho: logRho, events: events, interceptIndex: interceptIndex,
      maxAbsGradient: maxAbsGradient)
  }
}
