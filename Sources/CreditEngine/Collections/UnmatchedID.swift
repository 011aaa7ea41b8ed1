import CreditData

/// Why a collections file's row names no id of the history, in the skipped rows' words.
///
/// Ids match exactly; an id the history has with other leading zeros, letter case or
/// surrounding spaces (`910856055` for `0910856055`, as a spreadsheet writes a number) is
/// said so, since the user's fix is then to keep the ids as text, not to look for a missing
/// invoice.
struct UnmatchedID<IDs: Sequence<String>> {
  /// The history's ids, matched loosely only once a row misses (`CustomerTable.looseKey`).
  private let ids: IDs
  private var keys: Set<String>?

  init(_ ids: IDs) { self.ids = ids }

  /// The reason for a row whose `what` ("invoice", "customer") `id` is not in the history.
  mutating func reason(_ what: String, _ id: String) -> String {
    if keys == nil { keys = Set(ids.lazy.map(CustomerTable.looseKey)) }
    guard keys?.contains(CustomerTable.looseKey(id)) == true else {
      return "\(what) not in the history"
    }
    return "\(what) not in the history as written, which has it with other leading zeros, "
      + "letter case or spaces (ids match exactly; a spreadsheet drops a number's leading zeros: "
      + "keep the ids as text)"
  }
}
