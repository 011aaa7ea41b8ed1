import CreditData

extension CollectionsLadder {
  /// The action while a promise to pay is in force: check that the money came, the day after
  /// the promised date (the ladder is paused until then).
  public static let promiseCheckAction = "check promise"
}

extension CollectionsBook {
  /// The next collections action for open invoice `k` (a history row), with the promises
  /// and disputes in force.
  ///
  /// In order: an open dispute from the disputes file sends the invoice to the ladder's
  /// dispute action now and pauses its reminders (the customer's other invoices follow the
  /// ladder); an invoice flagged disputed in the history does the same (`plan`'s rule); an
  /// active promise pauses the ladder until the promised date, the next action being
  /// `promiseCheckAction` the day after (the reason names the ladder's action on that day);
  /// a broken promise (its date passed, the invoice still open) moves the invoice one rung up
  /// the ladder from where its age puts it, due now, and says so in the reason (on the last
  /// rung it stays there, and the reason says that it is already at the last rung).
  /// Otherwise the ladder's plan.
  public func plan(_ k: Int, ladder: CollectionsLadder, dueDate: Day, disputed: Bool)
    -> CollectionsLadder.Plan
  {
    // Words for the dispute and promise reasons (the ladder's plan has its own).
    var when: String { CollectionsLadder.describe(daysPastDue: asOf.days(since: dueDate)) }
    if let i = openDisputeOnInvoice[k] {
      let age = asOf.days(since: records.disputes?.opened[i] ?? asOf)
      return CollectionsLadder.Plan(
        action: ladder.disputeAction, date: asOf,
        reason: "disputed, \(when): \(disputeText(i)), open \(AmountText.duration(days: age)); "
          + "reminders paused")
    }
    let base = ladder.plan(dueDate: dueDate, asOf: asOf, disputed: disputed)
    guard !disputed, let promise = promiseOnInvoice[k] else { return base }
    if promise.isActive {
      let check = promise.promisedDate.adding(days: 1)
      // The rung the ladder is on when the pause ends, not the one it is on today.
      let after = ladder.nextAction(dueDate: dueDate, asOf: check, disputed: false).action
      return CollectionsLadder.Plan(
        action: CollectionsLadder.promiseCheckAction, date: check,
        reason: "\(when): \(promise.text); ladder paused until then, \(after) after")
    }
    // The rung itself, not the first of its name: two rungs may share an action's name.
    let from = ladder.nextRung(daysPastDue: asOf.days(since: dueDate)).index
    let atLastRung = from + 1 >= ladder.steps.count
    let up = ladder.steps[atLastRung ? from : from + 1]
    // The ladder's words without its next rung: that rung is the one taken now.
    let ladderReason = ladder.plan(
      dueDate: dueDate, asOf: asOf, disputed: disputed, announcingNext: false
    ).reason
    // On the last rung there is none to go up to: the action stays, and the words say so.
    let move =
      atLastRung ? "already at the last rung, \(base.action)" : "one rung up from \(base.action)"
    return CollectionsLadder.Plan(
      action: up.action, date: asOf,
      reason: "broken \(promise.text), not paid: \(move); " + ladderReason)
  }

  /// The date of `plan(_:ladder:dueDate:disputed:)`'s action, without its words: the
  /// worklist keeps only the invoices whose action is due within its look-ahead and puts
  /// words to those alone.
  public func actionDate(_ k: Int, ladder: CollectionsLadder, dueDate: Day, disputed: Bool)
    -> Day
  {
    if openDisputeOnInvoice[k] != nil { return asOf }
    if !disputed, let promise = promiseOnInvoice[k] {
      return promise.isActive ? promise.promisedDate.adding(days: 1) : asOf
    }
    return ladder.nextAction(dueDate: dueDate, asOf: asOf, disputed: disputed).date
  }

  /// The invoice has an open dispute in the disputes file.
  public func hasOpenDispute(_ k: Int) -> Bool { openDisputeOnInvoice[k] != nil }

  /// Invoice `k` is in dispute at the as-of date.
  ///
  /// An open dispute in the disputes file, or the history's flag (`flagged`) unless the
  /// disputes file says its disputes were resolved, or opened only after the as-of date. An
  /// export's flag often means "was ever disputed" by the day of the export; the disputes
  /// file dates them.
  public func isDisputed(_ k: Int, flagged: Bool) -> Bool {
    openDisputeOnInvoice[k] != nil
      || (flagged && !resolvedDisputes.contains(k) && !laterDisputes.contains(k))
  }
}
