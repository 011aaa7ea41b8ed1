import CreditData
import CreditEngine

/// The trailing promise columns of customers.csv, with a promises file: `promises_matured`
/// (promises whose date passed by the as-of date), `promises_kept` (of those, paid by the
/// promised date) and `promise_keeping_rate` (kept ÷ matured; empty before any matured).
enum PromiseColumns {
  static let header = ["promises_matured", "promises_kept", "promise_keeping_rate"]

  static func append(_ record: PromiseRecord?, to w: inout CSVWriter) {
    let record = record ?? PromiseRecord()
    w.appendInteger(record.matured)
    w.appendInteger(record.kept)
    if let rate = record.keepingRate { w.appendProbability(rate) } else { w.appendEmpty() }
  }

  /// `distress` (true/false; empty without enough invoices to compare), `distress_score`
  /// (the signal's z) and `distress_reason` (its words when distressed).
  static let distressHeader = ["distress", "distress_score", "distress_reason"]

  static func appendDistress(_ signal: DistressSignal?, to w: inout CSVWriter) {
    guard let signal else {
      w.appendEmpty()
      w.appendEmpty()
      w.appendEmpty()
      return
    }
    w.appendText(signal.distressed ? "true" : "false")
    w.appendFixed(signal.score, decimals: 2)
    w.appendText(signal.distressed ? signal.reason : "")
  }
}
