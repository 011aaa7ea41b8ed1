extension LogisticFit: Codable, RecordedFit {
  /// The fields beyond `FitRecord`'s.
  private struct Own: Codable {
    var nullLogLikelihood: Double
    var totalWeight: Double
    var l2: Double
    var interceptIndex: Int?
  }

  public init(from decoder: any Decoder) throws {
    let record = try FitRecord(from: decoder)
    let own = try Own(from: decoder)
    self.init(
      featureNames: record.featureNames, coefficients: record.coefficients,
      standardErrors: record.standardErrors, covariance: record.covarianceMatrix,
      logLikelihood: record.logLikelihood, nullLogLikelihood: own.nullLogLikelihood,
      iterations: record.iterations, converged: record.converged,
      convergenceRule: record.convergenceRule, diagnostics: record.warnings,
      observations: record.observations, totalWeight: own.totalWeight, l2: own.l2,
      interceptIndex: own.interceptIndex)
  }

  public func encode(to encoder: any Encoder) throws { try encode(own, to: encoder) }

  /// The fields beyond `FitRecord`'s, of this fit.
  private var own: Own {
    Own(
      nullLogLikelihood: nullLogLikelihood, totalWeight: totalWeight, l2: l2,
      interceptIndex: interceptIndex)
  }
}
