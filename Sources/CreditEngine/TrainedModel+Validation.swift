import CreditModels

extension TrainedModel {
  /// The first reason this model cannot be scored with, or nil when its parts fit together.
  ///
  /// A model file is data from outside the process: a hand-edited or damaged file must give
  /// an error, not an index out of range (a trap) or NaN in every output. Checked: one
  /// mean and a positive finite standard deviation per numeric feature, distinct category
  /// levels, coefficient counts matching the design's width (with a name and a standard error
  /// each), finite numbers throughout and a baseline hazard that is a non-decreasing step
  /// function.
  public func consistencyProblem() -> String? {
    let f = features
    let k = f.numeric.count
    guard f.means.count == k, f.standardDeviations.count == k else {
      return "\(k) numeric features but \(f.means.count) means and "
        + "\(f.standardDeviations.count) standard deviations"
    }
    if let j = f.standardDeviations.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
      return "standard deviation of '\(f.numeric[j].name)' is not a positive number"
    }
    if !f.means.allSatisfy(\.isFinite) { return "a feature mean is not a finite number" }
    for (name, levels, baseline) in [
      ("region", f.regionLevels, f.regionBaseline),
      ("industry", f.industryLevels, f.industryBaseline),
    ] where Set(levels).count != levels.count || levels.contains(baseline) {
      return "\(name) levels repeat or include the baseline"
    }
    let p = 1 + k + f.regionLevels.count + f.industryLevels.count
    let weibull = timeToPaymentWeibull
    let checks: [ParameterCheck] = [
      ParameterCheck(
        name: "delinquency", expected: p, names: delinquency.featureNames.count,
        values: delinquency.coefficients, standardErrors: delinquency.standardErrors.count),
      ParameterCheck(
        name: "timeToPaymentWeibull", expected: p, names: weibull.featureNames.count,
        values: weibull.coefficients + [weibull.logRho],
        standardErrors: weibull.standardErrors.count - 1),
      ParameterCheck(
        name: "timeToPaymentCox", expected: p - 1, names: timeToPaymentCox.featureNames.count,
        values: timeToPaymentCox.coefficients,
        standardErrors: timeToPaymentCox.standardErrors.count),
    ]
    for check in checks {
      if let problem = check.problem { return problem }
    }
    if let problem = namesProblem() { return problem }
    let baseline = timeToPaymentCox.baseline
    let times = baseline.times
    let hazard = baseline.cumulativeHazard
    guard times.count == hazard.count else {
      return "baseline has \(times.count) times but \(hazard.count) cumulative hazards"
    }
    guard times.allSatisfy(\.isFinite), hazard.allSatisfy({ $0.isFinite && $0 >= 0 }),
      zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }),
      zip(hazard, hazard.dropFirst()).allSatisfy({ $0 <= $1 })
    else {
      return "baseline cumulative hazard is not a non-decreasing step function of finite numbers"
    }
    guard lateDays >= 1, shrinkage.isFinite, shrinkage >= 0 else {
      return "lateDays must be at least 1 and shrinkage a non-negative number"
    }
    return trainingPopulation?.consistencyProblem()
  }
}

extension TrainedModel {
  /// Each fit's column names against the design's (`FeatureSpec.columnNames`, after the
  /// intercept where the fit has one), in order.
  ///
  /// The coefficients are applied by position, so names out of line with the design (two
  /// features swapped by hand, with their means and scales) would score every customer on
  /// the wrong scaling without a sign; the names say where the positions no longer agree.
  func namesProblem() -> String? {
    let columns = features.columnNames
    let withIntercept = ["Intercept"] + columns
    var fits: [(String, [String], [String])] = [
      ("delinquency.featureNames", delinquency.featureNames, withIntercept),
      ("timeToPaymentWeibull.featureNames", timeToPaymentWeibull.featureNames, withIntercept),
      ("timeToPaymentCox.featureNames", timeToPaymentCox.featureNames, columns),
    ]
    if let cure = timeToPaymentCure {
      fits.append(("timeToPaymentCure.latencyNames", cure.latencyNames, withIntercept))
      fits.append(("timeToPaymentCure.incidenceNames", cure.incidenceNames, withIntercept))
    }
    for (key, names, expected) in fits where names != expected {
      guard let j = names.indices.first(where: { $0 < expected.count && names[$0] != expected[$0] })
      else {
        return "\(key) has \(names.count) names; expected \(expected.count)"
      }
      return "\(key)[\(j)] is '\(names[j])' where the features (features.numeric and the "
        + "category levels) put '\(expected[j])'; expected the names in the features' order"
    }
    return nil
  }
}

/// The shape and values of one fitted model's parameters against the design's width.
private struct ParameterCheck {
  var name: String
  /// Coefficients the design needs.
  var expected: Int
  /// Feature names in the fit.
  var names: Int
  /// The coefficients (and, for Weibull, log ρ after them).
  var values: [Double]
  /// Standard errors of the coefficients.
  var standardErrors: Int

  var problem: String? {
    let count = name == "timeToPaymentWeibull" ? values.count - 1 : values.count
    guard count == expected else {
      return "\(name) has \(count) coefficients; the features need \(expected)"
    }
    guard names == expected, standardErrors == expected else {
      return "\(name) has \(names) names and \(standardErrors) standard errors for "
        + "\(expected) coefficients"
    }
    guard values.allSatisfy(\.isFinite) else {
      return "\(name) has a coefficient that is not a finite number"
    }
    return nil
  }
}
