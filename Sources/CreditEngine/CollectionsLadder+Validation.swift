extension CollectionsLadder {
  /// The allowed range of each number and name of a ladder file.
  public enum Limits {
    public static let steps = 1...100
    /// Days from the due date: ten years either side.
    public static let daysFromDue = -3_650...3_650
    /// Characters of an action's name.
    public static let actionLength = 1...200
  }

  /// Checks every step against `Limits`.
  /// - Throws: `PolicyError.invalid` naming the first key out of range and its range.
  public func validate() throws {
    try PolicyError.check("steps", steps.count, within: Limits.steps, what: "entries")
    for (k, step) in steps.enumerated() {
      try PolicyError.check("steps[\(k)].daysFromDue", step.daysFromDue, within: Limits.daysFromDue)
      try PolicyError.check(
        "steps[\(k)].action", step.action.count, within: Limits.actionLength, what: "characters")
    }
    try PolicyError.check(
      "disputeAction", disputeAction.count, within: Limits.actionLength, what: "characters")
  }
}
