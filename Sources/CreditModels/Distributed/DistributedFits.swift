import LinearAlgebra

/// The fitted models of a fit iterated on sums (`NewtonProgress`), with the fields the
/// single-machine fits give.
extension NewtonProgress {
  /// The covariance (inverse of the information at the last accepted point) and its
  /// reciprocal condition warning.
  func covariance() throws -> (Matrix, [FitWarning]) {
    let factor = try FitError.factoring(information: informationMatrix) {
      "the information matrix at the estimate is not positive definite (\($0))"
    }
    return (factor.inverse(), FitWarning.conditioning(of: factor))
  }

  /// The logistic fit; `self` iterated on the penalised objective.
  /// - Parameters:
  ///   - positiveWeight, totalWeight: `Σ s y` and `Σ s` (for the null model).
  public func logisticFit(
    featureNames: [String], observations: Int, positiveWeight: Double, totalWeight: Double,
    l2: Double, interceptIndex: Int
  ) throws -> LogisticFit {
    let (covariance, notes) = try covariance()
    let mean = positiveWeight / totalWeight
    let null = positiveWeight * log(mean) + (totalWeight - positiveWeight) * log1p(-mean)
    let diagnostics: [FitWarning] = (halvings > 0 ? [.stepHalving(count: halvings)] : []) + notes
    return LogisticFit(
      core: FitCore(
        featureNames: featureNames, coefficients: trial, covariance: covariance,
        logLikelihood: logLikelihood, observations: observations, iterations: iterations,
        convergenceRule: rule ?? .maxIterations, diagnostics: diagnostics),
      fields: .init(
        nullLogLikelihood: null, totalWeight: totalWeight, l2: l2,
        interceptIndex: interceptIndex))
  }

  /// The Weibull AFT fit; `self` iterated on `(β, log ρ)`.
  public func weibullFit(
    featureNames: [String], observations: Int, events: Int, interceptIndex: Int
  ) throws -> WeibullFit {
    let (covariance, notes) = try covariance()
    let p = trial.count - 1
    return WeibullFit(
      core: FitCore(
        featureNames: featureNames, coefficients: Array(trial[..<p]), covariance: covariance,
        logLikelihood: logLikelihood, observations: observations, iterations: iterations,
        convergenceRule: rule ?? .maxIterations, diagnostics: self.notes + notes),
      fields: .init(
        logRho: trial[p], events: events, interceptIndex: interceptIndex,
        maxAbsGradient: gradient.reduce(0) { max($0, abs($1)) }))
  }

  /// The Cox fit; `self` iterated from β = 0, `final` the sums at the estimate.
  /// - Parameter concordance: Harrell's C of the training rows (not a sum: the caller's).
  public func coxFit(
    featureNames: [String], observations: Int, final: CoxShardSums,
    ties: CoxProportionalHazards.TieMethod, concordance: Double
  ) throws -> CoxFit {
    let (covariance, notes) = try covariance()
    var diagnostics: [FitWarning] = halvings > 0 ? [.stepHalving(count: halvings)] : []
    if rule == .maxIterations {
      diagnostics.append(
        .note("Newton-Raphson stopped after \(iterations) iterations without converging"))
    }
    let (mean, events) = final.activeMeans()
    return CoxFit(
      core: FitCore(
        featureNames: featureNames, coefficients: trial, covariance: covariance,
        logLikelihood: final.evaluate(beta: trial, ties: ties).logLikelihood,
        observations: observations, iterations: iterations,
        convergenceRule: rule ?? .maxIterations, diagnostics: diagnostics + notes),
      fields: .init(
        nullLogLikelihood: startObjective ?? .nan, events: events, ties: ties, l2: 0,
        concordance: concordance, baseline: final.baseline(), trainingMean: mean))
  }
}

#if canImport(Glibc)
  import Glibc
#endif
