import CreditData
import CreditSimulation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The oracle's conditional answers against Monte Carlo draws from the simulator itself.
///
/// With every covariate effect set to zero, the simulator draws 200,000 invoices from one
/// cure-Weibull distribution (λ = 40, ρ = 2, π = 0.9; half of them offered a discount taken
/// with probability 0.4), through the same code that makes every history. Each oracle answer
/// for an invoice open at age `a` is then checked against the share among the drawn invoices
/// open at `a`, within four binomial standard errors.
@Suite struct TruthOracleTests {
  static let homogeneous: SimulatedPortfolio = {
    var config = SimulationConfiguration(customerCount: 50, invoiceCount: 200_000, seed: 11)
    config.terms = [PaymentTermsOption(days: 30, weight: 1)]
    config.model.aftIntercept = log(40)
    config.model.aftTerms = 0
    config.model.aftLogAmount = 0
    config.model.aftDisputed = 0
    config.model.aftPaperless = 0
    config.model.aftLatentRisk = 0
    config.model.aftSigma = 0.5
    config.model.writeOffRisk = 0
    config.model.writeOffDisputed = 0
    config.neverPayRate = 0.1
    config.discountOfferShare = 0.5
    config.collections.discountTakeUpIntercept = log(0.4 / 0.6)
    config.collections.discountTakeUpRisk = 0
    return Fixtures.portfolio(config)
  }()

  /// Invoices of the homogeneous portfolio, offered a discount or not, with their truth.
  private func group(offered: Bool) -> (truth: InvoiceTruth, ages: [Int?]) {
    let p = TruthOracleTests.homogeneous
    let members = (0..<p.invoices.count).filter { p.invoices.discountOffered[$0] == offered }
    return (p.invoiceTruth(ofInvoice: members[0]), members.map { p.invoices.paymentAge[$0] })
  }

  /// `|observed − expected| ≤ 4 √(p(1 − p)/n)`, the expectation's binomial error.
  private func expectShare(
    _ hits: Int, of n: Int, near p: Double, _ what: String
  ) {
    let bound = 4 * (p * (1 - p) / Double(n)).squareRoot() + 1e-12
    let observed = Double(hits) / Double(n)
    #expect(abs(observed - p) <= bound, "\(what): observed \(observed), oracle \(p), n \(n)")
  }

  @Test func theDistributionIsWhatTheOracleAssumes() {
    let (truth, _) = group(offered: true)
    #expect(abs(truth.weibullScale - 40) < 1e-9)
    #expect(truth.weibullShape == 2)
    #expect(abs(truth.susceptibleProbability - 0.9) < 1e-12)
    #expect(truth.discountDays == 10 && abs(truth.discountTakeUp - 0.4) < 1e-12)
    #expect(group(offered: false).truth.discountDays == 0)
  }

  @Test(arguments: [false, true], [0, 5, 12, 30, 45, 80])
  func quantilesMatchTheDraws(offered: Bool, age: Int) {
    let (truth, ages) = group(offered: offered)
    let paidOpen = ages.compactMap { $0 }.filter { $0 > age }
    #expect(paidOpen.count > 500)
    let survivalAtAge = truth.survivalGivenPaid(age: age)
    for q in [0.1, 0.5, 0.9] {
      let d = truth.paymentAgeQuantile(q, givenOpenAt: age)
      #expect(d > age)
      // The exact conditional CDF at d and d − 1 bracket q, and the draws agree with both.
      let atD = 1 - truth.survivalGivenPaid(age: d) / survivalAtAge
      let below = 1 - truth.survivalGivenPaid(age: d - 1) / survivalAtAge
      #expect(atD >= q && (d - 1 <= age || below < q), "q \(q) age \(age): \(below) \(atD)")
      let n = paidOpen.count
      expectShare(paidOpen.filter { $0 <= d }.count, of: n, near: atD, "P(D ≤ \(d))")
      expectShare(paidOpen.filter { $0 < d }.count, of: n, near: d - 1 <= age ? 0 : below, "<")
    }
  }

  @Test(arguments: [false, true], [0, 5, 20, 45, 90, 200])
  func probabilitiesMatchTheDraws(offered: Bool, age: Int) {
    let (truth, ages) = group(offered: offered)
    let open = ages.filter { $0.map { $0 > age } ?? true }
    let n = open.count
    expectShare(
      open.filter { $0 != nil }.count, of: n,
      near: truth.probabilityPaidEver(givenOpenAt: age), "p_paid_ever at \(age)")
    expectShare(
      open.filter { $0.map { $0 <= age + 30 } ?? false }.count, of: n,
      near: truth.probabilityPaid(withinDays: 30, givenOpenAt: age), "p_paid_30d at \(age)")
    expectShare(
      open.filter { $0.map { $0 > 30 + 30 } ?? true }.count, of: n,
      near: truth.delinquencyProbability(graceDays: 30, givenOpenAt: age), "delinquent")
  }

  @Test func answersAreConsistent() {
    let truth = InvoiceTruth(
      invoiceId: "X", termsDays: 30, susceptibleProbability: 0.8, weibullScale: 35,
      weibullShape: 2.5, latentRisk: 0, neverPays: false)
    var previous = 1.0
    for age in [0, 10, 30, 60, 120, 365] {
      let f = truth.forecast(givenOpenAt: age)
      #expect(f.p10Age <= f.medianAge && f.medianAge <= f.p90Age && f.p10Age > age)
      #expect(f.probabilityPaidEver < previous || age == 0)
      previous = f.probabilityPaidEver
      #expect(f.probabilityPaidWithinHorizon <= f.probabilityPaidEver)
    }
    #expect(truth.delinquencyProbability(graceDays: 30, givenOpenAt: 61) == 1)
    #expect(truth.probabilityPaidEver(givenOpenAt: 0) == 0.8)
    // Closed form of the median from age 0: λ (log 2)^(1/ρ) − ½, rounded up.
    let median = 35 * pow(log(2.0), 1 / 2.5) - 0.5
    #expect(truth.paymentAgeQuantile(0.5, givenOpenAt: 0) == Int(median.rounded(.up)))
  }
}
