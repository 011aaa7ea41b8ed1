import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// The Cox proportional hazards model: configuration; `fit` returns a `CoxFit`.
///
/// ```
/// h(t | x) = h₀(t) exp(x β)
/// ```
/// The baseline hazard `h₀` is left unspecified; `β` maximises the partial likelihood, with
/// Efron's (default, as lifelines, R and statsmodels' `PHReg(ties="efron")`) or Breslow's
/// handling of tied event times, by Newton-Raphson with step halving. There is no intercept:
/// it would be absorbed by `h₀`.
///
/// ```swift
/// let fit = try CoxProportionalHazards().fit(
///   x, durations: days, events: paid, featureNames: ["log_amount", "disputed"])
/// let median = fit.predictMedian(newInvoices)
/// ```
public struct CoxProportionalHazards: Sendable, NewtonFitter {
  /// How tied event times enter the partial likelihood.
  public enum TieMethod: String, Sendable, Codable, CaseIterable {
    /// Efron (1977): the tied events leave the risk set gradually, by fractions `l / d`.
    /// Close to the exact partial likelihood; lifelines' and R's default.
    case efron
    /// Breslow (1974): every tied event sees the full risk set. Cheaper, biased toward 0
    /// when ties are heavy. Equal to Efron when there are no ties.
    case breslow
  }

  /// Ties method; `.efron` by default (what lifelines, R and statsmodels' docs recommend).
  public var ties = TieMethod.efron
  /// The ridge penalty λ, the stop rules and the rank check (of the centred covariates of the
  /// rows at risk).
  ///
  /// `β` maximises `ℓ(β) − λ ‖β‖² / 2` on the raw covariates (no scaling); λ = 0 (the default)
  /// is the ordinary maximum partial likelihood estimate.
  public var settings = NewtonSettings()
  /// The turns in which the fit computes its in-sample concordance (its own by default).
  ///
  /// The concordance sorts every row's score. Fits run side by side that take their metrics'
  /// turns from one `OneAtATime` (training's) never hold those arrays at once.
  package var metricTurns = OneAtATime()

  /// Efron's ties, no penalty and the default stop rules; `init(l2:convergence:)` (from
  /// `NewtonFitter`) sets the last two.
  public init() {}

  /// A model configuration.
  /// - Parameters:
  ///   - ties: Tied event times.
  ///   - l2: Ridge penalty on the coefficients, 0 by default (no penalty).
  ///   - convergence: Newton-Raphson stop rules (see `ConvergenceCriteria` for the defaults).
  public init(ties: TieMethod, l2: Double = 0, convergence: ConvergenceCriteria = .init()) {
    self.init(l2: l2, convergence: convergence)
    self.ties = ties
  }

  /// Fits the model to right-censored durations.
  ///
  /// `exp(x β)` is shifted by the largest `x β` so it stays in range while iterating, and the
  /// information matrix is formed from covariates centred on the fly (like lifelines and R, but
  /// without a centred copy of the data); the reported coefficients belong to the raw
  /// covariates and the baseline is at x = 0. Step halving: a Newton step that lowers the
  /// (penalised) log-likelihood is halved until it does not.
  ///
  /// - Parameters:
  ///   - x: Covariates, one row per observation (no intercept column).
  ///   - durations: Time from origin to event or censoring, finite and ≥ 0.
  ///   - events: `true` if the event was observed, `false` if censored.
  ///   - weights: Case weights ≥ 0 (lifelines' `weights_col`), 1 when nil. With Efron ties a
  ///     tied group enters with its mean weight, as in lifelines and R. A row of weight 0 is a
  ///     no-op (not counted among tied events, no knot of the baseline, left out of the
  ///     concordance): the fit equals the fit without it.
  ///   - featureNames: One name per covariate (the intercept column excluded), used in errors
  ///     and the summary.
  ///   - skippingColumn: A column of `x` to leave out (the Cox model has no intercept; the
  ///     baseline hazard absorbs it). This lets one design with an intercept serve the logistic,
  ///     Weibull and Cox fits without a second n x p copy. `nil`: use every column.
  ///   - start: starting coefficients, e.g. from a fit on a subsample of the rows (a good start
  ///     saves Newton iterations on a large design). Used when the penalised partial
  ///     log-likelihood there is at least that at β = 0, which is the start otherwise. The
  ///     estimate does not depend on the start beyond the stop rules' tolerances.
  /// - Throws: `FitError.invalidInput` (no covariates, no events, fewer than p + 1 rows of
  ///   positive weight, a negative or non-finite duration, weight or covariate; the message
  ///   names the row), `FitError.constantColumns` (columns constant among the rows at risk,
  ///   which the baseline absorbs), `FitError.collinearColumns` (linear dependencies, listing
  ///   every column involved), `FitError.monotoneLikelihood` (unpenalised, when the events
  ///   dominate every risk set they are in, so no finite maximum exists; a monotone likelihood
  ///   in some coefficients only is the warning `FitWarning.monotoneLikelihood`),
  ///   `FitError.singularInformationMatrix`,
  ///   `FitError.didNotConverge` when the likelihood turns non-finite or step halving fails.
  /// - Complexity: O(n log n) once to sort, then per iteration O(n p²) in BLAS and one or two
  ///   reads of X; memory O(n p) for a sorted copy of X (none when the rows of `x` already come
  ///   in `riskSetOrder` and the covariates are contiguous: `x` is then read where it is) and
  ///   O(K p) for K event times.
  public func fit(
    _ x: DesignMatrix, durations: [Double], events: [Bool], weights: [Double]? = nil,
    featureNames: [String], skippingColumn skipped: Int? = nil, start: [Double]? = nil
  ) throws -> CoxFit {
    let n = x.observations
    let columns = (0..<x.features).filter { $0 != skipped }
    let p = columns.count
    precondition(durations.count == n && events.count == n, "durations/events do not match rows")
    precondition(weights == nil || weights?.count == n, "weights do not match rows")
    precondition(featureNames.count == p, "featureNames do not match columns")
    guard p > 0 else {
      throw FitError.invalidInput(
        "no covariates: the Cox model needs at least one covariate column (its baseline hazard"
          + " takes the place of an intercept, so there is nothing else to estimate)")
    }

    // MARK: Validation
    let positiveRows = try SurvivalInput.checkDurationsAndWeights(durations, weights: weights)
    // Events of positive weight (a row of weight 0 is a no-op).
    var eventCount = 0
    for i in 0..<n where events[i] && (weights?[i] ?? 1) > 0 { eventCount += 1 }
    guard eventCount > 0 else {
      throw FitError.invalidInput(
        "no events: every one of the \(n) durations is censored (or has weight 0), so the"
          + " partial likelihood is flat")
    }
    // The centred covariates of k rows span at most k − 1 dimensions.
    try DesignRank.requireRows(positiveRows, coefficients: p, needed: p + 1)

    // MARK: Sort and group
    // The design is read where it is when its rows are in risk-set order (see
    // `riskSetOrder`), else the active rows are copied sorted.
    let prepared = try Self.prepare(
      x, columns: columns, durations: durations, events: events, weights: weights, ties: ties,
      featureNames: featureNames, verifyRank: checksRank)
    let data = prepared.data

    // MARK: Newton-Raphson
    let lambda = l2
    func penalised(_ s: CoxRiskSets.State) -> Double {
      s.logLikelihood - 0.5 * lambda * s.beta.reduce(0) { $0 + $1 * $1 }
    }
    // One array of risks serves every state (`CoxRiskSets.State.takeRisk`): a state's pass 2
    // is made before the next state is evaluated over its risks.
    let zero = [Double](repeating: 0, count: p)
    var state = data.evaluate(zero)
    let nullLogLikelihood = state.logLikelihood
    guard nullLogLikelihood.isFinite else {
      throw FitError.didNotConverge(iterations: 0, lastStepNorm: .nan)
    }
    let monotone = MonotoneLikelihood(null: state, range: prepared.range, names: featureNames)
    if let start, start.count == p, start.allSatisfy(\.isFinite) {
      let null = penalised(state)
      var trial = data.evaluate(start, reusing: state.takeRisk())
      // (The null model's risks again if the start is worse: no pass over X.)
      state = penalised(trial) >= null ? trial : data.evaluate(zero, reusing: trial.takeRisk())
    }
    var (gradient, information) = data.derivatives(state)
    var iterations = 0
    var halvings = 0
    var rule = ConvergenceRule.maxIterations
    var lastStep = Double.infinity
    // Whether `gradient` and `information` belong to `state` (not when the fit stops on a
    // converged step before evaluating them at β + δ).
    var derivativesCurrent = true
    while iterations < convergence.maxIterations {
      var g = gradient
      var h = information
      for j in 0..<p {
        g[j] -= lambda * state.beta[j]
        h[j, j] += lambda
      }
      let factor: CholeskyFactorization
      do {
        factor = try CholeskyFactorization(h)
      } catch {
        // As in logistic regression: a failed factorisation once events dominate some risk
        // sets is the monotone likelihood taking the information to 0, not collinearity.
        if lambda == 0, monotone.isDominating(state) { throw monotone.error(state) }
        throw FitError.singularInformationMatrix(
          detail: "at iteration \(iterations) the information matrix is not positive definite"
            + " (\(error)); suspect collinearity or separation")
      }
      var step = factor.solve(g)
      guard step.allSatisfy(\.isFinite) else {
        throw FitError.didNotConverge(iterations: iterations, lastStepNorm: .nan)
      }
      let current = penalised(state)
      var trial = data.evaluate(zip(state.beta, step).map { $0 + $1 }, reusing: state.takeRisk())
      // Step halving; a decrease within rounding of ℓ is accepted (at the optimum a Newton
      // step cannot raise ℓ by more than its last few bits).
      var tries = 0
      while !(penalised(trial) >= current - 1e-13 * abs(current)) {
        tries += 1
        guard tries <= 40 else {
          throw FitError.didNotConverge(
            iterations: iterations, lastStepNorm: step.map(abs).max() ?? 0)
        }
        for j in 0..<p { step[j] *= 0.5 }
        trial = data.evaluate(zip(state.beta, step).map { $0 + $1 }, reusing: trial.takeRisk())
      }
      halvings += tries
      iterations += 1
      let previous = current
      state = trial
      lastStep = step.map(abs).max() ?? 0
      if tries == 0, convergence.stepIsConverged(step) {
        // β + δ is converged: its log-likelihood (for the baseline and the scores) comes from
        // pass 1 alone, and the information of β stands in for that of β + δ, as in lifelines.
        rule = .stepNorm
        derivativesCurrent = false
        break
      }
      (gradient, information) = data.derivatives(state)
      if lastStep < convergence.stepTolerance {
        rule = .stepNorm
        break
      }
      let now = penalised(state)
      if abs(now - previous) <= convergence.relativeLogLikelihoodTolerance * abs(previous) {
        rule = .relativeLogLikelihood
        break
      }
    }

    // MARK: Results
    // Nothing below reads the risks (the concordance's scores take their place).
    state.risk = []
    var diagnostics: [FitWarning] = []
    if halvings > 0 { diagnostics.append(.stepHalving(count: halvings)) }
    if rule == .maxIterations {
      diagnostics.append(
        .note(
          "Newton-Raphson stopped after \(iterations) iterations without converging"
            + " (last step \(lastStep))"))
    }
    // Without a penalty, events that dominate every risk set they are in mean no finite
    // maximum exists (as perfect separation in logistic regression).
    if lambda == 0, monotone.isComplete(state) { throw monotone.error(state) }
    var h = information
    for j in 0..<p { h[j, j] += lambda }
    let factor = try FitError.factoring(information: h) {
      "the information matrix at the estimate is not positive definite (\($0))"
    }
    let covariance = factor.inverse()
    diagnostics += FitWarning.conditioning(of: factor)
    if lambda == 0, derivativesCurrent,
      let feature = monotone.divergingFeature(
        state, nextStep: covariance.multiplied(by: gradient))
    {
      diagnostics.append(.monotoneLikelihood(feature: feature))
    }
    let beta = state.beta
    let baseline = prepared.baseline(state: state, beta: beta)

    // Concordance on the training rows, scored like lifelines: −exp(x β) of the centred
    // covariates (lifelines centres too; the shift by x̄ β does not change any order), each
    // row's x β summed in the same order so identical rows tie exactly. Rows after the last
    // risk set are censored before every event time, so no pair with them is comparable and
    // their score is irrelevant (0).
    let concordance = metricTurns.run { () -> Double in
      var scores = [Double](repeating: 0, count: n)
      scores.withUnsafeMutableBufferPointer { sp in
        let out = SendablePointer(sp.start)
        Parallel.forEachChunk(data.active) { chunk in
          data.centredLinearPredictor(rows: chunk, beta: beta) { m, eta in
            out.pointer[prepared.order[m]] = -exp(eta)
          }
        }
      }
      if let weights, positiveRows < n {
        // Rows of weight 0 are left out, as if they were not there.
        let kept = (0..<n).filter { weights[$0] > 0 }
        return Concordance.index(
          durations: kept.map { durations[$0] }, scores: kept.map { scores[$0] },
          events: kept.map { events[$0] })
      } else {
        return Concordance.index(durations: durations, consuming: consume scores, events: events)
      }
    }

    return CoxFit(
      core: FitCore(
        featureNames: featureNames, coefficients: beta, covariance: covariance,
        logLikelihood: state.logLikelihood, observations: n, iterations: iterations,
        convergenceRule: rule, diagnostics: diagnostics),
      fields: .init(
        nullLogLikelihood: nullLogLikelihood, events: eventCount, ties: ties, l2: l2,
        concordance: concordance, baseline: baseline, trainingMean: prepared.mean))
  }
}
