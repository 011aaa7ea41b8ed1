import CreditData

/// One customer as an earlier score run left it (its rows of customers.csv,
/// credit_limits.csv and worklist.csv).
public struct PreviousCustomer: Sendable, Equatable {
  public var grade: String?
  public var riskScore: Int?
  public var recommendedLimit: Double?
  public var hold: Bool?
  /// Σ amount at risk of its worklist rows (0 when it had none).
  public var amountAtRisk = 0.0

  /// A customer the earlier run had no row of yet; its files fill the fields in.
  public init() {}
}

/// An earlier score run: its as-of date and its customers by id.
public struct PreviousRun: Sendable {
  public var asOf: Day?
  public var customers: [String: PreviousCustomer]
  /// The currency its files state (`currency` column), nil when they state none.
  public var currency: String?
  /// The customer of each invoice of its invoices.csv, by invoice id (empty when the folder
  /// has no invoices.csv).
  public var invoiceCustomers: [String: String]
  public init(
    asOf: Day?, customers: [String: PreviousCustomer], currency: String? = nil,
    invoiceCustomers: [String: String] = [:]
  ) {
    self.asOf = asOf
    self.customers = customers
    self.currency = currency
    self.invoiceCustomers = invoiceCustomers
  }
}

/// What changed for one customer since an earlier run (a row of changes.csv).
public struct CustomerChange: Sendable, Equatable {
  public var customerID: String
  public var previous: PreviousCustomer
  public var grade: String?
  public var riskScore: Int?
  public var recommendedLimit: Double?
  public var hold: Bool?
  public var amountAtRisk: Double
  /// On hold now and not on hold (or not listed) in the earlier run.
  public var newHold: Bool { hold == true && previous.hold != true }
  /// On hold in the earlier run and not now.
  public var holdReleased: Bool { previous.hold == true && hold != true }
  public var amountAtRiskChange: Double { amountAtRisk - previous.amountAtRisk }
  /// Listed in the earlier run (a row of its customers.csv or credit_limits.csv).
  public var wasListed: Bool {
    previous.grade != nil || previous.recommendedLimit != nil || previous.hold != nil
  }
  /// Listed in this run.
  public var isListed: Bool { grade != nil || recommendedLimit != nil || hold != nil }
  /// What changed, in words: `new hold; grade B -> D; limit 10,000 -> 5,000`.
  public var summary: String {
    var parts: [String] = []
    if previous.grade == nil && grade != nil { parts.append("new customer") }
    if grade == nil && previous.grade != nil { parts.append("no longer listed") }
    if newHold { parts.append("new hold") }
    if holdReleased { parts.append("hold released") }
    if let g = grade, let p = previous.grade, g != p { parts.append("grade \(p) -> \(g)") }
    // A move of the score within the grade is said too: without it such a row says nothing.
    if grade == previous.grade, let s = riskScore, let p = previous.riskScore, s != p {
      parts.append("score \(p) -> \(s)")
    }
    if let l = recommendedLimit, let p = previous.recommendedLimit, l != p {
      parts.append("limit \(AmountText.money(p)) -> \(AmountText.money(l))")
    }
    if abs(amountAtRiskChange) >= RunChanges.amountTolerance {
      parts.append(
        "amount at risk \(AmountText.money(previous.amountAtRisk)) -> "
          + AmountText.money(amountAtRisk))
    }
    return parts.joined(separator: "; ")
  }
}

/// The changes between an earlier score run and this one.
public struct RunChanges: Sendable {
  /// A change in amount at risk smaller than this (one unit of currency) is none: the earlier
  /// run's file holds per-invoice amounts rounded to cents.
  public static let amountTolerance = 1.0
  public var previousAsOf: Day?
  public var asOf: Day
  /// The currency of this run's money (`ScoreResult.currency`), nil when the history states
  /// none.
  public var currency: String?
  /// Customers with any change in grade, score, limit, hold or amount at risk, or listed in
  /// only one of the two runs: new holds first, then by the size of the change in amount at
  /// risk, then by id.
  public var rows: [CustomerChange]

  public init(previous: PreviousRun, current r: ScoreResult) {
    previousAsOf = previous.asOf
    asOf = r.asOf
    currency = r.currency
    var now: [String: CustomerChange] = [:]
    /// Customer `id`'s row before any of this run's values: its earlier run's.
    func fresh(_ id: String) -> CustomerChange {
      CustomerChange(
        customerID: id, previous: previous.customers[id] ?? PreviousCustomer(), grade: nil,
        riskScore: nil, recommendedLimit: nil, hold: nil, amountAtRisk: 0)
    }
    /// Changes customer `id`'s row, made `fresh` on first use.
    func update(_ id: String, _ change: (inout CustomerChange) -> Void) {
      change(&now[id, default: fresh(id)])
    }
    for c in r.customers {
      update(c.customerID) {
        $0.grade = c.riskGrade
        $0.riskScore = c.riskScore
      }
    }
    for l in r.creditLimits {
      update(l.customerID) {
        $0.recommendedLimit = l.recommendedLimit
        $0.hold = l.hold
      }
    }
    // The rows' amounts as worklist.csv writes them (to the cent), as the earlier run's are
    // read: a customer's amount at risk here is the one the next run reads as its previous.
    for w in r.worklist {
      update(w.customerID) { $0.amountAtRisk += CSVWriter.asWritten(w.amountAtRisk, decimals: 2) }
    }
    // A customer of the earlier run only has a row too (with nothing of this run).
    for id in previous.customers.keys { update(id) { _ in } }
    rows = now.values.filter { x in
      x.grade != x.previous.grade || x.riskScore != x.previous.riskScore
        || x.recommendedLimit != x.previous.recommendedLimit || x.hold != x.previous.hold
        || abs(x.amountAtRiskChange) >= Self.amountTolerance
    }
    .sorted { a, b in
      (a.newHold ? 1 : 0, abs(a.amountAtRiskChange), b.customerID)
        > (b.newHold ? 1 : 0, abs(b.amountAtRiskChange), a.customerID)
    }
  }

  public var newHolds: Int { rows.filter(\.newHold).count }
  public var holdsReleased: Int { rows.filter(\.holdReleased).count }
  public var gradeChanges: Int {
    rows.filter { $0.grade != nil && $0.previous.grade != nil && $0.grade != $0.previous.grade }
      .count
  }
}
