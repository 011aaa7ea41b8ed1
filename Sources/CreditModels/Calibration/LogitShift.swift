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
  /// - Parameter weights: each row's weight (all 1 when nil).
  public func fit(linearPredictors eta: [Double], outcomes y: [Double], weights: [Double]? = nil)
    throws -> LogitShiftFit
  {
    precondition(eta.count == y.count, "eta and outcomes differ in length")
    precondition(weights.map { $0.count == y.count } ?? true, "one weight per row")
    guard !eta.isEmpty else { throw FitError.invalidInput("no rows to fit the shift on") }
    guard eta.allSatisfy(\.isFinite) else {
      throw FitError.invalidInput("a linear predictor is not finite")
    }
    let events = try Self.events(y)
    var c = 0.0
    var state = Self.pass(eta, y, c, weights)
    for iteration in 1...convergence.maxIterations {
      var step = state.gradient / state.information
      var next = Self.pass(eta, y, c + step, weights)
      var halvings = 0
      while abs(next.gradient) > abs(state.gradient) && halvings < 30 {
        step /= 2
        halvings += 1
        next = Self.pass(eta, y, c + step, weights)
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

  /// The events (outcomes of 1) of `y`, checked to be outcomes a shift can be fitted on.
  /// - Throws: `FitError.invalidInput` for an outcome other than 0 or 1, or outcomes all of
  ///   one value (the maximum is then at ±∞).
  static func events(_ y: [Double]) throws -> Double {
    guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else {
      throw FitError.invalidInput("outcomes must be 0 or 1")
    }
    let events = y.reduce(0, +)
    guard events > 0 && events < Double(y.count) else {
      throw FitError.invalidInput(
        "the outcomes are all \(events > 0 ? 1 : 0); the shift is infinite")
    }
    return events
  }

  /// The shift fitted with each group's rows weighted by how much they tell apart from each
  /// other, and its standard error clustered by group.
  ///
  /// Rows of one group (a customer) share its departures from the model: with `ρ` the
  /// correlation of two of its rows' Pearson residuals, `n` rows of a group carry the
  /// information of `n / (1 + (n − 1) ρ)` independent ones, and weighting each row by
  /// `1 / (1 + (n − 1) ρ)` is the generalised least squares weighting of a random group effect
  /// (a group of many rows counts as about `1/ρ`, not `n`). `ρ` is the moment estimate
  /// `Σ_g Σ_{i≠j∈g} rᵢ rⱼ / (Σ_g n_g (n_g − 1) · mean r²)` (within [0, 1]) from the residuals
  /// of the weighted fit, and the two are iterated to agree, from `ρ = 1` (every group counted
  /// once): from the unweighted fit a group with most of the rows would have the shift fitted
  /// to itself, its residuals centred on 0, and hide its own correlation. The fit records `ρ`
  /// (`groupCorrelation`) and the clustered standard error (`LogitShiftFit.usedShift` shrinks
  /// by it).
  /// - Throws: as `fit`.
  public func fitByGroups(linearPredictors eta: [Double], outcomes y: [Double], groups: [Int])
    throws -> LogitShiftFit
  {
    precondition(groups.count == y.count, "one group per row")
    var (weighted, weights, rho) = try Self.weightingGroups(
      groups, outcomes: y, fit: { try fit(linearPredictors: eta, outcomes: y, weights: $0) },
      probability: { fit, i in LogisticFit.sigmoid(eta[i] + fit.shift) })
    weighted.groupCorrelation = rho
    weighted.clusteredStandardError = Self.clusteredStandardError(
      linearPredictors: eta, outcomes: y, groups: groups, shift: weighted.shift, weights: weights)
    return weighted
  }

  /// The weighted fit and its group correlation iterated to agree (`fitByGroups`).
  ///
  /// From `ρ = 1`, `fit` with each row weighted `1 / (1 + (n − 1) ρ)`, then `ρ` again from the
  /// Pearson residuals at the fit's `probability` of each row, until `ρ` moves by less than
  /// 1e-4 or `correlationIterations` rounds. Returns the last fit, its weights and their `ρ`.
  static func weightingGroups<Fit>(
    _ groups: [Int], outcomes y: [Double], fit: ([Double]) throws -> Fit,
    probability: (Fit, Int) -> Double
  ) rethrows -> (fit: Fit, weights: [Double], correlation: Double) {
    let sizes = groupSizes(groups)
    var rho = 1.0
    var weights = groupWeights(sizes, correlation: rho)
    var weighted = try fit(weights)
    for _ in 0..<correlationIterations {
      let next = groupCorrelation(
        pearsonResiduals: y.indices.map { i in
          let q = probability(weighted, i)
          return (y[i] - q) / (q * (1 - q)).squareRoot()
        }, groups: groups)
      if abs(next - rho) < 1e-4 { break }
      rho = next
      weights = groupWeights(sizes, correlation: rho)
      weighted = try fit(weights)
    }
    return (weighted, weights, rho)
  }

  /// The most rounds of `fitByGroups`' weights and correlation.
  public static let correlationIterations = 30

  /// Each row's group numbered by first appearance (0, 1, ...), and how many groups: sums
  /// over groups then go in that order, whatever the labels and however a dictionary of them
  /// would be laid out.
  public static func denseGroups(_ groups: [Int]) -> (index: [Int], count: Int) {
    var number: [Int: Int] = [:]
    let index = groups.map { g in
      if let n = number[g] { return n }
      let n = number.count
      number[g] = n
      return n
    }
    return (index, number.count)
  }

  /// Each row's group's number of rows.
  public static func groupSizes(_ groups: [Int]) -> [Double] {
    let (index, count) = denseGroups(groups)
    var counts = [Double](repeating: 0, count: count)
    for g in index { counts[g] += 1 }
    return index.map { counts[$0] }
  }

  /// `1 / (1 + (n − 1) ρ)` for each row of a group of `n` rows.
  public static func groupWeights(_ sizes: [Double], correlation rho: Double) -> [Double] {
    sizes.map { 1 / (1 + ($0 - 1) * rho) }
  }

  /// The moment estimate of `ρ` from Pearson residuals (see `fitByGroups`), within [0, 1]; 0
  /// when no group has two rows.
  public static func groupCorrelation(pearsonResiduals r: [Double], groups: [Int]) -> Double {
    let (index, count) = denseGroups(groups)
    var sums = [(n: Double, sum: Double, squares: Double)](repeating: (0, 0, 0), count: count)
    for i in r.indices {
      sums[index[i]].n += 1
      sums[index[i]].sum += r[i]
      sums[index[i]].squares += r[i] * r[i]
    }
    var (cross, pairs, squares) = (0.0, 0.0, 0.0)
    for g in sums {
      cross += g.sum * g.sum - g.squares
      pairs += g.n * (g.n - 1)
      squares += g.squares
    }
    let meanSquare = squares / Double(max(r.count, 1))
    return pairs > 0 && meanSquare > 0 ? min(max(cross / pairs / meanSquare, 0), 1) : 0
  }

  /// The standard error of a fitted shift `c` clustered by group: the sandwich
  /// `√(G/(G−1) Σ_g u_g²) / I`, `u_g = Σ_{i∈g} wᵢ (yᵢ − qᵢ)` the group's score and
  /// `I = Σ wᵢ qᵢ (1 − qᵢ)`; nil with fewer than two groups.
  public static func clusteredStandardError(
    linearPredictors eta: [Double], outcomes y: [Double], groups: [Int], shift c: Double,
    weights: [Double]? = nil
  ) -> Double? {
    precondition(eta.count == y.count && groups.count == y.count, "one value per row")
    let (index, count) = denseGroups(groups)
    var scores = [Double](repeating: 0, count: count)
    var information = 0.0
    for i in eta.indices {
      let w = weights?[i] ?? 1
      let q = LogisticFit.sigmoid(eta[i] + c)
      information += w * q * (1 - q)
      scores[index[i]] += w * (y[i] - q)
    }
    let g = Double(count)
    guard g >= 2, information > 0 else { return nil }
    let meat = scores.reduce(0) { $0 + $1 * $1 } * g / (g - 1)
    return meat.squareRoot() / information
  }

  /// The log-likelihood, its derivative in `c` and the information at `c`.
  ///
  /// `log σ(t) = −softplus(−t)` and `log(1 − σ(t)) = −softplus(t)`, with
  /// `softplus(t) = max(t, 0) + log1p(exp(−|t|))`, so no row overflows or loses a tiny
  /// probability.
  static func pass(_ eta: [Double], _ y: [Double], _ c: Double, _ weights: [Double]? = nil) -> (
    logLikelihood: Double, gradient: Double, information: Double
  ) {
    var (l, g, h) = (0.0, 0.0, 0.0)
    for i in eta.indices {
      let w = weights?[i] ?? 1
      let t = eta[i] + c
      let softplus = max(t, 0) + log1p(exp(-abs(t)))
      let p = LogisticFit.sigmoid(t)
      l += w * (y[i] * t - softplus)
      g += w * (y[i] - p)
      h += w * (p * (1 - p))
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
  /// The standard error of `shift` clustered by group (`LogitShift.clusteredStandardError`);
  /// nil when not estimated (then `shift` is used as it is).
  public var clusteredStandardError: Double? = nil
  /// The correlation of a group's rows the weights came from (`LogitShift.fitByGroups`); nil
  /// when fitted unweighted.
  public var groupCorrelation: Double? = nil

  /// The shift used: `shift`, shrunk toward 0 by its clustered standard error `s` when it has
  /// one, `c · c² / (c² + s²)` (`LogitLineShiftFit.shrunk`), so rows that are mostly one
  /// group's move every row little.
  @inlinable public var usedShift: Double {
    guard let s = clusteredStandardError else { return shift }
    return LogitLineShiftFit.shrunk(shift, s)
  }

  /// The calibrated probability of a row with linear predictor `eta`: `σ(η + usedShift)`.
  @inlinable public func probability(linearPredictor eta: Double) -> Double {
    LogisticFit.sigmoid(eta + usedShift)
  }
}
