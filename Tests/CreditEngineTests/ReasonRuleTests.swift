import Testing

@testable import CreditEngine

/// Each reason fires only on a value that is adverse relative to the portfolio, whatever the
/// model's contribution says: the contribution here is always strongly adverse (+5 log-odds
/// above the portfolio's median), as when a feature is far from the training mean.
@Suite("Reason codes never contradict the customer's values")
struct ReasonRuleTests {
  /// A customer's facts; each test changes the field it is about.
  static func facts(
    open: Double = 1_000, overdue: Double = 100, invoices: Int = 20, late: Int = 2,
    meanDaysLate: Double? = 3, daysSinceLate: Int? = 200, tenure: Int? = 1_000,
    amount: Double = 500, terms: Int = 30, paperless: Bool = true, limit: Double? = 10_000,
    region: String = "NA", industry: String = "Retail", pace: Double? = 1.2
  ) -> CustomerFacts {
    CustomerFacts(
      openBalance: open, overdueBalance: overdue, typicalAmount: amount, termsDays: terms,
      paperless: paperless, creditLimit: limit, invoices: invoices, knownOutcomes: 20,
      lateInvoices: late, lateDays: 30, paidInvoices: 20, meanDaysLate: meanDaysLate,
      daysSinceLate: daysSinceLate, tenureDays: tenure, region: region, industry: industry,
      paceRatio: pace)
  }

  /// A customer with a lower and one with a higher value of each factor than `facts()`.
  static func lowAndHigh(_ factor: ReasonFactor) -> (CustomerFacts, CustomerFacts) {
    switch factor {
    case .feature(let f):
      switch f {
      case .logAmount: return (facts(amount: 100), facts(amount: 5_000))
      case .terms: return (facts(terms: 14), facts(terms: 60))
      case .disputed: return (facts(), facts())
      case .paperless: return (facts(paperless: false), facts(paperless: true))
      case .logPriorInvoices: return (facts(invoices: 3), facts(invoices: 300))
      case .priorLateRate: return (facts(late: 0), facts(late: 15))
      case .priorMeanDaysLate: return (facts(meanDaysLate: 0), facts(meanDaysLate: 40))
      case .logDaysSinceLate: return (facts(daysSinceLate: 10), facts(daysSinceLate: nil))
      case .logOpenBalance: return (facts(open: 0, overdue: 0), facts(open: 90_000))
      case .logOverdueBalance: return (facts(overdue: 0), facts(overdue: 900))
      case .utilisation: return (facts(open: 100), facts(open: 30_000))
      case .hasCreditLimit: return (facts(limit: nil), facts(limit: 10_000))
      case .logTenure: return (facts(tenure: 90), facts(tenure: 2_600))
      case .priorLogPace: return (facts(pace: 0.8), facts(pace: 2.5))
      }
    case .region: return (facts(region: "NA"), facts(region: "LATAM"))
    case .industry: return (facts(industry: "Retail"), facts(industry: "Mining"))
    }
  }

  static let factors: [ReasonFactor] =
    NumericFeature.allCases.map { .feature($0) } + [.region("LATAM"), .industry("Mining")]

  /// A factor without a value (a customer with nothing paid yet has no pace) never fires,
  /// however large its contribution.
  @Test func noValueNoReason() {
    let factor = ReasonFactor.feature(.priorLogPace)
    #expect(factor.value(of: Self.facts(pace: nil)) == nil)
    for higherIsAdverse in [true, false] {
      for typical in [nil, 1.0] {
        let ref = Self.reference(factor, higherIsAdverse: higherIsAdverse, typical: typical)
        #expect(ref.reasons(contributions: [5], facts: Self.facts(pace: nil)).isEmpty)
      }
    }
  }

  /// The reference of one factor whose portfolio median is `typical`.
  static func reference(_ factor: ReasonFactor, higherIsAdverse: Bool, typical: Double?)
    -> ReasonReference
  {
    ReasonReference(
      factors: [factor], higherIsAdverse: [higherIsAdverse], medianContribution: [0],
      medianValue: [typical])
  }

  @Test(arguments: factors, [true, false])
  func firesOnlyOnTheAdverseSide(factor: ReasonFactor, higherIsAdverse: Bool) {
    let (low, high) = Self.lowAndHigh(factor)
    // The portfolio's median: the default customer's value; for a yes/no factor, the
    // benign answer (most customers do not have the adverse one).
    let binary = factor == .feature(.paperless) || factor == .feature(.hasCreditLimit)
    let typical = binary ? (higherIsAdverse ? 0 : 1) : factor.value(of: Self.facts())
    let ref = Self.reference(factor, higherIsAdverse: higherIsAdverse, typical: typical)
    let adverse = higherIsAdverse ? high : low
    let benign = higherIsAdverse ? low : high
    // Contradicting values never fire, however large the contribution.
    #expect(ref.reasons(contributions: [5], facts: benign).isEmpty, "\(factor.name)")
    if !binary {
      #expect(ref.reasons(contributions: [5], facts: Self.facts()).isEmpty, "\(factor.name)")
    }
    // An adverse value fires unless it is a factor only having it can be a reason for.
    let fired = ref.reasons(contributions: [5], facts: adverse)
    let flagOnly = factor.isFlag && (!higherIsAdverse || factor == .feature(.disputed))
    #expect(fired.count == (flagOnly ? 0 : 1), "\(factor.name)")
    // Nor does an adverse value whose contribution is at or below the portfolio's median.
    #expect(ref.reasons(contributions: [0], facts: adverse).isEmpty)
    for reason in fired {
      #expect(reason.value == factor.value(of: adverse))
      #expect(reason.typical == typical)
      #expect(DecisionCheck.contradiction(reason, facts: adverse, typical: typical) == nil)
    }
  }

  /// The four contradictions measured on the IBM and demo samples, each with a model that
  /// pushes the reason (contribution +5) and the value that contradicts it.
  @Test func measuredContradictionsCannotHappen() {
    // "High open balance" with nothing open (the portfolio's median open balance is 0 too).
    let openRef = Self.reference(.feature(.logOpenBalance), higherIsAdverse: true, typical: 0)
    #expect(openRef.reasons(contributions: [5], facts: Self.facts(open: 0, overdue: 0)).isEmpty)
    // "High overdue balance" with nothing overdue, even against a negative median.
    let overdueRef = Self.reference(
      .feature(.logOverdueBalance), higherIsAdverse: true, typical: -50)
    #expect(overdueRef.reasons(contributions: [5], facts: Self.facts(overdue: 0)).isEmpty)
    // "Recent late payment" for a customer never late.
    let lateRef = Self.reference(.feature(.logDaysSinceLate), higherIsAdverse: false, typical: 730)
    #expect(lateRef.reasons(contributions: [5], facts: Self.facts(daysSinceLate: nil)).isEmpty)
    let recent = lateRef.texts(contributions: [5], facts: Self.facts(daysSinceLate: 45))
    #expect(
      recent == [
        "Recent late payment: an invoice went more than 30 days past due 45 days ago "
          + "(portfolio median: none in the last 730 days)"
      ])
    // "Short relationship" for a customer of seven years, the median being three.
    let tenureRef = Self.reference(.feature(.logTenure), higherIsAdverse: false, typical: 1_096)
    #expect(tenureRef.reasons(contributions: [5], facts: Self.facts(tenure: 2_557)).isEmpty)
    #expect(
      tenureRef.texts(contributions: [5], facts: Self.facts(tenure: 213)) == [
        "Short relationship: customer for 7 months (portfolio median 3.0 years)"
      ])
  }

  @Test func reasonsQuoteTheCustomersValues() {
    let overdue = Self.reference(.feature(.logOverdueBalance), higherIsAdverse: true, typical: 0)
    #expect(
      overdue.texts(contributions: [1], facts: Self.facts(open: 119_000, overdue: 45_300)) == [
        "Overdue 45,300, 38% of open balance (portfolio median 0.00)"
      ])
    let late = Self.reference(.feature(.priorLateRate), higherIsAdverse: true, typical: 0.05)
    #expect(
      late.texts(contributions: [1], facts: Self.facts(late: 12)) == [
        "Often late: 12 of 20 invoices more than 30 days past due, 60% (portfolio median 5%)"
      ])
    let pace = Self.reference(.feature(.priorLogPace), higherIsAdverse: true, typical: 1.08)
    #expect(
      pace.texts(contributions: [1], facts: Self.facts(pace: 1.64)) == [
        "Slow to pay for its terms: issue to payment typically 164% of its terms over 20 paid "
          + "invoices (portfolio median 108%)"
      ])
    // A direction opposite to the usual one says so.
    let open = Self.reference(.feature(.logOpenBalance), higherIsAdverse: false, typical: 42.32)
    #expect(
      open.texts(contributions: [1], facts: Self.facts(open: 0, overdue: 0)) == [
        "Low open balance: 0.00 (portfolio median 42.32); in this model a lower value goes "
          + "with more late payment"
      ])
  }

  /// A customer with one invoice reads "1 invoice", not "1 invoices".
  @Test func aSingleInvoiceIsCountedInTheSingular() {
    let one = CustomerFacts(
      openBalance: 100, overdueBalance: 0, typicalAmount: 100, termsDays: 30, paperless: true,
      creditLimit: nil, invoices: 1, knownOutcomes: 1, lateInvoices: 1, lateDays: 30,
      paidInvoices: 1, meanDaysLate: 45, daysSinceLate: 10, tenureDays: 90, region: "NA",
      industry: "Retail", paceRatio: 2.5)
    let history = Self.reference(.feature(.logPriorInvoices), higherIsAdverse: false, typical: 12)
    #expect(
      history.texts(contributions: [1], facts: one) == [
        "Short invoice history: 1 invoice issued (portfolio median 12)"
      ])
    let late = Self.reference(.feature(.priorLateRate), higherIsAdverse: true, typical: 0.05)
    #expect(
      late.texts(contributions: [1], facts: one) == [
        "Often late: 1 of 1 invoice more than 30 days past due, 100% (portfolio median 5%)"
      ])
    let slow = Self.reference(.feature(.priorMeanDaysLate), higherIsAdverse: true, typical: 2)
    #expect(
      slow.texts(contributions: [1], facts: one) == [
        "Slow payer: pays 45.0 days after due on average over 1 paid invoice (portfolio median "
          + "2.0)"
      ])
    let pace = Self.reference(.feature(.priorLogPace), higherIsAdverse: true, typical: 1.08)
    #expect(
      pace.texts(contributions: [1], facts: one) == [
        "Slow to pay for its terms: issue to payment typically 250% of its terms over 1 paid "
          + "invoice (portfolio median 108%)"
      ])
  }

  @Test func theLargestThreeComeFirst() {
    let ref = ReasonReference(
      factors: [
        .feature(.logOpenBalance), .feature(.logOverdueBalance), .feature(.terms),
        .feature(.logAmount),
      ],
      higherIsAdverse: [true, true, true, true], medianContribution: [0, 0, 0, 0],
      medianValue: [10, 0, 30, 100])
    let f = Self.facts(open: 5_000, overdue: 2_000, amount: 900, terms: 60)
    let fired = ref.reasons(contributions: [0.5, 2, 1, 0.1], facts: f)
    #expect(
      fired.map(\.factor) == [
        .feature(.logOverdueBalance), .feature(.terms), .feature(.logOpenBalance),
      ])
  }

  /// The pace a reason quotes, from the scorer's tallies, is the customer's record counted
  /// from the history (`DecisionCheck.records`), for every customer of the sample; and the
  /// sample has customers on either side of the portfolio's median.
  @Test func paceIsTheRecords() throws {
    let portfolio = SampleData.portfolio
    let model = try Trainer().train(portfolio)
    let result = Scorer(model: model).score(portfolio)
    let record = DecisionCheck.records(portfolio, rule: model.rule)
    let index = Dictionary(
      uniqueKeysWithValues: portfolio.history.customerIDs.enumerated().map { ($1, $0) })
    var paces: [Double] = []
    for score in result.customers {
      let facts = try #require(score.facts)
      let expected = record[try #require(index[score.customerID])].paceRatio
      #expect((facts.paceRatio == nil) == (expected == nil), "\(score.customerID)")
      if let value = facts.paceRatio, let expected {
        #expect(abs(value - expected) <= 1e-12 * expected, "\(score.customerID)")
        paces.append(value)
      }
    }
    #expect(paces.count > 100)
    #expect(paces.contains { $0 < 1 } && paces.contains { $0 > 1.2 })
  }
}
