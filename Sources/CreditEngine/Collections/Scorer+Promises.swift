import CreditData

extension Scorer {
  /// The customers' scores with their promise records (when a promises file was given); an
  /// adverse record (`PromiseRecord.adverseReason`) takes the first free reason cell, or the
  /// third (the model's weakest reason) when all three are taken (`CustomerScore.reason`).
  ///
  /// The model's reasons stay in `reasonDetails`; only the cell's text changes.
  func withPromiseRecords(
    _ scores: [CustomerScore], _ book: OpenBook, _ events: CollectionsBook
  ) -> [CustomerScore] {
    guard book.portfolio.collections.promises != nil else { return scores }
    return zip(scores, book.listed).map { score, c in
      var score = score
      let record = events.promiseRecords[c] ?? PromiseRecord()
      score.promiseRecord = record
      return score
    }
  }

  /// The promises' and disputes' summaries, the payment plans, the discount offers and (when
  /// asked for) the letters on the result.
  func addCollections(
    to result: inout ScoreResult, _ book: OpenBook, _ events: CollectionsBook,
    offers: CustomerOffers
  ) {
    markDistress(&result, book)
    if makesLetters { result.collections.letters = letters(result, book, events) }
    result.collections.paymentPlans = offers.paymentPlans
    result.collections.discountTerms = book.portfolio.collections.discountTerms
    result.collections.discountOffers = offers.discountOffers
    let records = book.portfolio.collections
    result.collections.hasPromises = records.promises != nil
    if records.disputes != nil { result.collections.disputeTimes = DisputeTimes(events) }
    result.collections.skipped = [
      events.skippedPromises, events.skippedDisputes, events.skippedDiscounts,
    ].compactMap {
      $0
    }.filter { $0.count > 0 }
  }

  /// The payment plans and discount offers made to the listed customers.
  struct CustomerOffers: Sendable {
    var paymentPlans: [PaymentPlanInstalment]
    var discountOffers: [DiscountOffer]
  }

  /// The customers' payment plans (their overdue balance against what their open invoices are
  /// expected to bring within 30 days) and discount offers (from their probes' curves).
  ///
  /// - Parameter takeUp: the book's `ownTakeUp`.
  func customerOffers(
    _ book: OpenBook, _ customers: [CustomerScore], _ invoices: [InvoiceScore],
    probeCurves: [PaymentCurve], takeUp: [Int: Double]
  ) -> CustomerOffers {
    CustomerOffers(
      paymentPlans: PaymentPlanner.plans(customers: customers, invoices: invoices, asOf: book.asOf),
      discountOffers: discountOffers(book, customers, probeCurves: probeCurves, own: takeUp))
  }

  /// Each listed customer's `DistressSignal` (from its tally); the worklist rows of a
  /// distressed customer say so at the end of their reason.
  func markDistress(_ result: inout ScoreResult, _ book: OpenBook) {
    for (i, c) in book.listed.enumerated() {
      result.customers[i].distress = book.tallies[c].distress
    }
    let distressed = Set(
      result.customers.lazy.filter { $0.distress?.distressed == true }.map(\.customerID))
    for i in result.worklist.indices where distressed.contains(result.worklist[i].customerID) {
      result.worklist[i].reason += "; customer paying slower than its own record (distress)"
    }
  }
}
