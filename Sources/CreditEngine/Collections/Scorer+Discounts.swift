import CreditData
import LinearAlgebra

extension Scorer {
  /// The customers for whom the early-payment discount of `terms` pays (`DiscountOffer`),
  /// in customers.csv order.
  ///
  /// Each listed customer's typical next invoice (its probe) gives `A` (the median amount)
  /// and the payment curve; a customer with at least `DiscountTerms.minimumOwnOffers`
  /// decided offers in the discounts file has its own take-up `τ` (taken ÷ decided), turned
  /// into the share of later payers that moved, `q = (τ − F) / (1 − F)` clipped to [0, 1];
  /// the others have `terms.takeUp`.
  ///
  /// - Parameter own: the book's `ownTakeUp` (read before the history's ids are given up).
  func discountOffers(
    _ book: OpenBook, _ customers: [CustomerScore], probeCurves: [PaymentCurve],
    own: [Int: Double]
  ) -> [DiscountOffer] {
    let records = book.portfolio.collections
    let terms = records.discountTerms
    // Customers in chunks on both cores (a curve's integral is up to several hundred steps).
    return Parallel.map(book.listed.count, minimumChunk: 1024) { chunk in
      chunk.compactMap { i -> DiscountOffer? in
        let c = book.listed[i]
        guard let amount = customers[i].facts?.typicalAmount, amount > 0 else { return nil }
        let curve = probeCurves[i]
        let f = 1 - curve.survival(Double(terms.days))
        var q = terms.takeUp
        var basis = "default"
        if let tau = own[c] {
          q = f < 1 ? min(max((tau - f) / (1 - f), 0), 1) : 0
          basis = "own"
        }
        // Most customers pay too early for the discount to pay: their D falls short of the
        // break-even within weeks of the integral.
        guard
          let d = curve.meanDaysBeyond(
            days: terms.days, horizon: DiscountTerms.horizonDays,
            unlessBelow: DiscountOffer.breakEvenDays(paidWithin: f, takeUp: q, terms: terms))
        else { return nil }
        let offer = DiscountOffer(
          customerID: customers[i].customerID, typicalAmount: amount, paidWithin: f,
          meanDaysBeyond: d, takeUp: q, takeUpBasis: basis, terms: terms)
        return offer.netValue > 0 ? offer : nil
      }
    }.flatMap { $0 }
  }

  /// Each customer's share of decided offers taken, where it has enough of them (by history
  /// customer index).
  func ownTakeUp(_ portfolio: Portfolio) -> [Int: Double] {
    guard let table = portfolio.collections.discounts else { return [:] }
    let h = portfolio.history
    let rowOf = Dictionary(
      h.invoiceIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var counts: [Int: (taken: Int, decided: Int)] = [:]
    for i in 0..<table.count {
      guard let k = rowOf[table.invoiceIDs[i]], h.issueDate[k] <= portfolio.asOf,
        let taken = table.taken[i]
      else { continue }
      let c = Int(h.customerIndex[k])
      counts[c, default: (0, 0)].decided += 1
      if taken { counts[c, default: (0, 0)].taken += 1 }
    }
    return counts.filter { $0.value.decided >= DiscountTerms.minimumOwnOffers }
      .mapValues { Double($0.taken) / Double($0.decided) }
  }
}
