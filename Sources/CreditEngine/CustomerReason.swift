/// What a reason is about: one of the model's numeric features, or a region or industry
/// level with a column of its own.
public enum ReasonFactor: Sendable, Hashable {
  case feature(NumericFeature)
  case region(String)
  case industry(String)

  /// A stable name (the design column's), for ordering ties and for tests.
  public var name: String {
    switch self {
    case .feature(let f): return f.name
    case .region(let level): return "region=\(level)"
    case .industry(let level): return "industry=\(level)"
    }
  }
}

/// One reason code of a customer (a `reason_k` cell of customers.csv), with its numbers.
///
/// A reason fires only when the customer's own value of the factor lies on the adverse side
/// of the portfolio's median of that value, the side given by the sign of the model's
/// coefficient, and the factor's contribution to the customer's log-odds is above the
/// portfolio's median contribution; the customer's three largest such contributions are
/// its reasons.
public struct CustomerReason: Sendable, Equatable {
  public var factor: ReasonFactor
  /// Higher values of the factor raise the PD in the model (its coefficient is positive).
  public var higherIsAdverse: Bool
  /// The customer's own value (`ReasonFactor.value(of:)`'s units) and the portfolio's median.
  public var value: Double
  public var typical: Double
  /// The factor's contribution to the customer's log-odds minus the portfolio's median one.
  public var logOdds: Double
  // In words (`text(_:)`), made from the customer's facts when read: at 200k customers the
  // texts of all reasons, kept from scoring to the writing of customers.csv, were 60 MB.
}

extension ReasonFactor {
  /// The customer's own value of the factor, in plain units, as the reason states it.
  ///
  /// Nil where it has none (a late share before any outcome is known).
  /// Money in the reporting currency, terms and durations in days, shares as fractions,
  /// counts as counts, yes/no as 1/0. Each rises with the model's feature (the feature is a
  /// logarithm, a capped or shrunk version of it), so "higher" means the same for both.
  public func value(of f: CustomerFacts) -> Double? {
    switch self {
    case .region(let level): return f.region == level ? 1 : 0
    case .industry(let level): return f.industry == level ? 1 : 0
    case .feature(let feature):
      switch feature {
      case .logAmount: return f.typicalAmount
      case .terms: return Double(f.termsDays)
      case .disputed: return 0  // the typical next invoice is not disputed
      case .paperless: return f.paperless ? 1 : 0
      case .logPriorInvoices: return Double(f.invoices)
      case .priorLateRate: return f.lateShare
      case .priorMeanDaysLate: return f.meanDaysLate
      case .logDaysSinceLate:
        let cap = FeatureBuilder.horizonDays
        return Double(min(f.daysSinceLate ?? cap, cap))
      case .logOpenBalance: return f.openBalance
      case .logOverdueBalance: return f.overdueBalance
      case .utilisation: return f.utilisation
      case .hasCreditLimit: return (f.creditLimit ?? 0) > 0 ? 1 : 0
      case .logTenure: return f.tenureDays.map(Double.init)
      case .priorLogPace: return f.paceRatio
      }
    }
  }

  /// A category level or the dispute flag: only being in it can be a reason (not being in a
  /// region says nothing a credit manager can use).
  var isFlag: Bool {
    switch self {
    case .region, .industry, .feature(.disputed): return true
    default: return false
    }
  }

  /// Money factors: an adverse "high" needs a positive amount.
  var isMoney: Bool {
    switch self {
    case .feature(.logOpenBalance), .feature(.logOverdueBalance), .feature(.logAmount): return true
    default: return false
    }
  }
}
