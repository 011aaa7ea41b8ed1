import CreditData

/// The escalation ladder of collections actions, by days relative to the due date.
///
/// Default: pre-due reminder 7 days before due, follow-up 7 days after, call at 15, demand
/// letter at 45, agency referral at 90. A customer with an open disputed invoice goes to
/// dispute resolution first. Overridable from JSON (`--ladder`).
public struct CollectionsLadder: Codable, Sendable, Equatable, SettingsFile {
  /// One rung: an action and the day (relative to due; negative = before due) it becomes due.
  public struct Step: Codable, Sendable, Equatable {
    public var action: String
    public var daysFromDue: Int
    public init(action: String, daysFromDue: Int) {
      self.action = action
      self.daysFromDue = daysFromDue
    }
  }

  public var steps: [Step] = [
    Step(action: "pre-due reminder", daysFromDue: -7),
    Step(action: "follow-up", daysFromDue: 7),
    Step(action: "call", daysFromDue: 15),
    Step(action: "demand letter", daysFromDue: 45),
    Step(action: "agency referral", daysFromDue: 90),
  ]
  public var disputeAction: String = "dispute resolution"

  public init() {}

  /// Reads the keys a ladder file gives over the defaults (`SettingsFile`).
  public mutating func read(_ decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    steps = try c.value(.steps, or: steps)
    disputeAction = try c.value(.disputeAction, or: disputeAction)
    guard !steps.isEmpty else {
      throw PolicyError.invalidKey(
        "steps", reason: "the ladder has no steps; expected at least one")
    }
    // Two rungs on the same day would leave the first never taken.
    for k in steps.indices.dropFirst() where steps[k].daysFromDue <= steps[k - 1].daysFromDue {
      let (a, b) = (steps[k - 1], steps[k])
      throw PolicyError.invalidKey(
        "steps[\(k)].daysFromDue",
        reason:
          "step \(k + 1) ('\(b.action)', daysFromDue \(b.daysFromDue)) does not come after step "
          + "\(k) ('\(a.action)', daysFromDue \(a.daysFromDue)); expected daysFromDue to "
          + "increase from step to step")
    }
  }

  /// The next action for an invoice `daysPastDue` days past due at `asOf`, and its date.
  ///
  /// The latest rung already reached is due now (dated `asOf`); a pre-due rung is only useful
  /// before the due date, so once it has passed the next rung is scheduled on its own date.
  /// Before the first rung, the first rung is scheduled.
  public func nextAction(dueDate: Day, asOf: Day, disputed: Bool) -> (action: String, date: Day) {
    if disputed { return (disputeAction, asOf) }
    let (k, now) = nextRung(daysPastDue: asOf.days(since: dueDate))
    return (steps[k].action, now ? asOf : dueDate.adding(days: steps[k].daysFromDue))
  }

  /// The rung (index into `steps`) `nextAction` takes for an invoice `daysPastDue` days past
  /// due, and whether it is due now.
  ///
  /// The latest rung reached (now), or the next one once a pre-due rung has passed with the
  /// due date, or the first when none is reached (both on their own date).
  func nextRung(daysPastDue dpd: Int) -> (index: Int, now: Bool) {
    guard let reached = steps.lastIndex(where: { $0.daysFromDue <= dpd }) else {
      return (0, false)
    }
    if steps[reached].daysFromDue < 0, dpd >= 0, reached + 1 < steps.count {
      return (reached + 1, false)
    }
    return (reached, true)
  }
}
