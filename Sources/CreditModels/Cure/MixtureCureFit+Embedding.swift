import LinearAlgebra

extension MixtureCureFit {
  /// The incidence part diverges: its log-likelihood still rises along some slope (the
  /// `divergingParameter` diagnostic names an incidence coefficient).
  ///
  /// Happens when the rows that say anything about who never pays (payments, and invoices open
  /// long past the payers' times) are separated by a feature: the estimate is then at infinity
  /// and an invoice too young to say anything falls on either side of the plane by chance.
  public var incidenceDiverges: Bool {
    diagnostics.contains {
      if case .divergingParameter(let name) = $0 { return name.hasPrefix("incidence: ") }
      return false
    }
  }

  /// The note of a fit whose incidence is the intercept alone on a wider design.
  public static let embeddedIncidenceNote =
    "the incidence's slopes diverged (not identified); fitted with the intercept alone"

  /// This fit, whose incidence design is the intercept alone, on the incidence design `names`.
  ///
  /// The intercept goes to column `interceptIndex`, the other columns' coefficients are 0, held
  /// fixed (their rows and columns of the covariance 0), so that the fit predicts from the same
  /// design as the latency part. Its diagnostics say so (`embeddedIncidenceNote`).
  public func embeddingIncidence(in names: [String], interceptIndex: Int) -> MixtureCureFit {
    precondition(incidenceCoefficients.count == 1, "the incidence is not the intercept alone")
    precondition(names.indices.contains(interceptIndex), "no intercept column")
    let q = names.count
    let p = latencyCoefficients.count
    var gamma = [Double](repeating: 0, count: q)
    gamma[interceptIndex] = incidenceCoefficients[0]
    // Old parameter k (intercept, latency..., log ρ) at its new place.
    let place = [interceptIndex] + (0...p).map { q + $0 }
    let old = covariance
    var wide = Matrix(rows: q + p + 1, columns: q + p + 1)
    for (a, i) in place.enumerated() {
      for (b, j) in place.enumerated() { wide[i, j] = old[a, b] }
    }
    var fit = MixtureCureFit(
      incidenceNames: names, latencyNames: latencyNames, incidenceCoefficients: gamma,
      latencyCoefficients: latencyCoefficients, logRho: logRho, covariance: wide,
      logLikelihood: logLikelihood, iterations: iterations, converged: converged,
      convergenceRule: convergenceRule,
      diagnostics: diagnostics + [.note(Self.embeddedIncidenceNote)], observations: observations,
      events: events, neverPays: neverPays, maxAbsGradient: maxAbsGradient)
    fit.latencyBaseline = latencyBaseline
    return fit
  }
}
