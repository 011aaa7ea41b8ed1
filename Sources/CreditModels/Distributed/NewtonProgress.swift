import LinearAlgebra

/// Newton-Raphson with step halving, one evaluation at a time: the fit of a model whose
/// log-likelihood, gradient and information come from sums over shards (`NewtonSums`).
///
/// Each round the shards evaluate their rows at `trial`; `advance` takes the summed (and,
/// where the model has one, penalised) objective there and says where to evaluate next. The
/// rules are those of the single-machine fits (`ConvergenceCriteria`): a step that lowers
/// the objective beyond rounding (`1e-13` relative) is halved; the fit stops when a new
/// Newton step is below `stepTolerance` (it is then taken, and the information of the point
/// before it is kept, as in `LogisticRegression.fit`), when an accepted step is, or when a
/// full step changes the objective by less than `relativeLogLikelihoodTolerance`.
public struct NewtonProgress: Codable, Sendable, Equatable {
  /// Where the shards evaluate next (the estimate once `rule` is set).
  public private(set) var trial: [Double]
  /// The last accepted point, its objective, gradient and information.
  public private(set) var accepted: [Double]?
  public private(set) var objective: Double = -.infinity
  /// The log-likelihood at the accepted point, without any penalty.
  public private(set) var logLikelihood: Double = -.infinity
  public private(set) var gradient: [Double] = []
  public private(set) var information: [Double] = []
  /// The objective at the first point evaluated (the null model's, from the default start).
  public private(set) var startObjective: Double?
  /// The Newton step from `accepted`, and the fraction of it `trial` takes.
  var step: [Double] = []
  var scale = 1.0
  var halvingsThisStep = 0
  /// Newton steps and step halvings so far.
  public private(set) var iterations = 0
  public private(set) var halvings = 0
  /// Whether some step was damped (Levenberg) because the information was indefinite.
  public private(set) var damped = false
  /// The rule that ended the iteration; nil while it goes on.
  public private(set) var rule: ConvergenceRule?
  /// The stop rules.
  public let criteria: ConvergenceCriteria
  /// Whether an indefinite information is damped (Weibull) rather than an error.
  public let damping: Bool

  /// Largest number of halvings of one step (as `WeibullAFT.fit`).
  static let maximumHalvings = 60

  /// Starts at `start`.
  public init(start: [Double], criteria: ConvergenceCriteria = .init(), damping: Bool = false) {
    trial = start
    self.criteria = criteria
    self.damping = damping
  }

  /// Whether a stop rule has fired (`trial` is then the estimate).
  public var isFinished: Bool { rule != nil }

  /// Takes the objective, gradient and information at `trial` and moves on.
  /// - Parameter logLikelihood: the objective without its penalty (default: the objective).
  /// - Throws: `FitError.singularInformationMatrix` when the information cannot be factored,
  ///   `.didNotConverge` when no halving of a step keeps the objective.
  public mutating func advance(
    objective value: Double, logLikelihood ll: Double? = nil, gradient g: [Double],
    information h: Matrix
  ) throws {
    precondition(rule == nil, "the fit has finished")
    if startObjective == nil { startObjective = value }
    if let current = accepted {
      let slack = 1e-13 * max(1, abs(objective))
      guard value.isFinite, value >= objective - slack else {
        let fullNorm = step.reduce(0) { max($0, abs($1)) }
        guard halvingsThisStep < Self.maximumHalvings else {
          if fullNorm < 1e3 * criteria.stepTolerance {
            finish(.stepNorm, at: current)
            return
          }
          throw FitError.didNotConverge(iterations: iterations, lastStepNorm: fullNorm)
        }
        scale /= 2
        halvings += 1
        halvingsThisStep += 1
        trial = zip(current, step).map { $0 + scale * $1 }
        return
      }
      let previous = objective
      accept(value, ll ?? value, g, h)
      let taken = scale * step.reduce(0) { max($0, abs($1)) }
      if taken < criteria.stepTolerance {
        finish(.stepNorm, at: trial)
        return
      }
      if scale == 1,
        abs(value - previous) <= criteria.relativeLogLikelihoodTolerance * abs(previous)
      {
        finish(.relativeLogLikelihood, at: trial)
        return
      }
    } else {
      guard value.isFinite else {
        throw FitError.invalidInput("the log-likelihood is not finite at the starting values")
      }
      accept(value, ll ?? value, g, h)
    }
    guard iterations < criteria.maxIterations else {
      finish(.maxIterations, at: trial)
      return
    }
    let factor: CholeskyFactorization
    if damping {
      let (f, shifted) = try WeibullAFT.factorise(h)
      factor = f
      damped = damped || shifted
    } else {
      do {
        factor = try CholeskyFactorization(h)
      } catch {
        throw FitError.singularInformationMatrix(
          detail: "at iteration \(iterations) the information matrix is not positive definite"
            + " (\(error))")
      }
    }
    step = factor.solve(g)
    iterations += 1
    let base = trial
    if criteria.stepIsConverged(step) {
      finish(.stepNorm, at: zip(base, step).map { $0 + $1 })
      return
    }
    scale = 1
    halvingsThisStep = 0
    trial = zip(base, step).map { $0 + $1 }
  }

  private mutating func accept(_ value: Double, _ ll: Double, _ g: [Double], _ h: Matrix) {
    accepted = trial
    objective = value
    logLikelihood = ll
    gradient = g
    information = h.elements
  }

  private mutating func finish(_ rule: ConvergenceRule, at point: [Double]) {
    self.rule = rule
    trial = point
  }

  /// The information at the last accepted point, as a matrix.
  public var informationMatrix: Matrix {
    Matrix(rows: gradient.count, columns: gradient.count, elements: information)
  }

  /// The diagnostics a single-machine fit gives for the same iteration.
  public var notes: [FitWarning] {
    FitWarning.newtonNotes(
      converged: rule != .maxIterations, iterations: iterations, halvings: halvings,
      damped: damped)
  }
}
