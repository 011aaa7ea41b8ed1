import CreditEngine
import CreditModels

/// Design column names in words, for coefficient tables a credit manager reads.
public enum FeatureNames {
  /// `log_amount` → `invoice amount (log)`, `region=EMEA` → `region: EMEA`; other names
  /// (the intercept, a Weibull shape) as they are.
  public static func readable(_ name: String) -> String {
    if let feature = NumericFeature(name: name) { return feature.label }
    for prefix in ["region", "industry"] where name.hasPrefix(prefix + "=") {
      return prefix + ": " + name.dropFirst(prefix.count + 1)
    }
    return name
  }
}

extension CoefficientTable {
  /// The table with its rows named in words (`FeatureNames.readable`).
  public func withReadableNames() -> CoefficientTable {
    var table = self
    for i in table.rows.indices { table.rows[i].name = FeatureNames.readable(table.rows[i].name) }
    return table
  }
}
