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
