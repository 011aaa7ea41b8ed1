import CreditData

#if canImport(Glibc)
  import Glibc
#endif

extension NumericFeature {
  /// The feature in words, for coefficient tables and explanations.
  public var label: String {
    switch self {
    case .logAmount: return "invoice amount (log)"
    case .terms: return "payment terms (months)"
    case .disputed: return "invoice disputed"
    case .paperless: return "electronic billing"
    case .logPriorInvoices: return "earlier invoices (log)"
    case .priorLateRate: return "share of earlier invoices late"
    case .priorMeanDaysLate: return "average days late"
    case .logDaysSinceLate: return "days since the last late payment (log)"
    case .logOpenBalance: return "open balance (log)"
    case .logOverdueBalance: return "overdue balance (log)"
    case .utilisation: return "open balance / credit limit"
    case .hasCreditLimit: return "has a credit limit"
    case .logTenure: return "relationship length (log)"
    case .priorLogPace: return "earlier invoices' time to pay over their terms (log)"
    }
  }

  /// A raw value of the feature (as `FeatureBuilder` writes it) in the units a credit
  /// manager reads: the amount behind a logarithm, days behind months, a share in percent.
  public func describe(_ raw: Double) -> String {
    let whole = { (x: Double) in max(0, expm1(x)).rounded() }
    switch self {
    case .logAmount: return "invoice of \(AmountText.money(whole(raw)))"
    case .terms: return "\(Int((raw * 30).rounded())) days' terms"
    case .disputed: return raw > 0.5 ? "disputed" : "not disputed"
    case .paperless: return raw > 0.5 ? "electronic" : "paper"
    case .logPriorInvoices: return "\(MessageText.grouped(Int(whole(raw)))) earlier invoices"
    case .priorLateRate: return "\(AmountText.percent(raw)) of earlier invoices late"
    case .priorMeanDaysLate: return "\(AmountText.oneDecimal(raw)) days late on average"
    case .logDaysSinceLate:
      let days = Int(whole(raw))
      return days >= FeatureBuilder.horizonDays
        ? "no late payment in the last \(AmountText.duration(days: FeatureBuilder.horizonDays))"
        : "last late payment \(AmountText.duration(days: days)) ago"
    case .logOpenBalance: return "open balance \(AmountText.money(whole(raw)))"
    case .logOverdueBalance: return "overdue balance \(AmountText.money(whole(raw)))"
    case .utilisation: return "\(AmountText.percent(raw)) of the credit limit in use"
    case .hasCreditLimit: return raw > 0.5 ? "has a credit limit" : "no credit limit"
    case .logTenure: return "customer for \(AmountText.duration(days: Int(whole(raw))))"
    case .priorLogPace:
      return "earlier invoices paid in \(AmountText.percent(exp(raw))) of their terms"
    }
  }

  /// A duration feature's value in whole days to the as-of date, from a customer's `facts`.
  ///
  /// In the words of `describe(_:)`; the feature itself counts to the issue date of the
  /// customer's typical next invoice, the day after, so that a late payment on the as-of date
  /// would read "1 day ago" where customers.csv says 0 days. Nil for the other features, and
  /// for a tenure that is not known.
  public func describe(_ facts: CustomerFacts) -> String? {
    switch self {
    case .logDaysSinceLate:
      let cap = FeatureBuilder.horizonDays
      let days = min(facts.daysSinceLate ?? cap, cap)
      return days >= cap
        ? "no late payment in the last \(AmountText.duration(days: cap))"
        : "last late payment \(AmountText.duration(days: days)) ago"
    case .logTenure:
      return facts.tenureDays.map { "customer for \(AmountText.duration(days: $0))" }
    default: return nil
    }
  }
}
