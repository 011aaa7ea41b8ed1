import CreditData

extension TrainedModel {
  /// The bounds a model file's numbers must lie in to be scored, with why.
  ///
  /// A fitted model's numbers are far inside them: features are standardised, so a
  /// coefficient of 100 would multiply the odds or the hazard by e¹⁰⁰ per standard deviation
  /// (fitted ones are within ±10); a Weibull shape e^±10 spans 0.00005 to 22,000 (fitted:
  /// 0.3 to 5); a baseline cumulative hazard of 10⁶ means certain payment many times over.
  /// Outside them `exp` overflows or underflows in scoring and the outputs would be NaN or
  /// infinite, so such a file (hand-edited, damaged, or from a buggy build) is refused.
  public enum Limits {
    /// |β| of every coefficient, intercepts included.
    public static let coefficient = 100.0
    /// |log ρ| of the Weibull shape.
    public static let logRho = 10.0
    /// |β| of the mixture-cure incidence (P(ever paid)): wider, because its intercept
    /// diverges when every invoice was paid (a fitted 27 is usual then) and a logistic
    /// saturates safely.
    public static let incidenceCoefficient = 1_000.0
    /// |mean| of a numeric feature before standardising.
    public static let featureMean = 1e9
    /// The standard deviation of a numeric feature before standardising.
    public static let featureScale = 1e-9...1e9
    /// |mean| of a standardised design column in the Cox fit.
    public static let trainingMean = 1e6
    /// Baseline hazard times, in days (100 years).
    public static let baselineTime = 0.0...36_500.0
    /// The baseline cumulative hazard.
    public static let cumulativeHazard = 0.0...1e6
    /// The shrinkage of customer rates, in pseudo-invoices.
    public static let shrinkage = 0.0...1e6
    /// Days past due that count as late.
    public static let lateDays = 1...3_650
  }

  /// The first number of the model outside `Limits`, named by its key in the model file
  /// (`timeToPaymentCox.coefficients[3] is 1e+200; expected within ±100`), or nil.
  public func rangeProblem() -> String? {
    func outside(_ key: String, _ values: [Double], _ range: ClosedRange<Double>) -> String? {
      guard let k = values.firstIndex(where: { !range.contains($0) }) else { return nil }
      let bounds =
        range.lowerBound == -range.upperBound
        ? "±\(range.upperBound)" : "\(range.lowerBound)...\(range.upperBound)"
      return "\(key)[\(k)] is \(values[k]); expected within \(bounds)"
    }
    let β = Limits.coefficient
    let checks: [() -> String?] = [
      { outside("features.means", features.means, -Limits.featureMean...Limits.featureMean) },
      { outside("features.standardDeviations", features.standardDeviations, Limits.featureScale) },
      { outside("delinquency.coefficients", delinquency.coefficients, -β...β) },
      {
        outside(
          "delinquencyCalibration.shift", delinquencyCalibration.map { [$0.shift] } ?? [], -β...β)
      },
      {
        outside(
          "openInvoiceCalibration.slope", openInvoiceCalibration.map { [$0.slope] } ?? [], -β...β)
      },
      { outside("timeToPaymentCox.coefficients", timeToPaymentCox.coefficients, -β...β) },
      {
        outside(
          "timeToPaymentCox.trainingMean", timeToPaymentCox.trainingMean,
          -Limits.trainingMean...Limits.trainingMean)
      },
      {
        outside(
          "timeToPaymentCox.baseline.times", timeToPaymentCox.baseline.times, Limits.baselineTime)
      },
      {
        outside(
          "timeToPaymentCox.baseline.cumulativeHazard",
          timeToPaymentCox.baseline.cumulativeHazard, Limits.cumulativeHazard)
      },
      { outside("timeToPaymentWeibull.coefficients", timeToPaymentWeibull.coefficients, -β...β) },
      {
        Limits.logRho >= abs(timeToPaymentWeibull.logRho)
          ? nil
          : "timeToPaymentWeibull.logRho is \(timeToPaymentWeibull.logRho); expected within ±\(Limits.logRho)"
      },
      {
        timeToPaymentCure.flatMap { cure in
          outside(
            "timeToPaymentCure.incidenceCoefficients", cure.incidenceCoefficients,
            -Limits.incidenceCoefficient...Limits.incidenceCoefficient)
            ?? outside("timeToPaymentCure.latencyCoefficients", cure.latencyCoefficients, -β...β)
            ?? (Limits.logRho >= abs(cure.logRho)
              ? nil
              : "timeToPaymentCure.logRho is \(cure.logRho); expected within ±\(Limits.logRho)")
        }
      },
      {
        Limits.shrinkage.contains(shrinkage)
          ? nil : "shrinkage is \(shrinkage); expected within \(Limits.shrinkage)"
      },
      {
        Limits.lateDays.contains(lateDays)
          ? nil : "lateDays is \(lateDays); expected within \(Limits.lateDays)"
      },
      {
        Day.supportedRange.contains(asOf)
          ? nil
          : "asOf is \(asOf); expected within \(Day.supportedRange.lowerBound)...\(Day.supportedRange.upperBound)"
      },
    ]
    for check in checks {
      if let problem = check() { return problem }
    }
    return nil
  }
}
