import LinearAlgebra

/// Stop rules for Newton-Raphson fits, each a named parameter so a fit can say which one fired.
///
/// Defaults follow lifelines and R's `coxph`/`survreg` in spirit but are tighter, because our
/// results are checked to 1e-6 relative against those packages:
/// - `stepTolerance` 1e-9: Newton converges quadratically, so once the largest coefficient
///   change is 1e-9 the remaining error is ~1e-18, far below any reported digit. The rule is
///   checked on each new Newton step before it is taken (`stepIsConverged`) as well as on the
///   step just taken.
/// - `relativeLogLikelihoodTolerance` 1e-12: R uses 1e-9 on the relative change; we take a
///   smaller value because a change of 1e-9 can still leave coefficient errors near 1e-5.
/// - `maxIterations` 100: well-posed problems converge in 5-10 iterations; more means
///   separation or a flat likelihood, which we report instead of looping.
public struct ConvergenceCriteria: Sendable, Equatable, Codable {
  public var stepTolerance: Double
  public var relativeLogLikelihoodTolerance: Double
  public var maxIterations: Int

  public init(
    stepTolerance: Double = 1e-9, relativeLogLikelihoodTolerance: Double = 1e-12,
    maxIterations: Int = 100
  ) {
    self.stepTolerance = stepTolerance
    self.relativeLogLikelihoodTolerance = relativeLogLikelihoodTolerance
    self.maxIterations = maxIterations
  }
}

/// The rule that ended a Newton iteration.
public enum ConvergenceRule: String, Sendable, Codable {
  /// The largest absolute coefficient step fell below `stepTolerance`.
  case stepNorm = "step_norm"
  /// The relative change of the log-likelihood fell below its tolerance.
  case relativeLogLikelihood = "relative_log_likelihood"
  /// `maxIterations` was reached without meeting another rule (the fit did not converge).
  case maxIterations = "max_iterations"
}

/// A non-fatal finding about a fit.
///
/// Warnings are never thrown; the CLI prints them.
public enum FitWarning: Equatable, Sendable, Codable, CustomStringConvertible {
  /// Some observations are predicted with probability ~0 or ~1 from `feature`'s side.
  case quasiSeparation(feature: String)
  /// The Cox partial likelihood is monotone in `feature`'s coefficient (some events always
  /// have the highest risk of their risk sets in that direction): the estimate drifts toward
  /// ±∞ and its SE is meaningless, while the other coefficients are those of the limit.
  case monotoneLikelihood(feature: String)
  /// The likelihood keeps increasing along parameter `name` (no finite maximum in it): its
  /// estimate drifts and its SE is meaningless.
  case divergingParameter(name: String)
  /// Newton needed `count` step halvings to increase the likelihood.
  case stepHalving(count: Int)
  /// The Hessian was not negative definite at some iterate, and those steps were damped.
  case dampedSteps
  /// The information matrix is nearly singular (reciprocal condition estimate).
  case illConditioned(reciprocalCondition: Double)
  /// Free-form note.
  case note(String)

  public var description: String {
    switch self {
    case .quasiSeparation(let f):
      return
        "quasi-separation: feature '\(f)' nearly separates the outcome; its estimate and SE are unreliable"
    case .monotoneLikelihood(let f):
      return
        "monotone likelihood: the coefficient of '\(f)' grows without bound (the events on one side"
        + " of it are always the riskiest at risk); its estimate and SE are unreliable"
    case .divergingParameter(let name):
      return
        "'\(name)' has no finite estimate (the likelihood keeps increasing along it, e.g. a group"
        + " that always or never pays); its estimate and SE are unreliable"
    case .stepHalving(let n):
      return Self.halvingPrefix + (n == 1 ? "once" : n == 2 ? "twice" : "\(n) times")
    case .dampedSteps: return Self.dampedText
    case .illConditioned(let r):
      return "information matrix is ill-conditioned (reciprocal condition ~\(r))"
    case .note(let s): return s
    }
  }
}

extension FitWarning {
  static let halvingPrefix = "Newton steps were halved "
  static let dampedText =
    "the Hessian was not negative definite at some iterate; those steps were damped"

  /// True for the steps a converged Newton fit took on its way (halved or damped steps):
  /// findings of the model file's diagnostics, not warnings to the people acting on it.
  public var isStepDetail: Bool {
    switch self {
    case .stepHalving, .dampedSteps: true
    default: false
    }
  }

  /// The finding a model file stores as `message` (its `description`): the step halvings
  /// (`halved once`, and `halved 1 times` of older files) and damped steps as such, any
  /// other as a note.
  public init(message: String) {
    guard message.hasPrefix(Self.halvingPrefix) else {
      self = message == Self.dampedText ? .dampedSteps : .note(message)
      return
    }
    let count = message.dropFirst(Self.halvingPrefix.count)
    switch count {
    case "once": self = .stepHalving(count: 1)
    case "twice": self = .stepHalving(count: 2)
    default:
      if count.hasSuffix(" times"), let n = Int(count.dropLast(" times".count)) {
        self = .stepHalving(count: n)
      } else {
        self = .note(message)
      }
    }
  }

  /// What a damped Newton fit reports about its iterations: not converged within the limit
  /// (the estimates are the last iterate), its step halvings, and damped steps (the Hessian
  /// was not negative definite somewhere on the way).
  static func newtonNotes(
    converged: Bool, iterations: Int, halvings: Int, damped: Bool
  ) -> [FitWarning] {
    var notes: [FitWarning] = []
    if !converged {
      notes.append(
        .note("Newton did not converge in \(iterations) iterations; estimates are the last iterate")
      )
    }
    if halvings > 0 { notes.append(.stepHalving(count: halvings)) }
    if damped { notes.append(.dampedSteps) }
    return notes
  }
}

extension FitWarning {
  /// Below this reciprocal condition estimate an information matrix counts as nearly singular
  /// (`illConditioned`).
  static let illConditionedBelow = 1e-12

  /// `illConditioned` when the information matrix factored as `factor` is nearly singular
  /// (its reciprocal condition estimate below `illConditionedBelow`), else nothing: what every
  /// fit notes about the information its covariance is the inverse of.
  static func conditioning(of factor: CholeskyFactorization) -> [FitWarning] {
    let rcond = factor.reciprocalConditionEstimate
    return rcond < illConditionedBelow ? [.illConditioned(reciprocalCondition: rcond)] : []
  }
}

extension ConvergenceCriteria {
  /// Whether a Newton step δ is below `stepTolerance` before the fit moves to β + δ.
  ///
  /// Checking the step itself, rather than the step that led to β, saves the pass over the
  /// data at β + δ that would only confirm convergence; lifelines' Newton loop stops the same
  /// way. Newton converges quadratically, so β + δ is then within about |δ|² of the optimum;
  /// the caller takes the step and reports the information of β (the logistic and Weibull fits
  /// their log-likelihood of β too; Cox evaluates β + δ's from its cheaper first pass), which
  /// differs from that at β + δ by O(|δ|) relative, below 1e-9.
  func stepIsConverged(_ step: [Double]) -> Bool {
    step.allSatisfy { abs($0) < stepTolerance }
  }
}
