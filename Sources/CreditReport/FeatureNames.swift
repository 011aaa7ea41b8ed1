import CreditEngine
import CreditModels

/// Design column names in words, for coefficient tables a credit manager reads.
public enum FeatureNames {
  /// `log_amount` → `invoice amount (log)`, `region=EMEA` → `region: EMEA`; other names
  /// (the intercept) as they are.
  ///
  /// The Weibull model's scale coefficients (`lambda_:log_amount`, as lifelines names them)
  /// read as the feature's own words, and its shape's (`rho_:Intercept`) as `shape (log rho)`.
  public static func readable(_ name: String) -> String {
    if name.hasPrefix(weibullScale) { return readable(String(name.dropFirst(weibullScale.count))) }
    if name == weibullShape { return "shape (log rho)" }
    if let feature = NumericFeature(name: name) { return feature.label }
    for prefix in ["region", "industry"] where name.hasPrefix(prefix + "=") {
      return prefix + ": " + name.dropFirst(prefix.count + 1)
    }
    return name
  }

  /// The prefix of the Weibull model's scale coefficients.
  static let weibullScale = "lambda_:"

  /// The Weibull model's shape coefficient (the log of rho).
  static let weibullShape = "rho_:Intercept"
}

extension CoefficientTable {
  /// The table with its rows named in words (`FeatureNames.readable`).
  public func withReadableNames() -> CoefficientTable {
    var table = self
    for i in table.rows.indices { table.rows[i].name = FeatureNames.readable(table.rows[i].name) }
    return table
  }
}
