extension LogisticFit {
  /// The coefficient table (estimate, SE, Wald interval, z, p) with header facts, as data.
  ///
  /// Facts, in order: observations, total weight (if weighted), log-likelihood, null
  /// log-likelihood, McFadden R², AIC, l2 (if penalised), iterations, converged (with the rule).
  /// - Parameter alpha: one minus the confidence level of the intervals; 0.05 gives 95%.
  public func summary(alpha: Double = 0.05) -> CoefficientTable {
    var facts: [(String, String)] = [("observations", "\(observations)")]
    if fields.totalWeight != Double(observations) {
      facts.append(("total weight", "\(fields.totalWeight)"))
    }
    facts += [
      ("log-likelihood", CoefficientTable.statistic(logLikelihood, decimals: 4)),
      ("null log-likelihood", CoefficientTable.statistic(fields.nullLogLikelihood, decimals: 4)),
      ("McFadden R²", CoefficientTable.statistic(mcFaddenR2, decimals: 6)),
      ("AIC", CoefficientTable.statistic(aic, decimals: 4)),
    ]
    if fields.l2 > 0 { facts.append(("l2", "\(fields.l2)")) }
    facts += CoefficientTable.newtonFacts(
      iterations: iterations, converged: converged, rule: convergenceRule)
    return CoefficientTable(
      title: "Logistic regression", facts: facts, names: featureNames, estimates: coefficients,
      standardErrors: standardErrors, alpha: alpha)
  }
}
