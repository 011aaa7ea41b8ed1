/// A fitted model's coefficient table, lifelines' columns, as data; rendering lives in CreditReport.
public struct CoefficientTable: Sendable {
  /// One coefficient.
  public struct Row: Sendable {
    public var name: String
    public var estimate: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double
    public var z: Double
    public var p: Double
  }

  /// Title, for example "Logistic regression".
  public var title: String
  /// Header facts in display order: ("observations", "2466"), ("log-likelihood", ...).
  public var facts: [(String, String)]
  /// The coefficients.
  public var rows: [Row]
  /// Confidence level of `lower`/`upper`, for example 0.95.
  public var confidence: Double

  public init(title: String, facts: [(String, String)], rows: [Row], confidence: Double) {
    self.title = title
    self.facts = facts
    self.rows = rows
    self.confidence = confidence
  }

  /// A table of `waldRows` at confidence `1 − alpha`.
  public init(
    title: String, facts: [(String, String)], names: [String], estimates: [Double],
    standardErrors: [Double], alpha: Double
  ) {
    self.init(
      title: title, facts: facts,
      rows: Self.waldRows(
        names: names, estimates: estimates, standardErrors: standardErrors, alpha: alpha),
      confidence: 1 - alpha)
  }

  /// How a Newton fit ended, as facts: its iterations and whether (by which rule) it converged.
  public static func newtonFacts(
    iterations: Int, converged: Bool, rule: ConvergenceRule
  ) -> [(String, String)] {
    [("iterations", "\(iterations)"), ("converged", converged ? "yes (\(rule.rawValue))" : "no")]
  }

  /// A fitted statistic for the header facts, rounded to `decimals` places.
  ///
  /// The summaries give 4 places for likelihoods and AIC, 6 for ratios. Rounded, the facts
  /// read the same on every machine: the last of a likelihood's 17 digits moves with the BLAS
  /// kernel that OpenBLAS picks for the processor.
  public static func statistic(_ value: Double, decimals: Int) -> String {
    precondition((0...9).contains(decimals), "decimals must be in 0...9")
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard value.isFinite, scaled < 9.0e18 else { return "\(value)" }
    let digits = String(UInt64(scaled))
    let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
    let point = padded.index(padded.endIndex, offsetBy: -decimals)
    let sign = value < 0 && scaled > 0 ? "-" : ""
    return sign + padded[..<point] + (decimals > 0 ? "." + padded[point...] : "")
  }

  /// Builds rows from estimates and standard errors with Wald z, two-sided p and CI.
  public static func waldRows(
    names: [String], estimates: [Double], standardErrors: [Double], alpha: Double
  ) -> [Row] {
    let q = Normal.quantile(1 - alpha / 2)
    return names.indices.map { k in
      let b = estimates[k]
      let se = standardErrors[k]
      let z = b / se
      return Row(
        name: names[k], estimate: b, standardError: se, lower: b - q * se, upper: b + q * se,
        z: z, p: 2 * Normal.survival(abs(z)))
    }
  }
}
