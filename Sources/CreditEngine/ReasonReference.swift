import Parallelism

/// The portfolio's reference for reason codes: per design column (without intercept) its
/// factor, the direction the model's coefficient gives, the median contribution to the
/// log-odds and the median of the plain value over the listed customers.
struct ReasonReference: Sendable {
  var factors: [ReasonFactor]
  var higherIsAdverse: [Bool]
  var medianContribution: [Double]
  var medianValue: [Double?]

  init(
    factors: [ReasonFactor], higherIsAdverse: [Bool], medianContribution: [Double],
    medianValue: [Double?]
  ) {
    self.factors = factors
    self.higherIsAdverse = higherIsAdverse
    self.medianContribution = medianContribution
    self.medianValue = medianValue
  }

  /// - Parameters:
  ///   - contributions: per listed customer, each column's `coefficient × value`.
  ///   - facts: per listed customer, in the same order.
  init(
    _ features: FeatureSpec, coefficients: [Double], contributions: [[Double]],
    facts: [CustomerFacts]
  ) {
    let columns = contributions.first?.count ?? 0
    self.init(
      factors: (0..<columns).map { j in
        if j < features.numeric.count { return .feature(features.numeric[j]) }
        let r = j - features.numeric.count
        if r < features.regionLevels.count { return .region(features.regionLevels[r]) }
        return .industry(features.industryLevels[r - features.regionLevels.count])
      },
      // Coefficient 0 is the intercept.
      higherIsAdverse: (0..<columns).map { coefficients[$0 + 1] > 0 },
      contributions: contributions, facts: facts)
  }

  /// The medians over the customers of `contributions` and `facts` (one entry per customer,
  /// in any order: medians do not depend on it), for the columns `factors`.
  init(
    factors: [ReasonFactor], higherIsAdverse: [Bool], contributions: [[Double]],
    facts: [CustomerFacts]
  ) {
    self.factors = factors
    self.higherIsAdverse = higherIsAdverse
    // A column at a time, the columns on both cores.
    medianContribution = Parallel.array(factors.count, minimumChunk: 1) { j in
      var column = contributions.map { $0[j] }
      return SampleStatistics.median(sorting: &column) ?? 0
    }
    medianValue = Parallel.array(factors.count, minimumChunk: 1) { j in
      var values = facts.compactMap { factors[j].value(of: $0) }
      return SampleStatistics.median(sorting: &values)
    }
  }

  /// The customer's adverse factors, largest contribution above the portfolio's median first
  /// (ties by factor name), at most `limit`.
  ///
  /// A factor qualifies only when (1) its contribution to the customer's log-odds is above the
  /// portfolio's median contribution, (2) the customer's own value is strictly on the adverse
  /// side of the portfolio's median value (above it when the coefficient is positive, below
  /// when negative), (3) a yes/no factor is one the customer has, and (4) an adverse amount of
  /// money is positive.
  func reasons(contributions: [Double], facts: CustomerFacts, limit: Int = 3)
    -> [CustomerReason]
  {
    var found: [CustomerReason] = []
    for (j, factor) in factors.enumerated() {
      let logOdds = contributions[j] - medianContribution[j]
      guard logOdds > 1e-12, let value = factor.value(of: facts), let typical = medianValue[j]
      else { continue }
      let high = higherIsAdverse[j]
      guard high ? value > typical : value < typical else { continue }
      if factor.isFlag && !(high && value == 1) { continue }
      if factor.isMoney && high && value <= 0 { continue }
      found.append(
        CustomerReason(
          factor: factor, higherIsAdverse: high, value: value, typical: typical,
          logOdds: logOdds))
    }
    // Names (text for a region or industry) only where contributions tie.
    found.sort { a, b in
      a.logOdds != b.logOdds ? a.logOdds > b.logOdds : a.factor.name < b.factor.name
    }
    return Array(found.prefix(limit))
  }

  /// The words of the customer's reasons (`reasons(contributions:facts:)`), in order.
  func texts(contributions: [Double], facts: CustomerFacts) -> [String] {
    reasons(contributions: contributions, facts: facts).map { $0.text(facts) }
  }
}
