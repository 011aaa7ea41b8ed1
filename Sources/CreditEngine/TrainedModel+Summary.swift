import CreditModels

extension TrainedModel {
  /// The coefficient tables of the three stored models (delinquency, Cox, Weibull), rebuilt
  /// from the file's estimates and standard errors with Wald intervals and p-values.
  /// - Parameter alpha: 0.05 for 95% intervals, as lifelines and statsmodels print.
  public func coefficientTables(alpha: Double = 0.05) -> [CoefficientTable] {
    let confidence = 1 - alpha
    let d = delinquency
    let logistic = CoefficientTable(
      title: "Delinquency: logistic regression (P more than \(lateDays) days past due)",
      facts: [
        ("observations", "\(metrics.labelled)"), ("log-likelihood", fixed(d.logLikelihood)),
        ("null log-likelihood", fixed(d.nullLogLikelihood)), ("l2", fixed(d.l2)),
      ],
      rows: CoefficientTable.waldRows(
        names: d.names, estimates: d.coefficients, standardErrors: d.standardErrors, alpha: alpha),
      confidence: confidence)
    let c = timeToPayment
    let cox = CoefficientTable(
      title: "Time to payment: Cox proportional hazards (\(c.ties) ties)",
      facts: [
        ("observations", "\(metrics.invoicesUsed)"), ("payments", "\(metrics.paymentEvents)"),
        ("log partial likelihood", fixed(c.logLikelihood)), ("concordance", fixed(c.concordance)),
      ],
      rows: CoefficientTable.waldRows(
        names: c.names, estimates: c.coefficients, standardErrors: c.standardErrors, alpha: alpha),
      confidence: confidence)
    let w = timeToPaymentWeibull
    let weibull = CoefficientTable(
      title: "Time to payment: Weibull AFT (log λ = xβ)",
      facts: [
        ("observations", "\(metrics.invoicesUsed)"), ("payments", "\(metrics.paymentEvents)"),
        ("log-likelihood", fixed(w.logLikelihood)),
        ("concordance", fixed(metrics.weibullConcordance)),
      ],
      rows: CoefficientTable.waldRows(
        names: w.names + ["log_rho"], estimates: w.coefficients + [w.logRho],
        standardErrors: w.standardErrors, alpha: alpha),
      confidence: confidence)
    return [logistic, cox, weibull]
  }

  private func fixed(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let scaled = (x * 10_000).rounded() / 10_000
    return "\(scaled)"
  }
}
