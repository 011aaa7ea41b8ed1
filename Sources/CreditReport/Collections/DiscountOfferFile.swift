import CreditData
import CreditEngine

/// discount_offers.csv: the customers for whom the early-payment discount pays.
///
/// Rows are `DiscountOffer`s, in customers.csv order: `customer_id, discount_percent,
/// discount_days, typical_amount, p_paid_within, take_up, take_up_basis,
/// expected_days_gained, capital_saving, discount_cost, net_value`, then `currency` (when known) and `as_of`. Only the header
/// when it pays for none.
enum DiscountOfferFile {
  static func render(_ r: ScoreResult) -> CSVWriter {
    var w = CSVWriter(
      header: [
        "customer_id", "discount_percent", "discount_days", "typical_amount", "p_paid_within",
        "take_up", "take_up_basis", "expected_days_gained", "capital_saving", "discount_cost",
        "net_value",
      ] + ScoreFiles.ending(r))
    let terms = r.collections.discountTerms
    for row in r.collections.discountOffers {
      w.appendText(row.customerID)
      w.appendFixed(terms.percent, decimals: 2)
      w.appendInteger(terms.days)
      w.appendMoney(row.typicalAmount)
      w.appendProbability(row.paidWithin)
      w.appendProbability(row.takeUp)
      w.appendText(row.takeUpBasis)
      w.appendFixed(row.daysGained, decimals: 1)
      w.appendMoney(row.capitalSaving)
      w.appendMoney(row.discountCost)
      w.appendMoney(row.netValue)
      ScoreFiles.appendEnding(&w, r)
      w.endRow()
    }
    return w
  }
}
