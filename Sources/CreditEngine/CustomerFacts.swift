import CreditData

#if canImport(Glibc)
  import Glibc
#endif

/// What a customer's reasons quote: its own values at the as-of date, in the units a credit
/// manager uses, each the plain value behind one of the model's features.
public struct CustomerFacts: Sendable, Equatable {
  /// Open amount (credit notes included), and the part past due.
  public var openBalance: Double
  public var overdueBalance: Double
  /// The amount and terms of its typical next invoice (median amount, most frequent terms).
  public var typicalAmount: Double
  public var termsDays: Int
  /// Billed electronically (its latest invoice).
  public var paperless: Bool
  /// The credit limit the model saw, if any.
  public var creditLimit: Double?
  /// Invoices and credit notes issued by the as-of date.
  public var invoices: Int
  /// Invoices (positive amounts) whose outcome is known, and those of them late (more than
  /// `lateDays` past due, paid or not).
  public var knownOutcomes: Int
  public var lateInvoices: Int
  public var lateDays: Int
  /// Paid invoices and their mean days paid after due (each capped at a year).
  public var paidInvoices: Int
  public var meanDaysLate: Double?
  /// Days from the day its latest late invoice became late to the as-of date (nil: never).
  public var daysSinceLate: Int?
  /// Days from `customer_since` (or the first invoice) to the as-of date.
  public var tenureDays: Int?
  /// The region and industry of its latest invoice.
  public var region: String
  public var industry: String
  /// How long its paid invoices took for their terms: the geometric mean over them of
  /// `(days from issue to payment + 1) / (days of terms + 1)` (nil before any is paid): 1 is
  /// paid on the due date, 2 twice the terms, 0.5 in half of them.
  public var paceRatio: Double? = nil

  /// Share of the known outcomes that were late (nil before any is known).
  public var lateShare: Double? {
    knownOutcomes > 0 ? Double(lateInvoices) / Double(knownOutcomes) : nil
  }

  /// Open balance over the credit limit (nil without a positive limit).
  public var utilisation: Double? {
    creditLimit.flatMap { $0 > 0 ? max(openBalance, 0) / $0 : nil }
  }
}

extension CustomerFacts {
  /// The facts of customer `c` from its tally and its probe (its typical next invoice).
  init(
    _ portfolio: Portfolio, customer c: Int, tally t: CustomerTally, probe: FeatureQuery,
    region: String, industry: String, rule: DelinquencyRule
  ) {
    let asOf = portfolio.asOf
    let since = portfolio.customers[c]?.customerSince ?? t.firstIssue
    let r = t.record
    self.init(
      openBalance: t.openBalance, overdueBalance: t.overdueBalance, typicalAmount: probe.amount,
      termsDays: probe.termsDays, paperless: probe.paperless, creditLimit: probe.creditLimit,
      invoices: r.issued, knownOutcomes: r.known, lateInvoices: r.late,
      lateDays: rule.lateDays, paidInvoices: r.paid,
      meanDaysLate: r.paid > 0 ? r.sumDaysLate / Double(r.paid) : nil,
      daysSinceLate: r.lastLate.map { asOf.days(since: $0) },
      tenureDays: since.map { max(0, asOf.days(since: $0)) },
      region: region, industry: industry,
      paceRatio: r.paid > 0 ? exp(r.sumPace / Double(r.paid)) : nil)
  }
}
