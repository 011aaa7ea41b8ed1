import CreditData

/// Any key of a JSON object, to list the keys a settings file holds.
struct SettingsKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension PolicyError {
  /// Throws for the first key of the object being decoded that is not in `known` (in the
  /// file's order), naming where it is, the keys allowed there and the closest of them: a
  /// misspelled key would otherwise be ignored and its default used without a word;
  /// `command` prints the file with every key.
  static func rejectUnknownKeys(
    in decoder: any Decoder, known: [String], listedBy command: String
  ) throws {
    let container = try decoder.container(keyedBy: SettingsKey.self)
    let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
    guard let key = unknown.first else { return }
    let place = keyPath(decoder.codingPath)
    let path = place.isEmpty ? key : place + "." + key
    let what =
      "unknown key '\(MessageText.oneLine(key, limit: 60))'"
      + (place.isEmpty ? "" : " in \(place)")
    if place.isEmpty, let other = otherFile(holding: container.allKeys.map(\.stringValue), known) {
      throw PolicyError.invalidKey(path, reason: what + "; " + other)
    }
    // The suggestion, or else the keys there are (both would not fit on one line).
    if let near = MessageText.closest(to: key, among: known) {
      throw PolicyError.invalidKey(
        path, reason: what + " (did you mean '\(near)'?); '\(command)' lists the keys")
    }
    throw PolicyError.invalidKey(
      path, reason: what + "; expected one of " + known.joined(separator: ", "))
  }

  /// Words for a file whose keys are all the other settings file's (a ladder given as the
  /// policy, or the other way round), saying how to give it; nil otherwise.
  ///
  /// Its first unknown key alone, with the keys a policy may hold, did not say that the whole
  /// file was of the other kind.
  static func otherFile(holding keys: [String], _ known: [String]) -> String? {
    let kinds: [(name: String, keys: [String], option: String, check: String)] = [
      (
        "ladder", CollectionsLadder.fileKeys, "--ladder FILE",
        "creditrisk policy --ladder --check FILE"
      ),
      ("policy", CreditPolicy.fileKeys, "--policy FILE", "creditrisk policy --check FILE"),
    ]
    guard !keys.isEmpty,
      let other = kinds.first(where: { $0.keys != known && keys.allSatisfy($0.keys.contains) })
    else { return nil }
    return "every key of the file is a \(other.name) file's: give it as \(other.option) "
      + "('\(other.check)' checks it)"
  }

  /// A coding path as a key path: `steps[2].action`.
  public static func keyPath(_ path: [any CodingKey]) -> String {
    path.reduce(into: "") { text, key in
      if let k = key.intValue {
        text += "[\(k)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
  }
}

extension KeyedDecodingContainer {
  /// The value a settings file gives at `key`, or `fallback` (the default) when it leaves the
  /// key out.
  func value<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? fallback
  }
}
