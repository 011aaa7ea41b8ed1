import CreditData
import CreditSimulation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Promises and disputes: consistent with the history, and drawn as `CollectionsModel` says.
@Suite struct CollectionsEventTests {
  let portfolio = Fixtures.everything

  private func payment(_ i: Int) -> Day? {
    portfolio.invoices.paymentAge[i].map { portfolio.invoices.issueDate[i].adding(days: $0) }
  }

  @Test func promisesAgreeWithTheHistory() {
    let inv = portfolio.invoices
    let model = portfolio.configuration.collections
    let asOf = portfolio.configuration.asOf
    let promises = portfolio.events.promises
    #expect(promises.count > 2_000)
    var problems = 0
    for p in promises {
      let i = p.invoiceIndex
      if p.madeOn > asOf || p.promisedDate <= p.madeOn { problems += 1 }
      if p.madeOn.days(since: inv.dueDate[i]) < model.promiseAfterDueDays { problems += 1 }
      if let paid = payment(i), paid <= p.madeOn { problems += 1 }
      if p.kept != (payment(i).map { $0 <= p.promisedDate } ?? false) { problems += 1 }
      if p.meantToKeep && !inv.neverPays[i] && !p.kept { problems += 1 }
      if p.amount != inv.amount[i] { problems += 1 }
    }
    #expect(problems == 0)
    #expect(Set(promises.map(\.invoiceIndex)).count == promises.count)
    let broken = promises.filter { !$0.kept && $0.promisedDate < asOf }.count
    #expect(broken > 500, "broken promises visible at the snapshot: \(broken)")
  }

  @Test func promiseKeepingFollowsItsModel() {
    let promises = portfolio.events.promises
    let n = Double(promises.count)
    let expected = promises.reduce(0) { $0 + $1.keepProbability }
    let variance = promises.reduce(0) { $0 + $1.keepProbability * (1 - $1.keepProbability) }
    let meant = Double(promises.filter(\.meantToKeep).count)
    #expect(abs(meant - expected) <= 4 * variance.squareRoot(), "\(meant) vs \(expected) of \(n)")
    func keptShare(_ risky: Bool) -> Double {
      let group = promises.filter {
        let risk = portfolio.customers.latentRisk[
          Int(portfolio.invoices.customerIndex[$0.invoiceIndex])]
        return risky ? risk > 1 : risk < 0
      }
      return Double(group.filter(\.kept).count) / Double(group.count)
    }
    #expect(keptShare(true) + 0.15 < keptShare(false))
  }

  @Test func disputesAgreeWithTheHistory() {
    let inv = portfolio.invoices
    let model = portfolio.configuration.collections
    let asOf = portfolio.configuration.asOf
    let disputes = portfolio.events.disputes
    #expect(disputes.map(\.invoiceIndex) == (0..<inv.count).filter { inv.disputed[$0] })
    var problems = 0
    for d in disputes {
      let i = d.invoiceIndex
      let delay = d.opened.days(since: inv.issueDate[i])
      if delay < 0 || delay > model.disputeOpenMaxDays || d.opened > asOf { problems += 1 }
      if d.resolved <= d.opened { problems += 1 }
      if let paid = payment(i) {
        if d.opened >= paid || d.resolved > paid { problems += 1 }
        if d.resolvedByPayment
          != (d.resolved == paid && d.resolutionDays.rounded() > Double(paid.days(since: d.opened)))
        {
          problems += 1
        }
      }
    }
    #expect(problems == 0)
    #expect(disputes.contains { $0.resolved > asOf }, "some disputes are open at the snapshot")
  }

  /// Drawn resolution times have the Weibull mean `scale · Γ(1 + 1/shape)` of their reason.
  @Test func resolutionTimesFollowTheirReason() {
    let model = portfolio.configuration.collections
    for reason in model.disputeReasons {
      let days = portfolio.events.disputes.filter { $0.reason == reason.name }
        .map(\.resolutionDays)
      #expect(days.count > 100, "\(reason.name)")
      let n = Double(days.count)
      let mean = days.reduce(0, +) / n
      let sd = (days.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
      let truth = reason.resolutionScaleDays * tgamma(1 + 1 / model.disputeResolutionShape)
      #expect(abs(mean - truth) <= 4 * sd / n.squareRoot(), "\(reason.name): \(mean) vs \(truth)")
    }
  }
}
