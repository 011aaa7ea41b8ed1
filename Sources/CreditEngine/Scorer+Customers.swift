import CreditData
import LinearAlgebra

extension Scorer {
  /// The listed customers' scores and credit-limit decisions, in the same order.
  struct CustomerScores {
    var scores: [CustomerScore]
    var limits: [CreditLimitDecision]
  }

  /// Each listed customer's PD, points, grade and reasons (from its probe), and the policy's
  /// limit decision; chunks of customers on both cores, each made where it ends up (made in
  /// per-chunk arrays and joined, every score and decision was copied, its texts counted,
  /// and the chunks' copies freed).
  func scoreCustomers(_ book: OpenBook, _ probePredictions: Predictions) -> CustomerScores {
    let h = book.portfolio.history
    let facts = customerFacts(book)
    let reference = ReasonReference(
      model.features, coefficients: model.delinquency.coefficients,
      contributions: probePredictions.contributions, facts: facts)
    let count = book.listed.count
    let scores = Parallel.array(count, minimumChunk: 1024) { i -> CustomerScore in
      let c = book.listed[i]
      let pd = probePredictions.pd[i]
      let reasons = reference.reasons(
        contributions: probePredictions.contributions[i], facts: facts[i])
      return CustomerScore(
        customerID: h.customerIDs[c], openBalance: book.tallies[c].openBalance,
        overdueBalance: book.tallies[c].overdueBalance, pd: pd, riskScore: policy.points(pd: pd),
        riskGrade: policy.grade(pd: pd), reasonDetails: reasons, facts: facts[i])
    }
    let limits = Parallel.array(count, minimumChunk: 1024) { i -> CreditLimitDecision in
      let c = book.listed[i]
      return policy.limitDecision(
        customerID: h.customerIDs[c],
        current: book.portfolio.creditLimit(customer: c, invoice: book.tallies[c].lastInvoice),
        grade: policy.grade(pd: probePredictions.pd[i]), volume: book.tallies[c].recentVolume,
        openBalance: book.tallies[c].openBalance,
        maxDaysPastDue: book.tallies[c].maxDaysPastDue)
    }
    return CustomerScores(scores: scores, limits: limits)
  }

  /// The facts of each listed customer, in `book.listed` order.
  func customerFacts(_ book: OpenBook) -> [CustomerFacts] {
    let portfolio = book.portfolio
    let (regions, industries) = book.probeRegionsAndIndustries
    return book.listed.indices.map { i in
      CustomerFacts(
        portfolio, customer: book.listed[i], tally: book.tallies[book.listed[i]],
        probe: book.probes[i], region: regions.levels[Int(regions.codes[i])],
        industry: industries.levels[Int(industries.codes[i])], rule: model.rule)
    }
  }
}
