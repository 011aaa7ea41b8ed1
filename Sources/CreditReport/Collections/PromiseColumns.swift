import CreditData
import CreditEngine

/// The trailing promise and distress columns of customers.csv.
enum PromiseColumns {
  /// With a promises file: `promises_matured` (promises whose date passed by the as-of date),
  /// `promises_kept` (of those, paid by the promised date) and `promise_keeping_rate` (kept ÷
  /// matured; empty before any matured).
  static let columns: [CSVColumn<CustomerScore>] = [
    .integer("promises_matured") { $0.promiseRecord?.matured ?? 0 },
    .integer("promises_kept") { $0.promiseRecord?.kept ?? 0 },
    .probability("promise_keeping_rate") { $0.promiseRecord?.keepingRate },
  ]

  /// `distress` (true/false; empty without enough invoices to compare), `distress_score`
  /// (the signal's z) and `distress_reason` (its words when distressed); all three empty
  /// without a signal.
  static let distress: [CSVColumn<CustomerScore>] = [
    .flag("distress") { $0.distress?.distressed },
    .fixed("distress_score", decimals: 2) { $0.distress?.score },
    .text("distress_reason") { $0.distress.map { $0.distressed ? $0.reason : "" } ?? "" },
  ]
}
