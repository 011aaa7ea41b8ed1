// MARK: - Summary

extension WeibullFit {
  /// The coefficient table with lifelines' row names: `lambda_:<feature>` for each β and
  /// `rho_:Intercept` for `log ρ`, so rows read the same as `WeibullAFTFitter.summary`.
  /// - Parameter alpha: 1 − confidence of the intervals; 0.05 as lifelines.
  public func summary(alpha: Double = 0.05) -> CoefficientTable {
    let names = featureNames.map { "lambda_:" + $0 } + ["rho_:Intercept"]
    return CoefficientTable(
      title: "Weibull AFT",
      facts: [
        ("observations", "\(observations)"),
        ("events", "\(fields.events)"),
        ("log-likelihood", CoefficientTable.statistic(logLikelihood, decimals: 4)),
        ("AIC", CoefficientTable.statistic(aic, decimals: 4)),
        ("rho", CoefficientTable.statistic(rho, decimals: 6)),
      ]
        + CoefficientTable.newtonFacts(
          iterations: iterations, converged: converged, rule: convergenceRule),
      names: names, estimates: coefficients + [fields.logRho], standardErrors: standardErrors,
      alpha: alpha)
  }
}
