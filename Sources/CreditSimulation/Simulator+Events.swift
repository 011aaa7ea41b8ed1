import CreditData

/// Pass 5: disputes and promises to pay, drawn around the settled payment dates from streams
/// of their own, so the history is the same with or without them.
extension Simulator {
  /// Draws the disputes of disputed invoices and the promises of overdue ones.
  func drawEvents(_ portfolio: SimulatedPortfolio) -> SimulatedEvents {
    let customerCount = portfolio.customers.count
    var disputeStreams: [Xoshiro256StarStar?] = Array(repeating: nil, count: customerCount)
    var promiseStreams: [Xoshiro256StarStar?] = Array(repeating: nil, count: customerCount)
    var events = SimulatedEvents()
    for i in 0..<portfolio.invoices.count {
      let c = Int(portfolio.invoices.customerIndex[i])
      if portfolio.invoices.disputed[i] {
        var rng = disputeStreams[c] ?? stream(.disputes, c)
        events.disputes.append(drawDispute(i, portfolio, &rng))
        disputeStreams[c] = rng
      }
      var rng = promiseStreams[c] ?? stream(.promises, c)
      if let promise = drawPromise(i, portfolio, &rng) { events.promises.append(promise) }
      promiseStreams[c] = rng
    }
    return events
  }

  private func stream(_ tag: StreamTag, _ c: Int) -> Xoshiro256StarStar {
    Xoshiro256StarStar(seed: configuration.seed, stream: Simulator.stream(tag, customer: c))
  }

  /// The dispute of invoice `i`: opened within `disputeOpenMaxDays` of issue (not after the
  /// snapshot, and before payment), resolved after a Weibull time or at payment.
  private func drawDispute(
    _ i: Int, _ portfolio: SimulatedPortfolio, _ rng: inout Xoshiro256StarStar
  ) -> SimulatedDispute {
    let model = configuration.collections
    let inv = portfolio.invoices
    let openDelay = rng.nextInt(in: 0...model.disputeOpenMaxDays)
    let reason = model.disputeReasons[
      rng.nextCategory(cumulativeWeights: cumulative(model.disputeReasons.map(\.weight)))]
    let days = rng.nextWeibull(
      scale: reason.resolutionScaleDays, shape: model.disputeResolutionShape)
    let issue = inv.issueDate[i]
    var latestOpen = configuration.asOf.days(since: issue)
    if let age = inv.paymentAge[i] { latestOpen = min(latestOpen, age - 1) }
    let opened = issue.adding(days: max(0, min(openDelay, latestOpen)))
    let drawn = opened.adding(days: max(1, Int(days.rounded())))
    let payment = inv.paymentAge[i].map { issue.adding(days: $0) }
    let byPayment = payment.map { $0 < drawn } ?? false
    return SimulatedDispute(
      invoiceIndex: i, opened: opened, resolved: byPayment ? payment ?? drawn : drawn,
      reason: reason.name, resolutionDays: days, resolvedByPayment: byPayment)
  }

  /// The promise on invoice `i`, if it gets one: only an invoice still unpaid
  /// `promiseAfterDueDays` after due, with the promise made before payment and the snapshot.
  private func drawPromise(
    _ i: Int, _ portfolio: SimulatedPortfolio, _ rng: inout Xoshiro256StarStar
  ) -> SimulatedPromise? {
    let model = configuration.collections
    let inv = portfolio.invoices
    let risk = portfolio.customers.latentRisk[Int(inv.customerIndex[i])]
    let keepProbability = model.promiseKeepProbability(latentRisk: risk)
    // Every invoice consumes the same draws, whatever the branches.
    let makes = rng.nextBernoulli(model.promiseShare)
    let delay = rng.nextInt(in: 0...model.promiseSpreadDays)
    let meansIt = rng.nextBernoulli(keepProbability)
    let slack = rng.nextInt(in: 0...(model.promiseSpreadDays / 2))
    let position = rng.nextUniform()
    let issue = inv.issueDate[i]
    let madeOn = inv.dueDate[i].adding(days: model.promiseAfterDueDays + delay)
    let payment = inv.paymentAge[i].map { issue.adding(days: $0) }
    guard makes, madeOn <= configuration.asOf, payment.map({ madeOn < $0 }) ?? true else {
      return nil
    }
    var promised: Day
    if let payment, meansIt || payment.days(since: madeOn) < 2 {
      // Meant to keep (or paid the next day): a date on or a little after the payment.
      promised = payment.adding(days: meansIt ? slack : 0)
    } else {
      // Broken: a date strictly between the promise and the payment (any date if never).
      let room = payment.map { $0.days(since: madeOn) - 1 } ?? model.promiseSpreadDays
      promised = madeOn.adding(days: 1 + Int(position * Double(max(1, room))))
    }
    promised = max(promised, madeOn.adding(days: 1))
    return SimulatedPromise(
      invoiceIndex: i, madeOn: madeOn, promisedDate: promised, amount: inv.amount[i],
      keepProbability: keepProbability, meantToKeep: meansIt,
      kept: payment.map { $0 <= promised } ?? false)
  }
}
