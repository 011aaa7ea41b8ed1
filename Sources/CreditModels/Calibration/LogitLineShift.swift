#if canImport(Glibc)
  import Glibc
#endif

/// A shift of a model's log-odds that moves along one row variable: `logit q = η + a + b (z − z̄)`,
/// fitted on other rows' outcomes, each estimate shrunk toward 0 by its standard error
/// clustered by group.
///
/// It is a logistic regression with the model's linear predictor `η` as an offset and two
/// columns, an intercept and the centred variable (statsmodels'
/// `GLM(y, [1, z − z̄], offset=η, family=Binomial())`); `z̄` is the rows' mean, so `a` is the
/// shift at the average row and the two estimates are nearly uncorrelated.
///
/// Rows of one group (a customer) are not independent: a customer that pays late pays late on
/// all its invoices. The rows are weighted by group as `LogitShift.fitByGroups` weights them,
/// and the standard errors are the sandwich ones clustered by group
/// (`V = I⁻¹ (G/(G−1) Σ_g u_g u_gᵀ) I⁻¹`, `u_g` the group's score), so rows that are mostly one
/// group count about as one observation. Each estimate `c` with standard error `s` is then
/// used as `c · c² / (c² + s²)`: the mean of a normal prior of variance `c²` and the estimate,
/// kept nearly whole when it is several standard errors from 0 and halved at one.
public struct LogitLineShift: Sendable {
  /// When to stop: the Newton step's largest coordinate below `convergence.stepTolerance`.
  public var convergence: ConvergenceCriteria

  public init(convergence: ConvergenceCriteria = ConvergenceCriteria()) {
    self.convergence = convergence
  }

  /// Fits the shift on linear predictors `eta`, variables `z`, outcomes `y` (0 or 1) and the
  /// group of each row.
  /// - Throws: `FitError.invalidInput` for no rows, non-finite inputs, outcomes not 0 or 1 or
  ///   all one value, fewer than two groups; `.didNotConverge`.
  public func fit(
    linearPredictors eta: [Double], variable z: [Double], outcomes y: [Double], groups: [Int]
  ) throws -> LogitLineShiftFit {
    let n = eta.count
    precondition(z.count == n && y.count == n && groups.count == n, "one value per row")
    guard n > 0 else { throw FitError.invalidInput("no rows to fit the shift on") }
    guard eta.allSatisfy(\.isFinite) && z.allSatisfy(\.isFinite) else {
      throw FitError.invalidInput("a linear predictor or variable is not finite")
    }
    let events = try LogitShift.events(y)
    let centre = z.reduce(0, +) / Double(n)
    let d = z.map { $0 - centre }
    // Each customer's rows weighted as `LogitShift.fitByGroups` weights them, from ρ = 1.
    let ((a, b, iterations), weights, rho) = try LogitShift.weightingGroups(
      groups, outcomes: y, fit: { try solve(eta, d, y, $0) },
      probability: { fit, i in LogisticFit.sigmoid(eta[i] + fit.a + fit.b * d[i]) })
    let se = try Self.clusteredErrors(eta, d, y, groups, a, b, weights)
    return LogitLineShiftFit(
      shift: a, slope: b, centre: centre, shiftStandardError: se.a, slopeStandardError: se.b,
      rows: n, events: Int(events), groups: se.groups, groupCorrelation: rho,
      iterations: iterations)
  }

  /// Newton from `(0, 0)` on the (weighted) log-likelihood.
  func solve(_ eta: [Double], _ d: [Double], _ y: [Double], _ w: [Double]?) throws -> (
    a: Double, b: Double, iterations: Int
  ) {
    var (a, b) = (0.0, 0.0)
    for iteration in 1...convergence.maxIterations {
      let s = Self.pass(eta, d, y, w, a, b)
      guard let step = s.information.solve(s.gradient) else {
        throw FitError.invalidInput("the variable is constant; its slope is not identified")
      }
      // Halve a step that makes the gradient larger (a far start can overshoot).
      var (sa, sb) = step
      var halvings = 0
      while halvings < 30 {
        let next = Self.pass(eta, d, y, w, a + sa, b + sb)
        if Self.norm(next.gradient) <= Self.norm(s.gradient) { break }
        sa /= 2
        sb /= 2
        halvings += 1
      }
      a += sa
      b += sb
      if max(abs(sa), abs(sb)) < convergence.stepTolerance { return (a, b, iteration) }
    }
    throw FitError.didNotConverge(iterations: convergence.maxIterations, lastStepNorm: .nan)
  }

  /// A symmetric 2×2 matrix `[[aa, ab], [ab, bb]]`.
  struct Symmetric2 {
    var aa = 0.0
    var ab = 0.0
    var bb = 0.0

    /// `M⁻¹ v`, nil when `M` is singular.
    func solve(_ v: (Double, Double)) -> (Double, Double)? {
      let det = aa * bb - ab * ab
      guard det > 1e-12 * max(aa * bb, .leastNormalMagnitude) else { return nil }
      return ((bb * v.0 - ab * v.1) / det, (aa * v.1 - ab * v.0) / det)
    }
  }

  /// The Euclidean length of a gradient.
  static func norm(_ g: (Double, Double)) -> Double { (g.0 * g.0 + g.1 * g.1).squareRoot() }

  /// The gradient and information of the log-likelihood at `(a, b)`.
  static func pass(
    _ eta: [Double], _ d: [Double], _ y: [Double], _ weights: [Double]?, _ a: Double,
    _ b: Double
  ) -> (gradient: (Double, Double), information: Symmetric2) {
    var (ga, gb) = (0.0, 0.0)
    var info = Symmetric2()
    for i in eta.indices {
      let v = weights?[i] ?? 1
      let p = LogisticFit.sigmoid(eta[i] + a + b * d[i])
      let w = v * p * (1 - p)
      ga += v * (y[i] - p)
      gb += v * (y[i] - p) * d[i]
      info.aa += w
      info.ab += w * d[i]
      info.bb += w * d[i] * d[i]
    }
    return ((ga, gb), info)
  }

  /// The standard errors of `a` and `b` clustered by group, and the number of groups.
  static func clusteredErrors(
    _ eta: [Double], _ d: [Double], _ y: [Double], _ groups: [Int], _ a: Double, _ b: Double,
    _ weights: [Double]?
  ) throws -> (a: Double, b: Double, groups: Int) {
    let (index, g) = LogitShift.denseGroups(groups)
    let info = pass(eta, d, y, weights, a, b).information
    var scores = [(Double, Double)](repeating: (0, 0), count: g)
    for i in eta.indices {
      let v = weights?[i] ?? 1
      let p = LogisticFit.sigmoid(eta[i] + a + b * d[i])
      scores[index[i]].0 += v * (y[i] - p)
      scores[index[i]].1 += v * (y[i] - p) * d[i]
    }
    guard g >= 2 else { throw FitError.invalidInput("the rows are one group") }
    var meat = Symmetric2()
    for u in scores {
      meat.aa += u.0 * u.0
      meat.ab += u.0 * u.1
      meat.bb += u.1 * u.1
    }
    let k = Double(g) / Double(g - 1)
    // V = I⁻¹ M I⁻¹: the columns of I⁻¹ M I⁻¹ from two solves each.
    guard let c1 = info.solve((meat.aa, meat.ab)), let c2 = info.solve((meat.ab, meat.bb)),
      let v1 = info.solve((c1.0, c2.0)), let v2 = info.solve((c1.1, c2.1))
    else { throw FitError.invalidInput("the variable is constant; its slope is not identified") }
    return ((k * v1.0).squareRoot(), (k * v2.1).squareRoot(), g)
  }
}

/// A fitted `LogitLineShift`: `logit q = η + a + b (z − z̄)`.
public struct LogitLineShiftFit: Codable, Sendable, Equatable {
  /// The shift `a` at `z = centre`, as estimated.
  public var shift: Double
  /// The slope `b` in `z`, as estimated.
  public var slope: Double
  /// `z̄`, the fitted rows' mean of `z`.
  public var centre: Double
  /// The standard errors of `shift` and `slope`, clustered by group.
  public var shiftStandardError: Double
  public var slopeStandardError: Double
  /// Rows, events (outcomes of 1) and groups it was fitted on.
  public var rows: Int
  public var events: Int
  public var groups: Int
  /// The correlation of a group's rows the weights came from (`LogitShift.fitByGroups`).
  public var groupCorrelation: Double
  /// Newton iterations taken (of the weighted fit).
  public var iterations: Int

  /// `c · c² / (c² + s²)` (0 when both are 0).
  @inlinable public static func shrunk(_ c: Double, _ s: Double) -> Double {
    let c2 = c * c
    return c2 + s * s > 0 ? c * c2 / (c2 + s * s) : 0
  }

  /// The shift `a` used: shrunk toward 0 by its standard error.
  public var usedShift: Double { Self.shrunk(shift, shiftStandardError) }
  /// The slope `b` used: shrunk toward 0 by its standard error.
  public var usedSlope: Double { Self.shrunk(slope, slopeStandardError) }

  /// `σ(logit q + usedSlope · z)` for a probability `q` in (0, 1): the slope alone, for rows
  /// whose level is set otherwise; `q` itself at 0 or 1.
  public func slopeShifted(_ q: Double, at z: Double) -> Double {
    guard q > 0 && q < 1 else { return q }
    return LogisticFit.sigmoid(log(q) - log1p(-q) + usedSlope * z)
  }
}
