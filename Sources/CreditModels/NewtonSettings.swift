/// What each penalised Newton-Raphson fitter (`LogisticRegression`, `WeibullAFT`,
/// `CoxProportionalHazards`) is configured with: the ridge penalty, the stop rules and
/// whether the design's rank is checked before iterating.
public struct NewtonSettings: Sendable {
  /// The ridge penalty λ in `λ/2 ‖β‖²` on the coefficients the fitter penalises (all but an
  /// intercept, and not the Weibull log-shape).
  ///
  /// The default 0 is plain maximum likelihood (comparable with statsmodels' `Logit` and
  /// lifelines' `penalizer = 0`). Any λ > 0 makes the objective strictly concave, so the
  /// maximum exists even for separated data.
  public var l2: Double
  /// When to stop iterating (see `ConvergenceCriteria` for the defaults and their reasons);
  /// the rule that fired is recorded in the fit.
  public var convergence: ConvergenceCriteria
  /// Whether `fit` checks that the design (for Cox, the centred covariates of the rows at
  /// risk) has full column rank (true).
  ///
  /// Off only when the caller knows it has, e.g. because the same fit succeeded on a subset
  /// of the rows with the same weights (a subset of full rank proves the whole design has
  /// full rank): training's warm-started fits. Saves one pass over `x`.
  package var checksRank = true

  /// - Parameters:
  ///   - l2: ridge penalty λ ≥ 0, finite; 0 (the default) is unpenalised maximum likelihood.
  ///   - convergence: stop rules; the defaults give coefficients converged far below 1e-6
  ///     relative, the precision at which we compare with statsmodels and lifelines.
  public init(l2: Double = 0, convergence: ConvergenceCriteria = ConvergenceCriteria()) {
    precondition(l2 >= 0 && l2.isFinite, "l2 must be finite and >= 0")
    self.l2 = l2
    self.convergence = convergence
  }
}

/// A fitter configured by `NewtonSettings`, whose settings read as its own properties.
public protocol NewtonFitter {
  var settings: NewtonSettings { get set }
  /// The fitter with the default settings: plain maximum likelihood and the default stop rules.
  init()
}

extension NewtonFitter {
  /// The fitter with the given ridge penalty and stop rules (see `NewtonSettings`).
  public init(l2: Double = 0, convergence: ConvergenceCriteria = ConvergenceCriteria()) {
    self.init()
    settings = NewtonSettings(l2: l2, convergence: convergence)
  }

  /// The ridge penalty (`NewtonSettings.l2`).
  public var l2: Double {
    get { settings.l2 }
    set { settings.l2 = newValue }
  }

  /// The stop rules (`NewtonSettings.convergence`).
  public var convergence: ConvergenceCriteria {
    get { settings.convergence }
    set { settings.convergence = newValue }
  }

  /// Whether the design's rank is checked (`NewtonSettings.checksRank`).
  package var checksRank: Bool {
    get { settings.checksRank }
    set { settings.checksRank = newValue }
  }
}
