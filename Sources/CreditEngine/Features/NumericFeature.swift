/// The numeric features of an invoice, each computed from what was known at its issue date.
///
/// The order of the cases is the layout, defined here once: a feature's `position` in a row
/// of `RawFeatures` (and its place among the design's numeric columns) is its `rawValue`, so
/// the names (`FeatureSpec.columnNames`), the positions and the values the feature sweep
/// writes (`FeatureBuilder`, by `position`) all follow from this list.
public enum NumericFeature: Int, CaseIterable, Sendable {
  case logAmount
  case terms
  case disputed
  case paperless
  case logPriorInvoices
  case priorLateRate
  case priorMeanDaysLate
  case logDaysSinceLate
  case logOpenBalance
  case logOverdueBalance
  case utilisation
  case hasCreditLimit
  case logTenure
  case priorLogPace

  /// The feature's position in a row of raw features: its place in `allCases`.
  @inlinable public var position: Int { rawValue }

  /// The column name in the design, coefficient tables and model file.
  public var name: String {
    switch self {
    case .logAmount: return "log_amount"
    case .terms: return "terms_30"
    case .disputed: return "disputed"
    case .paperless: return "paperless"
    case .logPriorInvoices: return "log_prior_invoices"
    case .priorLateRate: return "prior_late_rate"
    case .priorMeanDaysLate: return "prior_mean_days_late"
    case .logDaysSinceLate: return "log_days_since_late"
    case .logOpenBalance: return "log_open_balance"
    case .logOverdueBalance: return "log_overdue_balance"
    case .utilisation: return "utilisation"
    case .hasCreditLimit: return "has_credit_limit"
    case .logTenure: return "log_tenure"
    case .priorLogPace: return "prior_log_pace"
    }
  }

  /// What the feature means, in the words a credit manager uses (for reason codes).
  public var adverseReason: String {
    switch self {
    case .logAmount: return "Large invoice amount"
    case .terms: return "Long payment terms"
    case .disputed: return "Invoice in dispute"
    case .paperless: return "Paper (not electronic) billing"
    case .logPriorInvoices: return "Short invoice history"
    case .priorLateRate: return "High share of invoices paid late"
    case .priorMeanDaysLate: return "Pays many days late on average"
    case .logDaysSinceLate: return "Recent late payment"
    case .logOpenBalance: return "High open balance"
    case .logOverdueBalance: return "High overdue balance"
    case .utilisation: return "High use of credit limit"
    case .hasCreditLimit: return "Credit limit status"
    case .logTenure: return "Short relationship"
    case .priorLogPace: return "Slow to pay for its terms"
    }
  }

  /// The feature called `name`, if any.
  public init?(name: String) {
    guard let feature = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = feature
  }
}

extension NumericFeature: Codable {
  /// Decodes a feature from its `name`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let name = try c.decode(String.self)
    guard let feature = NumericFeature(name: name) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown feature '\(name)'")
    }
    self = feature
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(name)
  }
}
