extension CollectionsLadder {
  /// The keys of a ladder file (a test checks they are the keys the ladder encodes).
  public static let fileKeys = ["steps", "disputeAction"]

  /// The command that prints a ladder file with every key.
  public static let defaultsCommand = "creditrisk policy --defaults --ladder"
}

extension CollectionsLadder.Step {
  /// The keys of one step of a ladder file.
  public static let fileKeys = ["action", "daysFromDue"]

  private enum Key: String, CodingKey {
    case action, daysFromDue
  }

  /// Decodes a step; both keys are required, any other is an error naming it.
  public init(from decoder: any Decoder) throws {
    try PolicyError.rejectUnknownKeys(
      in: decoder, known: Self.fileKeys, listedBy: CollectionsLadder.defaultsCommand)
    let c = try decoder.container(keyedBy: Key.self)
    self.init(
      action: try c.decode(String.self, forKey: .action),
      daysFromDue: try c.decode(Int.self, forKey: .daysFromDue))
  }
}
