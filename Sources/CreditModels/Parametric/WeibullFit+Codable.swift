extension WeibullFit: Codable, RecordedFit {
  /// The fields beyond `FitRecord`'s.
  private struct Own: Codable {
    var logRho: Double
    var events: Int
    var interceptIndex: Int?
    var maxAbsGradient: Double
  }

  /// Decodes the fit without `init(featureNames:…)`'s shape preconditions: a damaged file is
  /// the model file's consistency check's to report, not a trap.
  public init(from decoder: any Decoder) throws {
    let record = try FitRecord(from: decoder)
    let own = try Own(from: decoder)
    (featureNames, coefficients, logRho) = (record.featureNames, record.coefficients, own.logRho)
    (standardErrors, covariance) = (record.standardErrors, record.covarianceMatrix)
    (logLikelihood, iterations) = (record.logLikelihood, record.iterations)
    (converged, convergenceRule) = (record.converged, record.convergenceRule)
    (diagnostics, observations, events) = (record.warnings, record.observations, own.events)
    (interceptIndex, maxAbsGradient) = (own.interceptIndex, own.maxAbsGradient)
  }

  public func encode(to encoder: any Encoder) throws { try encode(own, to: encoder) }

  /// The fields beyond `FitRecord`'s, of this fit.
  private var own: Own {
    Own(
      logRho: logRho, events: events, interceptIndex: interceptIndex,
      maxAbsGradient: maxAbsGradient)
  }
}
