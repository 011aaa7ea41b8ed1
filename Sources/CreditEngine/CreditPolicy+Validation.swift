extension CreditPolicy {
  /// The allowed range of each number of a policy file.
  ///
  /// Generous for any real policy, and narrow enough that score points, limits and dates
  /// computed from them stay finite and fit an `Int` (a score base of 10³⁰⁰ used to trap when
  /// the points were rounded).
  public enum Limits {
    public static let gradeBound = 1e-9...(1 - 1e-9)
    public static let gradeCount = 1...50
    public static let scoreBase = -10_000.0...10_000.0
    public static let scoreBaseOdds = 1e-3...1e6
    public static let pointsToDoubleOdds = 1.0...1_000.0
    /// Months of sales.
    public static let gradeLimitFactor = 0.0...120.0
    public static let lookbackDays = 1...3_650
    public static let maximumIncrease = 0.0...100.0
    public static let maximumDecrease = 0.0...1.0
    public static let holdDaysPastDue = 0...3_650
    public static let holdUtilisation = 0.0...100.0
    /// A share of the amount.
    public static let lossGivenDefault = 0.0...1.0
    /// Characters of a grade name.
    public static let nameLength = 1...100
  }

  /// Checks every key against `Limits`.
  /// - Throws: `PolicyError.invalid` naming the first key out of range and its range.
  public func validate() throws {
    typealias L = Limits
    try PolicyError.check("gradeBounds", gradeBounds, within: L.gradeBound)
    try PolicyError.check("scoreBase", [scoreBase], within: L.scoreBase)
    try PolicyError.check("scoreBaseOdds", [scoreBaseOdds], within: L.scoreBaseOdds)
    try PolicyError.check("pointsToDoubleOdds", [pointsToDoubleOdds], within: L.pointsToDoubleOdds)
    for (grade, factor) in gradeLimitFactors.sorted(by: { $0.key < $1.key }) {
      try PolicyError.check("gradeLimitFactors.\(grade)", [factor], within: L.gradeLimitFactor)
    }
    try PolicyError.check("volumeLookbackDays", volumeLookbackDays, within: L.lookbackDays)
    try PolicyError.check("activityLookbackDays", activityLookbackDays, within: L.lookbackDays)
    try PolicyError.check("maximumIncrease", [maximumIncrease], within: L.maximumIncrease)
    try PolicyError.check("maximumDecrease", [maximumDecrease], within: L.maximumDecrease)
    try PolicyError.check("holdDaysPastDue", holdDaysPastDue, within: L.holdDaysPastDue)
    try PolicyError.check("holdUtilisation", [holdUtilisation], within: L.holdUtilisation)
    if let lgd = lossGivenDefault {
      try PolicyError.check("lossGivenDefault", [lgd], within: L.lossGivenDefault)
    }
    try PolicyError.check("gradeNames", gradeNames.count, within: L.gradeCount, what: "entries")
    for (k, name) in gradeNames.enumerated() {
      try PolicyError.check(
        "gradeNames[\(k)]", name.count, within: L.nameLength, what: "characters")
    }
    try checkGradeNames()
  }
}

extension PolicyError {
  /// Throws unless every value lies in `range` (which a NaN never does).
  static func check(_ key: String, _ values: [Double], within range: ClosedRange<Double>) throws {
    guard let k = values.firstIndex(where: { !range.contains($0) }) else { return }
    let name = values.count > 1 ? "\(key)[\(k)]" : key
    throw PolicyError.invalidKey(
      name, reason: "\(name) is \(values[k]); expected \(range.lowerBound)...\(range.upperBound)")
  }

  /// Throws unless `value` lies in `range`; `what` names the unit of a count.
  static func check(
    _ key: String, _ value: Int, within range: ClosedRange<Int>, what: String = ""
  ) throws {
    guard !range.contains(value) else { return }
    let unit = what.isEmpty ? "" : " \(what)"
    throw PolicyError.invalidKey(
      key,
      reason: "\(key) \(what.isEmpty ? "is" : "has") \(value)\(unit); expected "
        + "\(range.lowerBound)...\(range.upperBound)\(unit)")
  }
}
