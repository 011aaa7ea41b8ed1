import CreditData
import LinearAlgebra

extension Scorer {
  /// The listed customers' scores and credit-limit decisions, in the same order.
  struct CustomerScores {
    var scores: [CustomerScore]
    var limits: [CreditLimitDecision]
  }

  /// Each listed customer's PD, points, grade and reasons (from its probe), and the policy's
  /// limit decision; chunks of customers on both cores, results in order.
  func scoreCustomers(_ book: OpenBook, _ probePredictions: Predictions) -> CustomerScores {
    let h = book.portfolio.history
    let facts = customerFacts(book)
    let reference = ReasonReference(
      model.features, coefficients: model.delinquency.coefficients,
      contributions: probePredictions.contributions, facts: facts)
    let parts = Parallel.map(book.listed.count, minimumChunk: 1024) { chunk in
      var part = CustomerScores(scores: [], limits: [])
      for i in chunk {
        let c = book.listed[i]
        let t = book.tallies[c]
        let pd = probePredictions.pd[i]
        let grade = policy.grade(pd: pd)
        let reasons = reference.reasons(
          contributions: probePredictions.contributions[i], facts: facts[i])
        part.scores.append(
          CustomerScore(
            customerID: h.customerIDs[c], openBalance: t.openBalance,
            overdueBalance: t.overdueBalance, pd: pd, riskScore: policy.points(pd: pd),
            riskGrade: grade,
            reasons: reasons.map(\.text) + [String](repeating: "", count: 3 - reasons.count),
            reasonDetails: reasons, facts: facts[i]))
        part.limits.append(
          policy.limitDecision(
            customerID: h.customerIDs[c],
            current: book.portfolio.creditLimit(customer: c, invoice: t.lastInvoice),
            grade: grade, volume: t.recentVolume, openBalance: t.openBalance,
            maxDaysPastDue: t.maxDaysPastDue))
      }
      return part
    }
    return CustomerScores(
      scores: parts.flatMap(\.scores), limits: parts.flatMap(\.limits))
  }

  /// The facts of each listed customer, in `book.listed` order.
  func customerFacts(_ book: OpenBook) -> [CustomerFacts] {
    let portfolio = book.portfolio
    let regions = portfolio.regions(rows: book.probeRows)
    let industries = portfolio.industries(rows: book.probeRows)
    return book.listed.indices.map { i in
      CustomerFacts(
        portfolio, customer: book.listed[i], tally: book.tallies[book.listed[i]],
        probe: book.probes[i], region: regions.levels[Int(regions.codes[i])],
        industry: industries.levels[Int(industries.codes[i])], rule: model.rule)
    }
  }
}
