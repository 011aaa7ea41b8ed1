import LinearAlgebra

/// The fitted models of a fit iterated on sums (`NewtonProgress`), with the fields the
/// single-machine fits give.
extension NewtonProgress {
  /// The covariance (inverse of the information at the last accepted point), its reciprocal
  /// condition warning, and the standard errors.
  func covariance() throws -> (Matrix, [Double], [FitWarning]) {
    let factor: CholeskyFactorization
    do {
      factor = try CholeskyFactorization(informationMatrix)
    } catch {
      throw FitError.singularInformationMatrix(
        detail: "the information matrix at the estimate is not positive definite (\(error))")
    }
    let covariance = factor.inverse()
    let rcond = factor.reciprocalConditionEstimate
    let notes: [FitWarning] =
      rcond < 1e-12 ? [.illConditioned(reciprocalCondition: rcond)] : []
    return (covariance, covariance.diagonal.map { $0.squareRoot() }, notes)
  }

  /// The logistic fit; `self` iterated on the penalised objective.
  /// - Parameters:
  ///   - positiveWeight, totalWeight: `Σ s y` and `Σ s` (for the null model).
  public func logisticFit(
    featureNames: [String], observations: Int, positiveWeight: Double, totalWeight: Double,
    l2: Double, interceptIndex: Int
  ) throws -> LogisticFit {
    let (covariance, se, notes) = try covariance()
    let mean = positiveWeight / totalWeight
    let null = positiveWeight * log(mean) + (totalWeight - positiveWeight) * log1p(-mean)
    let diagnostics: [FitWarning] = (halvings > 0 ? [.stepHalving(count: halvings)] : []) + notes
    return LogisticFit(
      featureNames: featureNames, coefficients: trial, standardErrors: se, covariance: covariance,
      logLikelihood: logLikelihood, nullLogLikelihood: null, iterations: iterations,
      converged: rule != .maxIterations, convergenceRule: rule ?? .maxIterations,
      diagnostics: diagnostics, observations: observations, totalWeight: totalWeight, l2: l2,
      interceptIndex: interceptIndex)
  }

  /// The Weibull AFT fit; `self` iterated on `(β, log ρ)`.
  public func weibullFit(
    featureNames: [String], observations: Int, events: Int, interceptIndex: Int
  ) throws -> WeibullFit {
    let (covariance, se, notes) = try covariance()
    let p = trial.count - 1
    return WeibullFit(
      featureNames: featureNames, coefficients: Array(trial[..<p]), logRho: trial[p],
      standardErrors: se, covariance: covariance, logLikelihood: logLikelihood,
      iterations: iterations, converged: rule != .maxIterations,
      convergenceRule: rule ?? .maxIterations, diagnostics: self.notes + notes,
      observations: observations, events: events, interceptIndex: interceptIndex,
      maxAbsGradient: gradient.reduce(0) { max($0, abs($1)) })
  }

  /// The Cox fit; `self` iterated from β = 0, `final` the sums at the estimate.
  /// - Parameter concordance: Harrell's C of the training rows (not a sum: the caller's).
  public func coxFit(
    featureNames: [String], observations: Int, final: CoxShardSums,
    ties: CoxProportionalHazards.TieMethod, concordance: Double
  ) throws -> CoxFit {
    let (covariance, se, notes) = try covariance()
    var diagnostics: [FitWarning] = halvings > 0 ? [.stepHalving(count: halvings)] : []
    if rule == .maxIterations {
      diagnostics.append(
        .note("Newton-Raphson stopped after \(iterations) iterations without converging"))
    }
    let (mean, events) = final.activeMeans()
    return CoxFit(
      featureNames: featureNames, coefficients: trial, standardErrors: se,
      covariance: covariance, logLikelihood: final.evaluate(beta: trial, ties: ties).logLikelihood,
      nullLogLikelihood: startObjective ?? .nan, iterations: iterations,
      converged: rule != .maxIterations, convergenceRule: rule ?? .maxIterations,
      diagnostics: diagnostics + notes, observations: observations, events: events, ties: ties,
      l2: 0, concordance: concordance, baseline: final.baseline(), trainingMean: mean)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
