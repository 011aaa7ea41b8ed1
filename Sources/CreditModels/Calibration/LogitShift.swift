#if canImport(Glibc)
  import Glibc
#endif

/// Calibration in the large: the shift `c` of a model's log-odds that makes its mean
/// prediction on other rows match their outcomes.
///
/// ```
/// logit q = η + c,   c = argmax Σᵢ [yᵢ (ηᵢ + c) − softplus(ηᵢ + c)]
/// ```
///
/// It is a logistic regression with the model's linear predictor `η` as an offset and an
/// intercept only (statsmodels' `GLM(y, 1, offset=η, family=Binomial())`), so at the
/// estimate `Σ σ(ηᵢ + c) = Σ yᵢ`. The map is strictly increasing and the same for every row:
/// it moves the mean and keeps every ranking (and AUC) as it was.
public struct LogitShift: Sendable {
  /// When to stop: the step in `c` below `convergence.stepTolerance`, or
  /// `convergence.maxIterations` (then `FitError.didNotConverge`).
  public var convergence: ConvergenceCriteria

  public init(convergence: ConvergenceCriteria = ConvergenceCriteria()) {
    self.convergence = convergence
  }

  /// Fits the shift on linear predictors `eta` and their outcomes.
  ///
  /// Newton on a one-dimensional concave log-likelihood, halving a step after which the
  /// derivative is larger in size than before (a far start can overshoot where `σ` is flat).
  /// The derivative, not the log-likelihood, decides: near the optimum a sum of hundreds of
  /// log-likelihood terms changes by less than its rounding, and a comparison of those sums
  /// would halve good steps to nothing and stop early. From `c = 0`, 3-6 iterations.
  /// - Throws: `FitError.invalidInput` for no rows, a non-finite `eta` or an outcome other than
  ///   0 or 1, or only one outcome (the maximum is then at ±∞); `.didNotConverge`.
  /// - Complexity: O(n) per iteration.
  public func fit(linearPredictors eta: [Double], outcomes y: [Double]) throws -> LogitShiftFit {
    precondition(eta.count == y.count, "eta and outcomes differ in length")
    guard !eta.isEmpty else { throw FitError.invalidInput("no rows to fit the shift on") }
    guard eta.allSatisfy(\.isFinite) else {
      throw FitError.invalidInput("a linear predictor is not finite")
    }
    guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else {
      throw FitError.invalidInput("outcomes must be 0 or 1")
    }
    let events = y.reduce(0, +)
    guard events > 0 && events < Double(y.count) else {
      throw FitError.invalidInput(
        "the outcomes are all \(events > 0 ? 1 : 0); the shift is infinite")
    }
    var c = 0.0
    var state = Self.pass(eta, y, c)
    for iteration in 1...convergence.maxIterations {
      var step = state.gradient / state.information
      var next = Self.pass(eta, y, c + step)
      var halvings = 0
      while abs(next.gradient) > abs(state.gradient) && halvings < 30 {
        step /= 2
        halvings += 1
        next = Self.pass(eta, y, c + step)
      }
      c += step
      state = next
      if abs(step) < convergence.stepTolerance {
        return LogitShiftFit(
          shift: c, standardError: 1 / state.information.squareRoot(),
          logLikelihood: state.logLikelihood, rows: y.count,
          events: Int(events), iterations: iteration)
      }
    }
    throw FitError.didNotConverge(
      iterations: convergence.maxIterations, lastStepNorm: abs(state.gradient / state.information))
  }

  /// The log-likelihood, its derivative in `c` and the information at `c`.
  ///
  /// `log σ(t) = −softplus(−t)` and `log(1 − σ(t)) = −softplus(t)`, with
  /// `softplus(t) = max(t, 0) + log1p(exp(−|t|))`, so no row overflows or loses a tiny
  /// probability.
  static func pass(_ eta: [Double], _ y: [Double], _ c: Double) -> (
    logLikelihood: Double, gradient: Double, information: Double
  ) {
    var (l, g, h) = (0.0, 0.0, 0.0)
    for i in eta.indices {
      let t = eta[i] + c
      let softplus = max(t, 0) + log1p(exp(-abs(t)))
      let p = LogisticFit.sigmoid(t)
      l += y[i] * t - softplus
      g += y[i] - p
      h += p * (1 - p)
    }
    return (l, g, h)
  }
}

/// A fitted `LogitShift`: `logit q = η + shift`.
public struct LogitShiftFit: Codable, Sendable, Equatable {
  /// The shift `c` of the log-odds.
  public var shift: Double
  /// Its standard error `1 / √(Σ q (1 − q))` at the estimate.
  public var standardError: Double
  /// The log-likelihood `Σ [y log q + (1 − y) log(1 − q)]` at the estimate.
  public var logLikelihood: Double
  /// Rows and events (outcomes of 1) it was fitted on.
  public var rows: Int
  public var events: Int
  /// Newton iterations taken.
  public var iterations: Int

  /// The calibrated probability of a row with linear predictor `eta`: `σ(η + shift)`.
  @inlinable public func probability(linearPredictor eta: Double) -> Double {
    LogisticFit.sigmoid(eta + shift)
  }
}
