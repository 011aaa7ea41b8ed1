import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Binary logistic regression fitted by Newton-Raphson (IRLS), optionally ridge-penalised.
///
/// The model is
///
/// ```
/// P(y = 1 | x) = μ = σ(η),   η = xᵀβ,   σ(η) = 1 / (1 + exp(−η))
/// ```
///
/// and `fit` maximises the weighted, penalised log-likelihood
///
/// ```
/// ℓ_λ(β) = Σᵢ sᵢ [yᵢ ηᵢ − softplus(ηᵢ)] − λ/2 Σ_{j ≠ intercept} β_j²
/// ```
///
/// where `sᵢ` are sample (frequency) weights: a weight of 3 is the same as three copies of the
/// row, as with statsmodels' `GLM(..., freq_weights=)`. The intercept is never penalised.
///
/// This type is configuration only; `fit` returns an immutable `LogisticFit`, so there is no
/// way to predict from a model that has not been fitted.
///
/// Usage:
///
/// ```
/// let model = LogisticRegression(l2: 0)
/// let fit = try model.fit(x, y, featureNames: ["Intercept", "gpa"], interceptIndex: 0)
/// let pd = fit.predictProbability(xNew)
/// ```
public struct LogisticRegression: Sendable, NewtonFitter {
  /// The ridge penalty λ (applied to every coefficient except the intercept), the stop rules
  /// and the rank check.
  public var settings = NewtonSettings()

  /// An unpenalised logistic regression with the default stop rules; `init(l2:convergence:)`
  /// (from `NewtonFitter`) sets them.
  public init() {}

  /// Probabilities within this distance of the observed 0/1 outcome count as perfectly
  /// predicted (|η| > 18.4), the test numpy's `allclose` uses in statsmodels' separation check.
  static let perfectPredictionTolerance = 1e-8

  /// Largest number of step halvings in one Newton iteration: 2⁻³⁰ ≈ 1e-9 of the Newton step,
  /// below which a "decrease" in the likelihood is rounding noise at the optimum.
  static let maximumHalvings = 30

  /// Fits the model by Newton-Raphson with step halving.
  ///
  /// Each iteration makes one fused pass over `x` (see `LogisticRegression+Pass.swift`) that
  /// returns the log-likelihood, score vector and information matrix at the current β, then
  /// solves `(XᵀWX + λP) δ = Xᵀs(y − μ) − λPβ` by Cholesky. If the penalised log-likelihood
  /// decreases, the step is halved until it does not.
  ///
  /// Before iterating, the weighted Gram matrix is checked for constant (or, without an
  /// intercept, zero) and linearly dependent columns, judged on the columns centred and scaled
  /// when there is an intercept, and reported by name instead of surfacing as a failed
  /// factorisation. Rows of weight 0 are no-ops throughout: the fit equals the fit without
  /// them. The
  /// check applies with a penalty too: a ridge would make such a design fittable, but the
  /// coefficients of dependent columns would only be identified by the penalty.
  ///
  /// Reaching `maxIterations` is not an error: the fit is returned with `converged == false`
  /// and `convergenceRule == .maxIterations`, for the caller to report.
  ///
  /// Separation (only without penalty; with λ > 0 the maximum is always finite):
  /// - *complete*: some β classifies every row correctly (`η > 0` exactly when `y = 1`); then
  ///   scaling β up drives the likelihood to its supremum 0 and no maximum exists. Newton
  ///   finds such a β within a few iterations, and its existence is a certificate, so the fit
  ///   throws `.perfectSeparation` naming the feature with the largest standardised
  ///   coefficient `|β_j| sd(x_j)` in that direction.
  /// - *quasi-complete*: a subset of rows is predicted perfectly while the rest are not; the
  ///   likelihood converges but some coefficients keep growing by about one unit of log-odds
  ///   per iteration. The fit is returned with `FitWarning.quasiSeparation` naming the feature
  ///   whose coefficient moved most (standardised) in the last step.
  ///
  /// - Parameters:
  ///   - x: the n x p design, including an intercept column if wanted.
  ///   - y: outcomes, each 0 or 1.
  ///   - weights: non-negative sample (frequency) weights; `nil` means all 1.
  ///   - featureNames: one name per column of `x`, used in results and errors.
  ///   - interceptIndex: the column of ones, if any; it is not penalised, and it defines the
  ///     null model (intercept-only; without one the null model is p = 0.5).
  ///   - start: starting coefficients, e.g. from a fit on a subsample of the rows (a good start
  ///     saves Newton iterations on a large design). Used when the penalised log-likelihood
  ///     there is at least that of the null model, which is the start otherwise. The estimate
  ///     does not depend on the start beyond the stop rules' tolerances.
  /// - Returns: the fitted model, with the stop rule that fired and any warnings.
  /// - Throws: `FitError.invalidInput` (shape, non-finite values, y not 0/1, negative weights,
  ///   only one outcome class, fewer rows of positive weight than coefficients),
  ///   `.constantColumns`, `.collinearColumns`, `.perfectSeparation`,
  ///   `.singularInformationMatrix`.
  /// - Complexity: O(n p²) per iteration, plus one O(n p²) rank check.
  public func fit(
    _ x: DesignMatrix, _ y: [Double], weights: [Double]? = nil, featureNames: [String],
    interceptIndex: Int?, start: [Double]? = nil
  ) throws -> LogisticFit {
    try fit(
      x, targets: BinaryTargets(y, weights: weights), featureNames: featureNames,
      interceptIndex: interceptIndex, start: start)
  }

  /// `fit(_:_:weights:featureNames:interceptIndex:start:)` of outcomes and weights given as
  /// `BinaryTargets` (a byte a row when the weights are 0 or 1): the same fit, bit for bit.
  public func fit(
    _ x: DesignMatrix, targets: BinaryTargets, featureNames: [String], interceptIndex: Int?,
    start: [Double]? = nil
  ) throws -> LogisticFit {
    let n = x.observations
    let p = x.features
    try validate(x, targets, featureNames: featureNames, interceptIndex: interceptIndex)
    if checksRank {
      try Self.checkRank(
        x, weights: targets.weights, featureNames: featureNames, interceptIndex: interceptIndex)
    }

    var penalised = [Bool](repeating: l2 > 0, count: p)
    if let interceptIndex { penalised[interceptIndex] = false }
    // Column scales only matter for naming a separating feature; computed on demand.
    func scales() -> [Double] { Self.columnScales(x, weights: targets.weights) }
    // Unpenalised, a β that puts every row on its correct side proves the data separable.
    func rejectSeparation(_ state: PassResult, _ beta: [Double]) throws {
      guard l2 == 0, state.misclassified == 0 else { return }
      throw FitError.perfectSeparation(
        feature: Self.dominantFeature(
          beta, scales: scales(), names: featureNames, interceptIndex: interceptIndex))
    }
    // The Cholesky factor of the penalised information; a failure is separation or a singular
    // design, told apart from the rows and the last step.
    func factorInformation(
      _ state: PassResult, _ beta: [Double], lastStep: [Double], detail: String
    ) throws -> (factor: CholeskyFactorization, score: [Double]) {
      let (hessian, score) = penalisedSystem(state, beta, penalised)
      do {
        return (try CholeskyFactorization(hessian), score)
      } catch {
        throw separationOrSingular(
          state, direction: lastStep, scales: scales(), names: featureNames,
          interceptIndex: interceptIndex, detail: detail)
      }
    }

    // Start from the null model: intercept = logit(ȳ), other coefficients 0. Any start works
    // for this concave objective; this one saves an iteration or two.
    let (positiveWeight, totalWeight) = Self.outcomeWeights(targets)
    let meanOutcome = positiveWeight / totalWeight
    let nullLogLikelihood: Double
    if interceptIndex != nil {
      // Intercept-only MLE is μ = ȳ (weighted); ℓ₀ = W₁ log ȳ + W₀ log(1 − ȳ).
      nullLogLikelihood =
        positiveWeight * log(meanOutcome) + (totalWeight - positiveWeight) * log1p(-meanOutcome)
    } else {
      nullLogLikelihood = -totalWeight * log(2.0)
    }
    var beta = [Double](repeating: 0, count: p)
    if let interceptIndex { beta[interceptIndex] = log(meanOutcome / (1 - meanOutcome)) }

    // A given start replaces the null model when it is at least as good (the null model's
    // penalised objective is ℓ₀: only the unpenalised intercept is non-zero).
    var state: PassResult
    if let start, start.count == p, start.allSatisfy(\.isFinite),
      case let trial = Self.pass(x, targets, coefficients: start),
      penalisedObjective(trial.logLikelihood, start, penalised) >= nullLogLikelihood
    {
      beta = start
      state = trial
    } else {
      state = Self.pass(x, targets, coefficients: beta)
    }
    var objective = penalisedObjective(state.logLikelihood, beta, penalised)
    var lastStep = [Double](repeating: 0, count: p)
    var iterations = 0
    var halvings = 0
    var rule = ConvergenceRule.maxIterations

    newton: while iterations < convergence.maxIterations {
      try rejectSeparation(state, beta)
      let (factor, score) = try factorInformation(
        state, beta, lastStep: lastStep, detail: "at iteration \(iterations)")
      let step = factor.solve(score)
      iterations += 1
      if convergence.stepIsConverged(step) {
        // β + δ is converged; a pass there would only confirm it. The log-likelihood and
        // information reported are those of β, as in lifelines.
        for j in 0..<p {
          lastStep[j] = step[j]
          beta[j] += step[j]
        }
        rule = .stepNorm
        break newton
      }

      // Halve the step until the penalised log-likelihood does not decrease. A decrease
      // within the relative tolerance is rounding noise at the optimum, not a bad step.
      var t = 1.0
      var candidate = beta
      var next = state
      var nextObjective = objective
      var accepted = false
      for _ in 0...Self.maximumHalvings {
        for j in 0..<p { candidate[j] = beta[j] + t * step[j] }
        next = Self.pass(x, targets, coefficients: candidate)
        nextObjective = penalisedObjective(next.logLikelihood, candidate, penalised)
        let slack = convergence.relativeLogLikelihoodTolerance * abs(objective)
        if nextObjective.isFinite, nextObjective >= objective - slack {
          accepted = true
          break
        }
        t /= 2
        halvings += 1
      }
      if !accepted {
        // No fraction of the Newton step improves on β: we are at the optimum to rounding.
        rule = .relativeLogLikelihood
        break newton
      }
      for j in 0..<p { lastStep[j] = t * step[j] }
      let change = abs(nextObjective - objective) / max(abs(objective), Double.leastNormalMagnitude)
      beta = candidate
      state = next
      objective = nextObjective
      if lastStep.allSatisfy({ abs($0) < convergence.stepTolerance }) {
        rule = .stepNorm
        break
      }
      if change < convergence.relativeLogLikelihoodTolerance {
        rule = .relativeLogLikelihood
        break
      }
    }

    try rejectSeparation(state, beta)

    // Covariance: inverse of the (penalised) information at the solution.
    let (factor, _) = try factorInformation(
      state, beta, lastStep: lastStep, detail: "at the solution")
    var covariance = factor.inverse()
    if let c = interceptIndex,
      let shift = CentredCovariance.shift(
        information: state.information, columns: p, intercept: c, x: x,
        firstRow: targets.firstWeighted)
    {
      // A column far from zero: the information again, on shifted rows (one more pass).
      let eta = x.multiplied(by: beta)
      let v = targets.withRows { rows in
        (0..<n).map { i -> Double in
          let z = exp(-abs(eta[i]))
          return rows.weight(i) * z / ((1 + z) * (1 + z))  // s μ(1 − μ)
        }
      }
      var shifted = x.gram(weights: v, shift: shift)
      for j in 0..<p where penalised[j] { shifted[j, j] += l2 }
      if let f = try? CholeskyFactorization(shifted) {
        covariance = CentredCovariance.unshift(f.inverse(), shift: shift, intercept: c)
      }
    }

    var diagnostics: [FitWarning] = []
    if l2 == 0, state.perfectlyPredicted > 0 {
      let moved = Self.standardisedLargest(
        lastStep, scales: scales(), interceptIndex: interceptIndex)
      // In a regular fit the last step is ~1e-6 or less (quadratic convergence); under
      // quasi-separation the diverging coefficient still moves by ~1 per iteration.
      if moved.value > 1e-3 || rule == .maxIterations {
        diagnostics.append(.quasiSeparation(feature: featureNames[moved.index]))
      }
    }
    if halvings > 0 { diagnostics.append(.stepHalving(count: halvings)) }
    diagnostics += FitWarning.conditioning(of: factor)

    return LogisticFit(
      core: FitCore(
        featureNames: featureNames, coefficients: beta, covariance: covariance,
        logLikelihood: state.logLikelihood, observations: n, iterations: iterations,
        convergenceRule: rule, diagnostics: diagnostics),
      fields: .init(
        nullLogLikelihood: nullLogLikelihood, totalWeight: totalWeight, l2: l2,
        interceptIndex: interceptIndex))
  }

  // MARK: - Newton system

  /// `ℓ − λ/2 Σ_{penalised} β_j²`.
  func penalisedObjective(_ logLikelihood: Double, _ beta: [Double], _ penalised: [Bool]) -> Double
  {
    var penalty = 0.0
    for j in beta.indices where penalised[j] { penalty += beta[j] * beta[j] }
    return logLikelihood - 0.5 * l2 * penalty
  }

  /// The negative Hessian `XᵀWX + λP` and gradient `Xᵀs(y − μ) − λPβ` of the objective.
  func penalisedSystem(
    _ state: PassResult, _ beta: [Double], _ penalised: [Bool]
  ) -> (Matrix, [Double]) {
    var h = state.information
    var g = state.gradient
    for j in beta.indices where penalised[j] {
      h[j, j] += l2
      g[j] -= l2 * beta[j]
    }
    return (h, g)
  }

  /// The error for an information matrix that Cholesky rejects: separation if some rows are
  /// already predicted perfectly (their weights μ(1 − μ) have collapsed), else singularity.
  func separationOrSingular(
    _ state: PassResult, direction: [Double], scales: [Double], names: [String],
    interceptIndex: Int?, detail: String
  ) -> FitError {
    if l2 == 0, state.perfectlyPredicted > 0 {
      let moved = Self.standardisedLargest(
        direction, scales: scales, interceptIndex: interceptIndex)
      return .perfectSeparation(feature: names[moved.index])
    }
    return .singularInformationMatrix(detail: "information matrix not positive definite \(detail)")
  }

  // MARK: - Helpers

  /// The feature with the largest `|v_j| sd(x_j)`, preferring any feature over the intercept.
  static func dominantFeature(
    _ v: [Double], scales: [Double], names: [String], interceptIndex: Int?
  ) -> String {
    names[standardisedLargest(v, scales: scales, interceptIndex: interceptIndex).index]
  }

  /// Index and value of the largest `|v_j| sd(x_j)` over non-intercept columns (the intercept
  /// only if it is the sole column).
  static func standardisedLargest(
    _ v: [Double], scales: [Double], interceptIndex: Int?
  ) -> (index: Int, value: Double) {
    var best = (index: interceptIndex ?? 0, value: -1.0)
    for j in v.indices where j != interceptIndex {
      let s = abs(v[j]) * scales[j]
      if s > best.value { best = (j, s) }
    }
    return best
  }

  /// Weighted standard deviation of each column (its root mean square for a constant column,
  /// so a feature without an intercept still gets a scale).
  static func columnScales(_ x: DesignMatrix, weights: [Double]?) -> [Double] {
    let n = x.observations
    let p = x.features
    var sum = [Double](repeating: 0, count: p)
    var sumSquares = [Double](repeating: 0, count: p)
    var total = 0.0
    for i in 0..<n {
      let w = weights?[i] ?? 1
      guard w > 0 else { continue }
      total += w
      for j in 0..<p {
        let v = x[i, j]
        sum[j] += w * v
        sumSquares[j] += w * v * v
      }
    }
    return (0..<p).map { j in
      let mean = sum[j] / total
      let variance = max(sumSquares[j] / total - mean * mean, 0)
      return variance > 1e-12 * sumSquares[j] / total
        ? variance.squareRoot() : (sumSquares[j] / total).squareRoot()
    }
  }

  /// `(Σ s y, Σ s)`.
  static func outcomeWeights(_ targets: BinaryTargets) -> (Double, Double) {
    targets.withRows { rows in
      var positive = 0.0
      var total = 0.0
      for i in 0..<rows.count {
        let w = rows.weight(i)
        positive += w * rows.outcome(i)
        total += w
      }
      return (positive, total)
    }
  }
}
