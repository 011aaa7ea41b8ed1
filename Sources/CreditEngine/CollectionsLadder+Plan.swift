import CreditData

extension CollectionsLadder {
  /// An invoice's next collections action, its date and why, in words.
  public struct Plan: Sendable, Equatable {
    public var action: String
    public var date: Day
    public var reason: String
  }

  /// The next action for one open invoice, with what the ladder knows in words.
  ///
  /// A disputed invoice goes to `disputeAction` now. Otherwise the ladder's `nextAction`: the
  /// reason says how far past due (or before due) the invoice is, which rung that is and when
  /// the next rung comes, e.g. "42 days past due: call (from 15 days past due) now; then
  /// demand letter on 2026-12-05"; the action and date are `nextAction`'s.
  ///
  /// `announcingNext: false` leaves the "then" part out, for a caller that takes the next
  /// rung now (a broken promise).
  public func plan(dueDate: Day, asOf: Day, disputed: Bool, announcingNext: Bool = true) -> Plan {
    let dpd = asOf.days(since: dueDate)
    let when = Self.describe(daysPastDue: dpd)
    if disputed {
      return Plan(action: disputeAction, date: asOf, reason: "disputed, \(when)")
    }
    let (k, now) = nextRung(daysPastDue: dpd)
    let step = steps[k]
    let date = now ? asOf : dueDate.adding(days: step.daysFromDue)
    var reason =
      "\(when): \(step.action) (from \(Self.rung(step.daysFromDue)))"
      + (now ? " now" : " on \(date.isoString)")
    if announcingNext, k + 1 < steps.count {
      let then = steps[k + 1]
      reason += "; then \(then.action) on \(dueDate.adding(days: then.daysFromDue).isoString)"
    }
    return Plan(action: step.action, date: date, reason: reason)
  }

  /// A rung's day in words: "7 days before due", "the due date", "45 days past due".
  static func rung(_ daysFromDue: Int) -> String {
    if daysFromDue == 0 { return "the due date" }
    if daysFromDue < 0 { return "\(-daysFromDue) days before due" }
    return "\(daysFromDue) days past due"
  }

  /// Days relative to due in words: "42 days past due", "due today", "due in 5 days".
  public static func describe(daysPastDue dpd: Int) -> String {
    if dpd == 0 { return "due today" }
    if dpd > 0 { return dpd == 1 ? "1 day past due" : "\(dpd) days past due" }
    return dpd == -1 ? "due in 1 day" : "due in \(-dpd) days"
  }
}
