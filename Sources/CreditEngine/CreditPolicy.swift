/// The credit policy: grades, score points, limits and holds.
///
/// Every number can be overridden from a JSON file (`--policy`); missing keys keep these
/// defaults, an unknown key or a value out of `Limits` is an error naming it.
///
/// Defaults, and why:
/// - Grades by PD of the customer's next invoice: A < 2% <= B < 5% <= C < 10% <= D < 20% <= E.
/// - Points: 600 at good:bad odds of 50:1, 20 points to double the odds (the usual scorecard scaling).
/// - Recommended limit: average monthly invoicing over the last 365 days x a grade factor
///   (A 3, B 2.5, C 2, D 1, E 0.5 months of sales), moved at most +50% / -50% from the current
///   limit in one review, rounded to 1,000 (to 100 below 10,000).
/// - Hold: any invoice more than 60 days past due, grade E, or open balance above 100% of the limit.
///   A file that leaves `holdGrades` out holds its worst grade, the last of `gradeNames` (E for
///   the default names; F for six grades A-F).
public struct CreditPolicy: Codable, Sendable, Equatable, SettingsFile {
  public var gradeBounds: [Double] = [0.02, 0.05, 0.10, 0.20]
  public var gradeNames: [String] = ["A", "B", "C", "D", "E"]
  public var scoreBase: Double = 600
  public var scoreBaseOdds: Double = 50
  public var pointsToDoubleOdds: Double = 20
  public var gradeLimitFactors: [String: Double] = ["A": 3, "B": 2.5, "C": 2, "D": 1, "E": 0.5]
  public var volumeLookbackDays: Int = 365
  public var maximumIncrease: Double = 0.5
  public var maximumDecrease: Double = 0.5
  public var holdDaysPastDue: Int = 60
  /// The grades put on hold; read from a file that leaves it out, the worst grade (the last of
  /// `gradeNames`).
  public var holdGrades: [String] = ["E"]
  public var holdUtilisation: Double = 1.0
  /// Days without any invoice or payment after which a customer with no balance is dormant
  /// (left out of customers.csv).
  public var activityLookbackDays: Int = 365
  /// The share of an invoice lost when it is never paid, after recoveries.
  ///
  /// Not stated by default: worklist.csv then has no `expected_loss` column; stated, it gains
  /// `expected_loss = amount × (1 − p_paid_ever) × lossGivenDefault`.
  public var lossGivenDefault: Double?

  public init() {}

  /// Reads the keys a policy file gives over the defaults (`SettingsFile`).
  public mutating func read(_ decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    gradeBounds = try c.value(.gradeBounds, or: gradeBounds)
    gradeNames = try c.value(.gradeNames, or: gradeNames)
    scoreBase = try c.value(.scoreBase, or: scoreBase)
    scoreBaseOdds = try c.value(.scoreBaseOdds, or: scoreBaseOdds)
    pointsToDoubleOdds = try c.value(.pointsToDoubleOdds, or: pointsToDoubleOdds)
    // Factors not given keep their defaults (for the grades that are still named).
    gradeLimitFactors = gradeLimitFactors.filter { gradeNames.contains($0.key) }
      .merging(try c.value(.gradeLimitFactors, or: [:])) { $1 }
    volumeLookbackDays = try c.value(.volumeLookbackDays, or: volumeLookbackDays)
    maximumIncrease = try c.value(.maximumIncrease, or: maximumIncrease)
    maximumDecrease = try c.value(.maximumDecrease, or: maximumDecrease)
    holdDaysPastDue = try c.value(.holdDaysPastDue, or: holdDaysPastDue)
    // Left out, the worst grade is held: a policy with more or fewer grades than A-E holds
    // its own worst one, not whichever grade happens to be called E.
    holdGrades = try c.value(.holdGrades, or: gradeNames.last.map { [$0] } ?? [])
    holdUtilisation = try c.value(.holdUtilisation, or: holdUtilisation)
    activityLookbackDays = try c.value(.activityLookbackDays, or: activityLookbackDays)
    lossGivenDefault = try c.decodeIfPresent(Double.self, forKey: .lossGivenDefault)
    try checkGradeBounds()
  }

  /// The grade of a PD.
  public func grade(pd: Double) -> String {
    for (k, bound) in gradeBounds.enumerated() where pd < bound { return gradeNames[k] }
    return gradeNames[gradeBounds.count]
  }

  /// Score points: `base + factor ln(odds / baseOdds)`, odds = (1 − pd)/pd, factor = PDO / ln 2.
  public func points(pd: Double) -> Int {
    let p = min(max(pd, 1e-6), 1 - 1e-6)
    let factor = pointsToDoubleOdds / log(2.0)
    let score = scoreBase + factor * (log((1 - p) / p) - log(scoreBaseOdds))
    return Int(score.rounded())
  }

  /// Rounds a limit: to 1,000, or to 100 below 10,000.
  public func roundLimit(_ x: Double) -> Double {
    let unit = roundingUnit(x)
    return (x / unit).rounded() * unit
  }

  /// The unit `roundLimit` rounds `x` to: 1,000 from 10,000 on, 100 below.
  public func roundingUnit(_ x: Double) -> Double { x >= 10_000 ? 1000 : 100 }
}

/// A policy or ladder file that cannot be used.
public enum PolicyError: Error, CustomStringConvertible {
  case invalid(String)
  /// A problem with the value at a key path of the file (`steps[0].daysFromDue`), which a
  /// reader of the file's text can place at its line and column (`SettingsText.place`).
  case invalidKey(String, reason: String)

  /// What is wrong and what was expected.
  public var reason: String {
    switch self {
    case .invalid(let s), .invalidKey(_, let s): return s
    }
  }

  /// The key path of the value the problem is in; nil when it is in no one key.
  public var key: String? {
    switch self {
    case .invalid: return nil
    case .invalidKey(let key, _): return key
    }
  }

  public var description: String { "invalid policy: \(reason)" }
}

#if canImport(Glibc)
  import Glibc
#endif
