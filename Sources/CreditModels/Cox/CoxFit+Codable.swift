extension CoxFit: Codable, RecordedFit {
  /// The fields beyond `FitRecord`'s.
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
    let r = try FitRecord(from: decoder)
    let own = try Own(from: decoder)
    self.init(
      featureNames: r.featureNames, coefficients: r.coefficients, standardErrors: r.standardErrors,
      covariance: r.covarianceMatrix, logLikelihood: r.logLikelihood,
      nullLogLikelihood: own.nullLogLikelihood, iterations: r.iterations, converged: r.converged,
      convergenceRule: r.convergenceRule, diagnostics: r.warnings, observations: r.observations,
      events: own.events, ties: own.ties, l2: own.l2, concordance: own.concordance,
      baseline: own.baseline, trainingMean: own.trainingMean)
  }

  public func encode(to encoder: any Encoder) throws { try encode(own, to: encoder) }

  /// The fields beyond `FitRecord`'s, of this fit.
  private var own: Own {
    Own(
      nullLogLikelihood: nullLogLikelihood, events: events, ties: ties, l2: l2,
      concordance: concordance, baseline: baseline, trainingMean: trainingMean)
  }
}
