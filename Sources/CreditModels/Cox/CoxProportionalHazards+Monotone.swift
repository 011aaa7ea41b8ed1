import LinearAlgebra

extension CoxProportionalHazards {
  /// Detects a monotone partial likelihood, Cox's analogue of separation in logistic
  /// regression (Heinze & Schemper 2001), from quantities the fit has at hand (no pass over X).
  ///
  /// The partial likelihood has no finite maximum when some direction `d` gives every event
  /// a risk score `d · x` at least as high as every other row of its risk set: moving `β`
  /// along `d` then never lowers any term `log(w exp(η_event) / S0)`. Newton follows `d`
  /// with steps of about one unit of the standardised coefficient per iteration while ℓ
  /// creeps toward its supremum, and a relative stop rule eventually fires with coefficients
  /// near ±27 and standard errors near 10⁶ (a single event does this).
  ///
  /// - *complete*: at the estimate, at every event time whose risk set holds other rows of
  ///   positive weight, those rows carry less than `dominance` of the risk
  ///   (`S0 − S0D < 10⁻⁸ S0`, the tolerance of `LogisticRegression`'s perfect prediction):
  ///   every event is predicted with certainty and no coefficient has a finite estimate. The
  ///   fit throws `FitError.monotoneLikelihood`, naming the feature with the largest
  ///   `|β_j| range_j`.
  /// - *partial*: some coefficients diverge while the rest converge (e.g. a level of a
  ///   categorical feature whose rows are all censored). The Newton step that would follow
  ///   the estimate, `I⁻¹ ∇ℓ`, is then still about one standardised unit in the diverging
  ///   coordinates, where a regular fit's is below 10⁻⁹ (quadratic convergence; R's `coxph`
  ///   warns "Loglik converged before variable …" on the same test). The fit is returned with
  ///   `FitWarning.monotoneLikelihood` naming the feature whose next step `|δ_j| range_j` is
  ///   largest, when it exceeds 10⁻³.
  struct MonotoneLikelihood {
    /// Event times whose risk set holds rows of positive weight besides their own events.
    let contested: [Int]
    /// Column ranges over the active rows (the standardising scales).
    let range: [Double]
    let names: [String]

    /// Share of the risk below which the other rows of a risk set count as dominated.
    static let dominance = 1e-8
    /// Standardised next step above which a coefficient counts as diverging.
    static let divergingStep = 1e-3

    /// - Parameter null: the state at β = 0, where every row of positive weight has risk > 0.
    init(null: CoxRiskSets.State, range: [Double], names: [String]) {
      contested = null.riskOutsideEvents.indices.filter { null.riskOutsideEvents[$0] > 0 }
      self.range = range
      self.names = names
    }

    /// Whether the events at `state.beta` dominate every contested risk set.
    func isComplete(_ state: CoxRiskSets.State) -> Bool {
      !contested.isEmpty
        && contested.allSatisfy {
          state.riskOutsideEvents[$0] < Self.dominance * state.riskSetSum[$0]
        }
    }

    /// Whether the events at `state.beta` nearly dominate some contested risk set (the other
    /// rows carry less than 10⁻⁶ of its risk): the explanation of an information matrix that
    /// fails to factor, as perfect prediction is in `LogisticRegression`.
    func isDominating(_ state: CoxRiskSets.State) -> Bool {
      contested.contains { state.riskOutsideEvents[$0] < 1e-6 * state.riskSetSum[$0] }
    }

    /// The error naming the feature with the largest standardised coefficient.
    func error(_ state: CoxRiskSets.State) -> FitError {
      .monotoneLikelihood(feature: names[largest(state.beta)])
    }

    /// The feature whose coefficient is still diverging, if any.
    /// - Parameter nextStep: `I⁻¹ ∇ℓ` at the estimate.
    func divergingFeature(_ state: CoxRiskSets.State, nextStep: [Double]) -> String? {
      let j = largest(nextStep)
      return abs(nextStep[j]) * range[j] > Self.divergingStep ? names[j] : nil
    }

    /// Index of the largest `|v_j| range_j`.
    private func largest(_ v: [Double]) -> Int {
      var best = 0
      for j in v.indices where abs(v[j]) * range[j] > abs(v[best]) * range[best] { best = j }
      return best
    }
  }
}
