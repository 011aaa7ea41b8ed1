import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A mixture-cure time-to-payment model: who ever pays (logistic incidence) and, among
/// payers, when (Weibull AFT latency, lifelines' parametrisation).
///
/// ```
/// π(z) = σ(z · γ)                          P(the invoice is ever paid)
/// S_u(t | x) = exp(−(t / λ)^ρ),  λ = exp(x · β),  ρ = exp(a)     among payers
/// S(t | z, x) = 1 − π + π S_u(t | x)       the population survival (unpaid at t)
/// ```
///
/// Fitting maximises the full log-likelihood of right-censored durations: a payment at t
/// contributes `log π + log f_u(t)` (the `−log t` of the density included, as lifelines), an
/// open invoice at t `log(1 − π + π S_u(t))`, an invoice known never to be paid (a write-off)
/// `log(1 − π)`: it is not susceptible. The maximisation is direct Newton-Raphson on all of
/// `(γ, β, a)` with the analytic gradient and observed information (derived in
/// `MixtureCure+Likelihood.swift`), Levenberg damping where the information is indefinite
/// (the likelihood is not concave far from the optimum), at most `maximumStep` per coordinate
/// per iteration, and step halving; standard errors are the square roots of the inverse
/// observed information at the estimate. Rows of weight 0 are no-ops.
///
/// Usage:
/// ```
/// let fit = try MixtureCure().fit(
///   x, durations: days, events: paid, neverPays: writtenOff,
///   featureNames: ["Intercept", "log_amount"], interceptIndex: 0)
/// let pEver = fit.predictPaidEver(x, age: ages)
/// ```
public struct MixtureCure: Sendable {
  /// Stop rules; the rule that fired is recorded in the fit.
  public var convergence: ConvergenceCriteria

  /// Largest change of any parameter in one Newton iteration: 5 units of a log-odds or log-time
  /// coefficient is far beyond any real step near the optimum (where steps shrink
  /// quadratically) and keeps a first step from a poor start out of the region where the
  /// likelihood is flat (π → 0 or 1).
  static let maximumStep = 5.0

  /// - Parameter convergence: stop rules (defaults documented on `ConvergenceCriteria`).
  public init(convergence: ConvergenceCriteria = ConvergenceCriteria()) {
    self.convergence = convergence
  }

  /// Fits the model with the same design for the incidence and the latency parts.
  /// - Parameters: see `fit(incidence:latency:...)`.
  public func fit(
    _ x: DesignMatrix, durations: [Double], events: [Bool], neverPays: [Bool]? = nil,
    weights: [Double]? = nil, featureNames: [String], interceptIndex: Int?
  ) throws -> MixtureCureFit {
    try fit(
      incidence: x, latency: x, durations: durations, events: events, neverPays: neverPays,
      weights: weights, incidenceNames: featureNames, latencyNames: featureNames,
      incidenceIntercept: interceptIndex, latencyIntercept: interceptIndex)
  }

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - incidence: the n x q design of the logistic part `π = σ(z · γ)`, intercept included.
  ///   - latency: the n x p design of the payers' Weibull scale `log λ = x · β`, intercept
  ///     included (may be the same design as `incidence`).
  ///   - durations: time from the origin (e.g. the issue date) to payment, or to the end of
  ///     observation for an open invoice; finite and > 0 (not read for write-offs).
  ///   - events: `true` when the payment was observed.
  ///   - neverPays: `true` for invoices known never to be paid (written off), which enter as
  ///     not susceptible; nil when no such flag exists (the model then infers the never-pay
  ///     share from the open invoices alone).
  ///   - weights: non-negative case weights, nil for all 1; a row of weight 0 is a no-op.
  ///   - incidenceNames, latencyNames: one name per column of each design.
  ///   - incidenceIntercept, latencyIntercept: the columns of ones, if any (used for the
  ///     starting values and the centred rank checks).
  /// - Returns: the fitted model.
  /// - Throws: `FitError.invalidInput` (a bad duration, weight, flag or design value, naming
  ///   the row; no payments; nothing open or written off, so the never-pay share is not
  ///   identified; too few rows), `.constantColumns` and `.collinearColumns` for either
  ///   design, `.singularInformationMatrix`, `.didNotConverge` when no step improves the
  ///   likelihood before the optimum.
  /// - Complexity: O(n (q + p)²) per Newton iteration (one pass over both designs), plus the
  ///   Weibull start on the payments.
  public func fit(
    incidence z: DesignMatrix, latency x: DesignMatrix, durations: [Double], events: [Bool],
    neverPays: [Bool]? = nil, weights: [Double]? = nil, incidenceNames: [String],
    latencyNames: [String], incidenceIntercept: Int?, latencyIntercept: Int?
  ) throws -> MixtureCureFit {
    let n = durations.count
    precondition(z.observations == n && x.observations == n, "designs do not match the rows")
    precondition(events.count == n, "events: \(events.count) values for \(n) rows")
    precondition(neverPays == nil || neverPays?.count == n, "neverPays does not match the rows")
    precondition(weights == nil || weights?.count == n, "weights do not match the rows")
    precondition(incidenceNames.count == z.features, "one incidence name per column")
    precondition(latencyNames.count == x.features, "one latency name per column")

    let data = try Self.validate(
      z: z, x: x, durations: durations, events: events, neverPays: neverPays, weights: weights,
      incidenceNames: incidenceNames, latencyNames: latencyNames)
    try DesignRank.verify(
      z, weights: weights, featureNames: incidenceNames, interceptIndex: incidenceIntercept)
    try DesignRank.verify(
      x, weights: weights, featureNames: latencyNames, interceptIndex: latencyIntercept)
    // The likelihood reads every column where it is stored.
    let problem = CureProblem(
      z: z.storingEveryColumn(), x: x.storingEveryColumn(), logT: data.logT, outcome: data.outcome,
      weights: weights)

    var theta = try Self.start(
      problem, durations: durations, events: events, weights: weights,
      latencyNames: latencyNames, incidenceIntercept: incidenceIntercept,
      latencyIntercept: latencyIntercept)
    let newton = try newtonRaphson(problem, from: &theta)

    // MARK: Covariance
    let factor = try FitError.factoring(information: newton.evaluation.information) {
      "observed information is not positive definite at the estimate (\($0));"
        + " the never-pay share may not be identified (too little follow-up after payments)"
    }
    var diagnostics = newton.diagnostics
    diagnostics += FitWarning.conditioning(of: factor)
    let covariance = factor.inverse()
    let q = z.features
    let p = x.features
    if newton.derivativesCurrent,
      let j = Self.divergingParameter(
        theta, nextStep: covariance.multiplied(by: newton.evaluation.gradient))
    {
      let names =
        incidenceNames.map { "incidence: \($0)" } + latencyNames.map { "latency: \($0)" }
        + ["log_rho"]
      diagnostics.append(.divergingParameter(name: names[j]))
    }
    return MixtureCureFit(
      incidenceNames: incidenceNames, latencyNames: latencyNames,
      incidenceCoefficients: Array(theta[..<q]), latencyCoefficients: Array(theta[q..<(q + p)]),
      logRho: theta[q + p], covariance: covariance,
      logLikelihood: newton.evaluation.logLikelihood, iterations: newton.iterations,
      converged: newton.rule != .maxIterations, convergenceRule: newton.rule,
      diagnostics: diagnostics, observations: n, events: data.events,
      neverPays: data.neverPays,
      maxAbsGradient: newton.evaluation.gradient.reduce(0) { max($0, abs($1)) })
  }

  // MARK: - Newton-Raphson

  /// Newton-Raphson with Levenberg damping, a step cap and step halving, from `theta`.
  func newtonRaphson(_ problem: CureProblem, from theta: inout [Double]) throws -> (
    evaluation: CureEvaluation, iterations: Int, rule: ConvergenceRule,
    diagnostics: [FitWarning], derivativesCurrent: Bool
  ) {
    var current = problem.evaluate(theta, derivatives: true)
    guard current.logLikelihood.isFinite else {
      throw FitError.invalidInput("the log-likelihood is not finite at the starting values")
    }
    var halvings = 0
    var damped = false
    var iterations = 0
    var rule = ConvergenceRule.maxIterations
    var derivativesCurrent = true
    while iterations < convergence.maxIterations {
      iterations += 1
      let objective = current.logLikelihood
      let (factor, shifted) = try WeibullAFT.factorise(current.information)
      damped = damped || shifted
      var step = factor.solve(current.gradient)
      let fullNorm = step.reduce(0) { max($0, abs($1)) }
      if !shifted, convergence.stepIsConverged(step) {
        // θ + δ is converged; the log-likelihood and information reported are θ's.
        for j in theta.indices { theta[j] += step[j] }
        rule = .stepNorm
        derivativesCurrent = false
        break
      }
      if fullNorm > Self.maximumStep {
        for j in step.indices { step[j] *= Self.maximumStep / fullNorm }
      }
      var scale = 1.0
      var accepted: ([Double], CureEvaluation)?
      let slack = 1e-13 * max(1, abs(objective))
      for attempt in 0...60 {
        if attempt > 0 {
          scale /= 2
          halvings += 1
        }
        let trial = theta.indices.map { theta[$0] + scale * step[$0] }
        let evaluation = problem.evaluate(trial, derivatives: attempt == 0)
        if evaluation.logLikelihood.isFinite, evaluation.logLikelihood >= objective - slack {
          accepted = (trial, evaluation)
          break
        }
      }
      guard var (next, evaluation) = accepted else {
        if fullNorm < 1e3 * convergence.stepTolerance {
          rule = .stepNorm
          break
        }
        throw FitError.didNotConverge(iterations: iterations, lastStepNorm: fullNorm)
      }
      if !evaluation.hasDerivatives { evaluation = problem.evaluate(next, derivatives: true) }
      swap(&theta, &next)
      current = evaluation
      let taken = scale * step.reduce(0) { max($0, abs($1)) }
      if taken < convergence.stepTolerance {
        rule = .stepNorm
        break
      }
      if scale == 1, !shifted,
        abs(current.logLikelihood - objective)
          <= convergence.relativeLogLikelihoodTolerance * abs(objective)
      {
        rule = .relativeLogLikelihood
        break
      }
    }
    let diagnostics = FitWarning.newtonNotes(
      converged: rule != .maxIterations, iterations: iterations, halvings: halvings,
      damped: damped)
    return (current, iterations, rule, diagnostics, derivativesCurrent)
  }

  /// The parameter whose next Newton step `I⁻¹ ∇ℓ` at the estimate is still large, if any.
  ///
  /// After a regular fit that step is below 10⁻⁹ (quadratic convergence). When the likelihood
  /// has no finite maximum in some direction (a group of rows whose never-pay share is 0 or 1,
  /// or a cure that the follow-up cannot tell from late payment), Newton keeps moving along it
  /// by about one unit per iteration while the relative change of ℓ becomes negligible, and the
  /// estimates and SEs along it are meaningless (R's `coxph` warns on the same test). Flagged
  /// when `|δ_j| > 10⁻³ max(1, |θ_j|)`; the largest such step is named.
  static func divergingParameter(_ theta: [Double], nextStep: [Double]) -> Int? {
    var best: (index: Int, ratio: Double)?
    for j in theta.indices {
      let ratio = abs(nextStep[j]) / max(1, abs(theta[j]))
      if ratio > 1e-3, ratio > best?.ratio ?? 0 { best = (j, ratio) }
    }
    return best?.index
  }
}
