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
    let terms = r.collections.discountTerms
    return CSVWriter(
      r.collections.discountOffers,
      columns: [
        .text("customer_id") { $0.customerID },
        .fixed("discount_percent", decimals: 2) { _ in terms.percent },
        .integer("discount_days") { _ in terms.days },
        .money("typical_amount") { $0.typicalAmount },
        .probability("p_paid_within") { $0.paidWithin }, .probability("take_up") { $0.takeUp },
        .text("take_up_basis") { $0.takeUpBasis },
        .fixed("expected_days_gained", decimals: 1) { $0.daysGained },
        .money("capital_saving") { $0.capitalSaving },
        .money("discount_cost") { $0.discountCost }, .money("net_value") { $0.netValue },
      ] + ScoreFiles.ending(r))
  }
}
