import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Weibull accelerated failure time regression, lifelines' `WeibullAFTFitter` parametrisation.
///
/// ```
/// λᵢ = exp(xᵢ · β)      (the design includes the intercept column)
/// ρ  = exp(a)           (one log-shape parameter, no covariates)
/// S(t | xᵢ) = exp(−(t / λᵢ)^ρ)
/// ```
///
/// Fitting maximises the full right-censored log-likelihood (the `−log t` terms of the density
/// included, as lifelines reports it) by Newton-Raphson on `(β, a)` with the analytic gradient
/// and Hessian, step halving, and the stop rules of `ConvergenceCriteria`.
///
/// Usage:
/// ```
/// let fit = try WeibullAFT().fit(
///   x, durations: days, events: paid, featureNames: ["Intercept", "log_amount"],
///   interceptIndex: 0)
/// let medianDays = fit.predictMedian(x)
/// ```
public struct WeibullAFT: Sendable, NewtonFitter {
  /// The ridge penalty on the non-intercept coefficients of `β`, the stop rules and the rank
  /// check (of the weighted design).
  ///
  /// The fit maximises `ℓ(β, a) − (l2 / 2) Σ_{j ≠ intercept} β_j²`; the intercept and `log ρ`
  /// are not penalised.
  public var settings = NewtonSettings()

  /// An unpenalised Weibull AFT regression with the default stop rules;
  /// `init(l2:convergence:)` (from `NewtonFitter`) sets them.
  public init() {}

  /// Fits the model to right-censored durations.
  ///
  /// - Parameters:
  ///   - x: the n x p design, intercept column included (`interceptIndex`).
  ///   - durations: time to the event or to censoring, each finite and > 0. Taken over: a
  ///     caller that hands over its only copy has it turned into the fit's log durations
  ///     where it is (no second array of n values while the fit runs).
  ///   - events: `true` when the event (payment) was observed, `false` when censored (open).
  ///   - weights: optional non-negative case weights multiplying each row's log-likelihood.
  ///     A row of weight 0 is a no-op: the fit equals the fit without it.
  ///   - featureNames: one name per column of `x`, used in errors and the summary.
  ///   - interceptIndex: the column of ones, if any (used for starting values and `l2`).
  ///   - start: starting values `(β, log ρ)`, e.g. from a fit on a subsample of the rows (a
  ///     good start saves Newton iterations on a large design). Used when the penalised
  ///     log-likelihood there is at least that of the exponential start; the least-squares
  ///     start is then skipped. The estimate does not depend on the start beyond the stop
  ///     rules' tolerances.
  /// - Returns: the fitted model.
  /// - Throws: `FitError.invalidInput` (no rows, no events, a non-positive or non-finite
  ///   duration, a bad weight or design value, naming the row; fewer rows of positive weight
  ///   than parameters); `FitError.constantColumns`, `FitError.collinearColumns` naming
  ///   dependent columns (judged on centred, scaled columns when there is an intercept); `FitError.singularInformationMatrix` when the information is not
  ///   positive definite at the optimum; `FitError.didNotConverge` when no step increases the
  ///   likelihood before the optimum is reached.
  /// - Complexity: O(n p²) per Newton iteration, one fused pass over `x` (η, log-likelihood,
  ///   gradient and information together; see `WeibullAFT+Likelihood.swift`), plus an O(n p)
  ///   value-only pass per halved step; typically 5-10 iterations. Before iterating: the rank
  ///   check (`gram`) and the least-squares start (one pass, plus a value-only pass).
  public func fit(
    _ x: DesignMatrix, durations: consuming [Double], events: [Bool], weights: [Double]? = nil,
    featureNames: [String], interceptIndex: Int?,
    start: (coefficients: [Double], logRho: Double)? = nil
  ) throws -> WeibullFit {
    let totals = try validated(
      x, durations, atLeast: 0, events: events, weights: weights, featureNames: featureNames,
      interceptIndex: interceptIndex)
    // The durations' own storage holds their logs.
    var logT = consume durations
    Parallel.update(&logT) { log($0) }
    return try fit(
      x, logT: LogDurations(logs: logT), totals: totals, events: events, weights: weights,
      featureNames: featureNames, interceptIndex: interceptIndex, start: start)
  }

  /// The fit to the durations `max(days[i], floor)` (days, a payment on the issue day taken as
  /// `floor`).
  ///
  /// `fit(_:durations:events:weights:featureNames:interceptIndex:start:)` of those durations,
  /// with no array of their logs when the days are whole numbers from 0 to 2²⁰: each row's
  /// log is then read from a table of each day's, through the days where the caller keeps
  /// them (training's sample: 8 bytes a row less while the fit runs). Other days are fitted
  /// through an array of the durations. The same logs of the same durations, so the same fit
  /// to the bit.
  package func fit(
    _ x: DesignMatrix, days: [Double], atLeast floor: Double, events: [Bool],
    weights: [Double]? = nil, featureNames: [String], interceptIndex: Int?,
    start: (coefficients: [Double], logRho: Double)? = nil
  ) throws -> WeibullFit {
    precondition(floor > 0, "the shortest duration must be positive")
    guard let logT = LogDurations(days: days, atLeast: floor) else {
      return try fit(
        x, durations: days.map { max($0, floor) }, events: events, weights: weights,
        featureNames: featureNames, interceptIndex: interceptIndex, start: start)
    }
    let totals = try validated(
      x, days, atLeast: floor, events: events, weights: weights, featureNames: featureNames,
      interceptIndex: interceptIndex)
    return try fit(
      x, logT: logT, totals: totals, events: events, weights: weights,
      featureNames: featureNames, interceptIndex: interceptIndex, start: start)
  }

  /// The checks of a fit's input before its log durations are made (durations
  /// `max(durations[i], floor)`), and the weighted events and time they give.
  private func validated(
    _ x: DesignMatrix, _ durations: [Double], atLeast floor: Double, events: [Bool],
    weights: [Double]?, featureNames: [String], interceptIndex: Int?
  ) throws -> (events: Double, time: Double) {
    let n = x.observations
    let p = x.features
    precondition(durations.count == n, "durations: \(durations.count) values for \(n) rows")
    precondition(events.count == n, "events: \(events.count) values for \(n) rows")
    precondition(featureNames.count == p, "featureNames: \(featureNames.count) for \(p) columns")
    if let weights { precondition(weights.count == n, "weights: \(weights.count) for \(n) rows") }
    if let k = interceptIndex { precondition(k >= 0 && k < p, "interceptIndex out of range") }

    // MARK: Validation
    guard n > 0 else { throw FitError.invalidInput("no observations") }
    for i in 0..<n where !(max(durations[i], floor) > 0 && durations[i].isFinite) {
      throw FitError.invalidInput(
        "duration at row \(i) (0-based) is \(durations[i]); durations must be finite and > 0")
    }
    let positiveRows = try DesignRank.positiveRows(weights, count: n) { i, w in
      .invalidInput("weight at row \(i) (0-based) is \(w); weights must be finite and >= 0")
    }
    if !x.knownFinite, let bad = x.firstNonFinite() {
      throw FitError.invalidInput(
        "design value at row \(bad.row) (0-based), column '\(featureNames[bad.column])' is not finite"
      )
    }
    var weightedEvents = 0.0
    var weightedTime = 0.0
    for i in 0..<n {
      let wi = weights?[i] ?? 1
      if events[i] { weightedEvents += wi }
      weightedTime += wi * max(durations[i], floor)
    }
    guard weightedEvents > 0 else {
      throw FitError.invalidInput("no events (with positive weight): the likelihood has no maximum")
    }

    // MARK: Rank
    // p coefficients and log ρ; then the columns, centred and scaled when there is an
    // intercept (`DesignRank`).
    try DesignRank.requireRows(positiveRows, coefficients: p + 1)
    if checksRank {
      try DesignRank.verify(
        x, weights: weights, featureNames: featureNames, interceptIndex: interceptIndex)
    }

    return (weightedEvents, weightedTime)
  }

  /// The fit from its log durations, once its input is checked (`validated`).
  private func fit(
    _ x: DesignMatrix, logT: LogDurations, totals: (events: Double, time: Double),
    events: [Bool], weights: [Double]?, featureNames: [String], interceptIndex: Int?,
    start: (coefficients: [Double], logRho: Double)?
  ) throws -> WeibullFit {
    let n = x.observations
    let p = x.features
    let (weightedEvents, weightedTime) = totals
    let problem = Problem(
      x: x, logT: logT, events: events, weights: weights, l2: l2,
      penalised: (0..<p).map { $0 != interceptIndex })

    // MARK: Starting values
    // (1) Exponential MLE: ρ = 1, intercept = log(Σ w t / Σ w d), other β = 0. η is constant,
    //     so its log-likelihood has the closed form −Σ w d (1 + intercept) (without an
    //     intercept, β = 0 and ρ = 1: −Σ w t); no pass over X.
    // (2) Least squares of log t on X over the events: log T = x·β + ε/ρ with ε standard
    //     minimum-Gumbel (mean −γ, variance π²/6), so ρ ≈ π / (σ √6) from the residual SD and
    //     the intercept is shifted by +γ/ρ. Censoring biases (2) low, so both are tried and
    //     the one with the larger likelihood wins.
    var origin: (beta: [Double], a: Double, objective: Double)
    if let k = interceptIndex {
      var b0 = [Double](repeating: 0, count: p)
      b0[k] = log(weightedTime / weightedEvents)
      origin = (b0, 0, -weightedEvents * (1 + b0[k]))
    } else {
      origin = ([Double](repeating: 0, count: p), 0, -weightedTime)
    }
    // (3) A given start, evaluated with derivatives: if it is at least as good as (1), the
    //     Newton iterations begin there and (2) is not needed.
    var evaluated: Evaluation?
    if let start, start.coefficients.count == p, start.logRho.isFinite,
      start.coefficients.allSatisfy(\.isFinite),
      case let evaluation = problem.evaluate(
        beta: start.coefficients, a: start.logRho, derivatives: true),
      evaluation.objective.isFinite, !(origin.objective > evaluation.objective)
    {
      origin = (start.coefficients, start.logRho, evaluation.objective)
      evaluated = evaluation
    }
    if evaluated == nil, let ls = problem.leastSquaresStart(interceptIndex: interceptIndex) {
      let value = problem.evaluate(beta: ls.beta, a: ls.a, derivatives: false).objective
      if value.isFinite, !(origin.objective.isFinite && value <= origin.objective) {
        origin = (ls.beta, ls.a, value)
      }
    }
    guard origin.objective.isFinite else {
      throw FitError.invalidInput("the log-likelihood is not finite at any starting value")
    }

    // MARK: Newton-Raphson with step halving
    // Each iteration makes one fused pass over X, at the trial point: it returns the value
    // for the step test and, if the step is accepted, the derivatives for the next step.
    // Halved steps are tested with value-only passes, then the accepted point gets a full one.
    var current = (
      beta: origin.beta, a: origin.a,
      evaluation: evaluated ?? problem.evaluate(beta: origin.beta, a: origin.a, derivatives: true)
    )
    var diagnostics: [FitWarning] = []
    var halvings = 0
    var damped = false
    var iterations = 0
    var rule = ConvergenceRule.maxIterations
    let maxHalvings = 60
    while iterations < convergence.maxIterations {
      iterations += 1
      let objective = current.evaluation.objective
      let (factor, shifted) = try Self.factorise(current.evaluation.information)
      damped = damped || shifted
      let step = factor.solve(current.evaluation.gradient)
      let fullNorm = step.reduce(0) { max($0, abs($1)) }
      if convergence.stepIsConverged(step) {
        // (β, a) + δ is converged; a pass there would only confirm it. The log-likelihood and
        // information reported are those of the current point, as in lifelines.
        current.beta = (0..<p).map { current.beta[$0] + step[$0] }
        current.a += step[p]
        rule = .stepNorm
        break
      }
      var scale = 1.0
      var accepted: (beta: [Double], a: Double, evaluation: Evaluation)?
      // Accept any finite point that does not lower the objective beyond rounding noise.
      let slack = 1e-13 * max(1, abs(objective))
      for attempt in 0...maxHalvings {
        if attempt > 0 {
          scale /= 2
          halvings += 1
        }
        let beta = (0..<p).map { current.beta[$0] + scale * step[$0] }
        let a = current.a + scale * step[p]
        let evaluation = problem.evaluate(beta: beta, a: a, derivatives: attempt == 0)
        let value = evaluation.objective
        if value.isFinite && value >= objective - slack {
          accepted = (beta, a, evaluation)
          break
        }
      }
      guard var next = accepted else {
        // No halving helps: at the optimum this is rounding noise; elsewhere a failure.
        if fullNorm < 1e3 * convergence.stepTolerance {
          rule = .stepNorm
          break
        }
        throw FitError.didNotConverge(iterations: iterations, lastStepNorm: fullNorm)
      }
      if !next.evaluation.hasDerivatives {
        next.evaluation = problem.evaluate(beta: next.beta, a: next.a, derivatives: true)
      }
      current = next
      if scale * fullNorm < convergence.stepTolerance {
        rule = .stepNorm
        break
      }
      if scale == 1,
        abs(current.evaluation.objective - objective)
          <= convergence.relativeLogLikelihoodTolerance * abs(objective)
      {
        rule = .relativeLogLikelihood
        break
      }
    }
    let converged = rule != .maxIterations
    diagnostics += FitWarning.newtonNotes(
      converged: converged, iterations: iterations, halvings: halvings, damped: damped)

    // MARK: Covariance
    let factor = try FitError.factoring(information: current.evaluation.information) {
      "observed information is not positive definite at the estimate (\($0))"
    }
    diagnostics += FitWarning.conditioning(of: factor)
    var covariance = factor.inverse()
    if let c = interceptIndex,
      let shift = CentredCovariance.shift(
        information: current.evaluation.information, columns: p, intercept: c, x: x,
        firstRow: weights?.firstIndex { $0 > 0 } ?? 0)
    {
      covariance =
        try problem.shiftedCovariance(
          beta: current.beta, a: current.a, information: current.evaluation.information,
          shift: shift, intercept: c) ?? covariance
    }
    return WeibullFit(
      core: FitCore(
        featureNames: featureNames, coefficients: current.beta, covariance: covariance,
        logLikelihood: current.evaluation.logLikelihood, observations: n, iterations: iterations,
        convergenceRule: rule, diagnostics: diagnostics),
      fields: .init(
        logRho: current.a, events: events.reduce(0) { $0 + ($1 ? 1 : 0) },
        interceptIndex: interceptIndex,
        maxAbsGradient: current.evaluation.gradient.reduce(0) { max($0, abs($1)) }))
  }

  /// Cholesky of the information matrix; if it is not positive definite (possible far from
  /// the optimum, where the log-likelihood in `(β, a)` need not be concave), adds a growing
  /// multiple of the identity (Levenberg damping) until it is.
  static func factorise(_ information: Matrix) throws -> (CholeskyFactorization, Bool) {
    if let f = try? CholeskyFactorization(information) { return (f, false) }
    let k = information.rows
    let scale = max(1, information.diagonal.map(abs).max() ?? 1)
    var shift = 1e-8 * scale
    for _ in 0..<30 {
      var m = information
      for j in 0..<k { m[j, j] += shift }
      if let f = try? CholeskyFactorization(m) { return (f, true) }
      shift *= 10
    }
    throw FitError.singularInformationMatrix(
      detail: "information matrix stays indefinite after damping")
  }
}
