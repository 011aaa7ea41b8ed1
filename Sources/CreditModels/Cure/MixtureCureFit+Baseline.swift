import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension MixtureCureFit {
  /// This fit with the payers' baseline estimated from the data (`CureLatencyBaseline`).
  ///
  /// With `λ_i = exp(x_i · β)` and the parametric fit's `H(t) = (t / λ)^ρ`, the
  /// Kaplan-Meier curve of `u_i = t_i / λ_i` is taken over the payments (weight 1) and the
  /// open invoices (censored at `u_i`, weight `σ(z_i · γ − H(t_i))`, the posterior
  /// probability that an invoice still open at `t_i` is a payer); invoices known never to be
  /// paid are not payers and are left out. The incidence, the scale coefficients β and the
  /// covariance stay the parametric fit's.
  /// - Parameters:
  ///   - z, x: the incidence and latency designs of the rows (the fit's columns).
  ///   - durations, events, neverPays: as given to `MixtureCure.fit` (durations > 0).
  /// - Returns: the fit with `latencyBaseline` set, or unchanged when the curve has fewer
  ///   than two knots (too few payments).
  /// - Complexity: O(n (p + q) + n log n).
  public func withLatencyBaseline(
    incidence z: DesignMatrix, latency x: DesignMatrix? = nil, durations: [Double],
    events: [Bool], neverPays: [Bool]? = nil
  ) -> MixtureCureFit {
    var parametric = self
    parametric.latencyBaseline = nil
    let n = durations.count
    let zeta = parametric.predictIncidenceLogOdds(z)
    let eta = parametric.predictLogLambda(x ?? z)
    precondition(zeta.count == n && events.count == n, "rows do not match the designs")
    var u: [Double] = []
    var paid: [Bool] = []
    var weights: [Double] = []
    for i in 0..<n where neverPays?[i] != true && durations[i] > 0 {
      u.append(exp(log(durations[i]) - eta[i]))
      paid.append(events[i])
      weights.append(
        events[i] ? 1 : LogisticFit.sigmoid(zeta[i] - parametric.hazard(durations[i], eta[i])))
    }
    guard !u.isEmpty, u.allSatisfy(\.isFinite),
      let curve = try? KaplanMeier().fit(durations: u, events: paid, weights: weights),
      let baseline = CureLatencyBaseline(curve, tailShape: rho)
    else { return parametric }
    parametric.latencyBaseline = baseline
    return parametric
  }
}
