import CreditData
import CreditReport
import Testing

@testable import CreditEngine

/// The console summary of `score` says what the expected payment dates rest on.
@Suite struct ScoreSummaryTests {
  static func invoice(_ id: String, basis: String) -> InvoiceScore {
    InvoiceScore(
      invoiceID: id, customerID: "C1", amount: 100, dueDate: Day(rawValue: 10), daysPastDue: 5,
      pd: 0.5, expectedPaymentDate: Day(rawValue: 20), expectedDateExtrapolated: false,
      pPaid30d: 0.4, riskGrade: "C", pPaidEver: basis == "unlikely_to_pay" ? 0.2 : 0.9,
      paymentDateP10: Day(rawValue: 16), paymentDateP90: Day(rawValue: 40),
      expectedPaymentBasis: basis)
  }

  static func result(_ invoices: [InvoiceScore]) -> ScoreResult {
    ScoreResult(
      asOf: Day(rawValue: 15), invoices: invoices, customers: [], creditLimits: [], worklist: [],
      ageing: [], cashForecast: [], unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0)
  }

  @Test func countsTheInvoicesByBasis() {
    let r = Self.result([
      Self.invoice("I1", basis: "paid_median"), Self.invoice("I2", basis: "unlikely_to_pay"),
      Self.invoice("I3", basis: "paid_median"),
    ])
    #expect(
      ScoreSummary.basisLine(r)
        == "expected payment dates: 2 paid_median, 1 unlikely_to_pay (expected_payment_basis in invoices.csv)"
    )
    #expect(!ScoreSummary.render(r, folder: "out").contains("Cox model's support"))
  }

  /// One plan, instalment or offer is said in the singular.
  ///
  /// The console read "payment plans: 1 customers, 1 instalments, ...; ... pays for 1
  /// customers".
  @Test func oneOfAKindIsSaidInTheSingular() {
    var r = Self.result([])
    let instalment = PaymentPlanInstalment(
      customerID: "C1", instalment: 1, instalments: 1, dueDate: Day(rawValue: 45), amount: 250,
      planTotal: 250, expected30d: 100, remainingAfter: 0)
    r.collections.paymentPlans = [instalment]
    r.collections.discountTerms.days = 1
    r.collections.discountOffers = [
      DiscountOffer(
        customerID: "C1", typicalAmount: 1000, paidWithin: 0.2, meanDaysBeyond: 300,
        takeUp: 0.5, takeUpBasis: "default", terms: r.collections.discountTerms)
    ]
    #expect(
      ScoreSummary.planLine(r)
        == "payment plans: 1 customer, 1 instalment, 250 overdue; a 2.0% discount for payment "
        + "within 1 day pays for 1 customer (payment_plans.csv, discount_offers.csv)")
    r.collections.paymentPlans = [instalment, instalment]
    r.collections.paymentPlans[1].instalment = 2
    r.collections.discountOffers = []
    r.collections.discountTerms.days = 10
    #expect(
      ScoreSummary.planLine(r)
        == "payment plans: 1 customer, 2 instalments, 250 overdue; a 2.0% discount for payment "
        + "within 10 days pays for 0 customers (payment_plans.csv, discount_offers.csv)")
  }

  /// One open invoice, one worklist row: "scored 1 open invoice", "worklist: 1 invoice".
  @Test func oneInvoiceIsSaidInTheSingular() {
    let one = ScoreSummary.render(
      Self.result([Self.invoice("I1", basis: "paid_median")]), folder: "o")
    #expect(one.hasPrefix("scored 1 open invoice as of "), "\(one)")
    #expect(one.contains("worklist: 0 invoices, "), "\(one)")
    let two = ScoreSummary.render(
      Self.result([
        Self.invoice("I1", basis: "paid_median"), Self.invoice("I2", basis: "paid_median"),
      ]), folder: "o")
    #expect(two.hasPrefix("scored 2 open invoices as of "), "\(two)")
  }

  @Test func saysSoWhenNothingIsOpen() {
    #expect(ScoreSummary.basisLine(Self.result([])) == "expected payment dates: no open invoice")
  }
}

/// The console summaries: short by default, money with thousands separators.
@Suite struct ConsoleSummaryTests {
  @Test func scoreSummaryGroupsMoney() {
    var big = ScoreSummaryTests.invoice("I1", basis: "paid_median")
    big.amount = 1_234_567.891
    let text = ScoreSummary.render(ScoreSummaryTests.result([big]), folder: "out")
    #expect(text.contains("1,234,568 open, 1,234,568 overdue"))
    #expect(text.contains("worklist: 0 invoices, 0.00 at risk"))
    #expect(text.hasSuffix("to out"))
  }

  @Test func limitChangesAreCountedAndRanked() {
    func decision(_ id: String, current: Double?, recommended: Double, hold: Bool)
      -> CreditLimitDecision
    {
      CreditLimitDecision(
        customerID: id, currentLimit: current, recommendedLimit: recommended, hold: hold,
        openBalance: recommended / 2, holdReasons: hold ? ["grade E"] : [],
        action: hold ? .hold : .none,
        computation: LimitComputation(
          volume: 0, lookbackDays: 365, monthlyVolume: 0, grade: "A", gradeFactor: 3, base: 0,
          floor: nil, ceiling: nil, capped: 0, roundingUnit: 100, rounded: 0,
          increaseWithheld: false))
    }
    let decisions = [
      decision("a", current: 1000, recommended: 1500, hold: false),
      decision("b", current: 5000, recommended: 2000, hold: true),
      decision("c", current: nil, recommended: 900, hold: false),
      decision("d", current: 800, recommended: 800, hold: false),
      decision("e", current: 2000, recommended: 1500, hold: false),
      decision("f", current: 1000, recommended: 500, hold: true),
    ]
    let changes = LimitChanges(decisions)
    #expect(changes.holds == 2 && changes.increases == 1 && changes.decreases == 3)
    #expect(changes.newLimits == 1)
    // Ties in size (a, e, f: 500 each) by customer id.
    #expect(changes.largestChanges.map(\.customerID) == ["b", "a", "e", "f"])
    #expect(changes.onHold.map(\.customerID) == ["b", "f"])
    // The counts alone are the same.
    let counts = LimitChanges(decisions, ranked: false)
    #expect(counts.holds == 2 && counts.increases == 1 && counts.decreases == 3)
    #expect(counts.onHold.isEmpty && counts.largestChanges.isEmpty)
    // The console says how many got a first limit: a book without current limits had read
    // "0 up, 0 down" while credit_limits.csv gave every customer one.
    var r = ScoreSummaryTests.result([])
    r.creditLimits = decisions
    #expect(
      ScoreSummary.render(r, folder: "out").contains(
        "credit limits: 2 on hold, 1 up, 3 down, 1 new (no current limit), 0 to reduce exposure"))
    r.creditLimits = [decisions[0]]
    #expect(
      ScoreSummary.render(r, folder: "out").contains(
        "credit limits: 0 on hold, 1 up, 0 down, 0 to reduce exposure"))
  }
}
