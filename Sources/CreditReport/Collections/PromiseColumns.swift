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
}
