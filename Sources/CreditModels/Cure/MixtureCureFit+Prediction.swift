import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Predictions for open invoices
//
// Ages and times are on the scale of the training durations, measured from the same origin:
// in creditrisk the durations run from the issue date, so the age of an open invoice is the
// number of days since it was issued (not since it fell due), and `times` are days from now
// (remaining time, as lifelines' `conditional_after`). With π = σ(ζ), H(t) = (t / λ)^ρ the
// payers' cumulative hazard and S_u = exp(−H), an invoice still open at age a has
//
//   P(ever paid | open at a)          = π S_u(a) / (1 − π + π S_u(a)) = σ(ζ − H(a))
//   S_u(a + t) / S_u(a)               = exp(−(H(a + t) − H(a)))           (payers)
//   P(paid within d | open at a)      = σ(ζ − H(a)) · (1 − S_u(a + d) / S_u(a))
//   remaining-time quantile at level q among payers: t with 1 − S_u(a + t)/S_u(a) = q,
//                                       t = a · expm1(log1p(−log(1 − q) / H(a)) / ρ)
//
// The first line is the posterior payer probability of EM; it is formed as one logistic of
// ζ − H(a), so an old invoice's tiny probability keeps its relative precision.

extension MixtureCureFit {
  /// `π = σ(z · γ)`, the probability that an invoice is ever paid, as of issue.
  /// - Complexity: O(n q).
  public func predictIncidence(_ z: DesignMatrix) -> [Double] {
    predictIncidenceLogOdds(z).map(LogisticFit.sigmoid)
  }

  /// `log λ = x · β`, the payers' log Weibull scale per row.
  public func predictLogLambda(_ x: DesignMatrix) -> [Double] {
    precondition(
      x.features == latencyCoefficients.count,
      "latency design has \(x.features) columns, the model \(latencyCoefficients.count)")
    return x.multiplied(by: latencyCoefficients)
  }

  /// `P(ever paid | still open at age a)` per row: `π S_u(a) / (1 − π + π S_u(a))`.
  /// - Parameters:
  ///   - z: the incidence design.
  ///   - x: the latency design; nil when it is the same as `z`.
  ///   - age: each row's age (time since the durations' origin; 0 for a new invoice).
  public func predictPaidEver(
    _ z: DesignMatrix, latency x: DesignMatrix? = nil, age: [Double]
  ) -> [Double] {
    let zeta = predictIncidenceLogOdds(z)
    let eta = predictLogLambda(x ?? z)
    let ages = checked(age, rows: zeta.count)
    return zeta.indices.map { LogisticFit.sigmoid(zeta[$0] - hazard(ages[$0], eta[$0])) }
  }

  /// The payers' survival `S_u(a + t) / S_u(a)` for each row and remaining time.
  ///
  /// Result `[i][j]` is row `i` at `times[j]` after its age `age[i]`.
  public func predictPayerSurvival(
    _ x: DesignMatrix, at times: [Double], age: [Double]
  ) -> [[Double]] {
    precondition(times.allSatisfy { $0 >= 0 }, "times must be >= 0")
    let eta = predictLogLambda(x)
    let ages = checked(age, rows: eta.count)
    return eta.indices.map { i in
      let ha = hazard(ages[i], eta[i])
      return times.map { exp(-(hazard(ages[i] + $0, eta[i]) - ha)) }
    }
  }

  /// The payers' distribution function `1 − S_u(a + t) / S_u(a)` for each row and time.
  public func predictPayerCDF(_ x: DesignMatrix, at times: [Double], age: [Double]) -> [[Double]] {
    let eta = predictLogLambda(x)
    let ages = checked(age, rows: eta.count)
    return eta.indices.map { i in
      let ha = hazard(ages[i], eta[i])
      return times.map { -expm1(-(hazard(ages[i] + $0, eta[i]) - ha)) }
    }
  }

  /// The remaining time to payment at quantile `q` among payers, given open at age `a`.
  ///
  /// `q = 0.5` is the conditional median, `0.1` and `0.9` the P10 and P90 of the payment
  /// date (measured from the age, so add it for the age at payment).
  public func predictPaymentQuantile(_ x: DesignMatrix, q: Double, age: [Double]) -> [Double] {
    precondition(q > 0 && q < 1, "q must be in (0, 1)")
    let eta = predictLogLambda(x)
    let ages = checked(age, rows: eta.count)
    if let latencyBaseline {
      return eta.indices.map { i in
        latencyBaseline.remainingTime(
          q: q, age: ages[i], logLambda: eta[i], hazardAtAge: hazard(ages[i], eta[i]))
      }
    }
    let model = Weibull()
    return eta.indices.map {
      model.conditionalPercentile(1 - q, after: ages[$0], [eta[$0], logRho])
    }
  }

  /// `P(paid within the next d | open at age a)` per row:
  /// `π (S_u(a) − S_u(a + d)) / (1 − π + π S_u(a))`.
  public func predictPaidWithin(
    _ z: DesignMatrix, latency x: DesignMatrix? = nil, days d: Double, age: [Double]
  ) -> [Double] {
    precondition(d >= 0, "d must be >= 0")
    let zeta = predictIncidenceLogOdds(z)
    let eta = predictLogLambda(x ?? z)
    let ages = checked(age, rows: zeta.count)
    return zeta.indices.map { i in
      let ha = hazard(ages[i], eta[i])
      let paidEver = LogisticFit.sigmoid(zeta[i] - ha)
      return paidEver * -expm1(-(hazard(ages[i] + d, eta[i]) - ha))
    }
  }

  // MARK: - Helpers

  /// `ζ = z · γ` per row.
  func predictIncidenceLogOdds(_ z: DesignMatrix) -> [Double] {
    precondition(
      z.features == incidenceCoefficients.count,
      "incidence design has \(z.features) columns, the model \(incidenceCoefficients.count)")
    return z.multiplied(by: incidenceCoefficients)
  }

  /// The payers' cumulative hazard `H(t) = H₀(t / λ)`, 0 at t = 0: the estimated baseline's
  /// when there is one, else the Weibull's `exp(ρ (log t − log λ))`.
  package func hazard(_ t: Double, _ logLambda: Double) -> Double {
    var knot = -1
    return hazard(t, logLambda, knot: &knot)
  }

  /// `hazard(_:_:)`, the estimated baseline's piece looked for from `knot`
  /// (`CureLatencyBaseline.cumulativeHazard(logU:knot:)`).
  package func hazard(_ t: Double, _ logLambda: Double, knot: inout Int) -> Double {
    guard t > 0 else { return 0 }
    return hazard(logT: log(t), logLambda, knot: &knot)
  }

  /// `hazard(_:_:knot:)` at `t = exp(logT)`, for rows that share their times' logarithms
  /// (0 where `logT` is −∞ or NaN: t = 0, or t < 0).
  package func hazard(logT: Double, _ logLambda: Double, knot: inout Int) -> Double {
    guard logT > -.infinity else { return 0 }
    if let latencyBaseline {
      return latencyBaseline.cumulativeHazard(logU: logT - logLambda, knot: &knot)
    }
    return exp(rho * (logT - logLambda))
  }

  private func checked(_ age: [Double], rows: Int) -> [Double] {
    precondition(age.count == rows, "age: \(age.count) values for \(rows) rows")
    precondition(age.allSatisfy { $0 >= 0 && $0.isFinite }, "ages must be finite and >= 0")
    return age
  }
}
