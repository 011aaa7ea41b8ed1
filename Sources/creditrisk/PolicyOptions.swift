import ArgumentParser
import CreditData
import CreditEngine
import Foundation

/// The credit policy and collections ladder files, shared by score, report, backtest and
/// explain.
struct PolicyOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Credit policy JSON overriding the defaults (grades, points, limits, holds).",
      discussion: "'creditrisk policy --defaults' prints every key with its default."))
  var policy: String?

  @Option(
    help: ArgumentHelp(
      "Collections ladder JSON overriding the default escalation steps.",
      discussion: "'creditrisk policy --defaults --ladder' prints the default ladder."))
  var ladder: String?

  /// The files these options read, by option, for `DistinctPaths`.
  var inputs: [DistinctPaths.Given] { [("--policy", policy), ("--ladder", ladder)] }

  /// The policy of `--policy`, or the defaults.
  func loadPolicy() throws -> CreditPolicy {
    try policy.map { try readSettings(CreditPolicy.self, path: $0, kind: "policy") }
      ?? CreditPolicy()
  }

  /// The ladder of `--ladder`, or the defaults.
  func loadLadder() throws -> CollectionsLadder {
    try ladder.map { try readSettings(CollectionsLadder.self, path: $0, kind: "ladder") }
      ?? CollectionsLadder()
  }
}

/// Decodes a policy or ladder file, with the path, the line and column of the key, the key
/// and the allowed values in any error:
/// `p.json:2:3: invalid policy file: holdDaysPastDue is -1; expected 0...3650` (without a line
/// and column for a key the file leaves out).
func readSettings<T: Decodable>(_ type: T.Type, path: String, kind: String) throws -> T {
  let bytes = try CSVReader.readFile(path: path)
  let prefix = "\(path): invalid \(kind) file: "
  /// The message's start, naming the line and column of `key` when the file gives it.
  func place(of key: String?) -> String {
    guard let key, !key.isEmpty, let (line, column) = SettingsText.place(of: key, in: bytes)
    else { return prefix }
    return "\(path):\(line):\(column): invalid \(kind) file: "
  }
  do {
    try SettingsText.check(bytes)
  } catch {
    throw CommandError(
      "\(path):\(error.line):\(error.column): invalid \(kind) file: \(error.message)")
  }
  do {
    return try JSONDecoder().decode(T.self, from: Data(bytes))
  } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
    // Valid JSON (checked above) that the decoder calls "not valid JSON": a number that does
    // not fit its key's type (60.5 for a number of days). Decoding the keys one at a time
    // finds which.
    let misfit = SettingsMisfit.find(T.self, in: bytes)
    throw CommandError(
      place(of: misfit?.key) + (misfit?.message ?? context.debugDescription))
  } catch let error as DecodingError {
    // The key and the decoder's one-line reason, not the whole error value.
    let (context, what): (DecodingError.Context?, String) =
      switch error {
      case .typeMismatch(let type, let c): (c, SettingsMisfit.mismatch(type, c.debugDescription))
      case .valueNotFound(_, let c), .dataCorrupted(let c): (c, "")
      case .keyNotFound(let key, let c): (c, "missing key '\(key.stringValue)'")
      @unknown default: (nil, "")
      }
    let key = PolicyError.keyPath(context?.codingPath ?? [])
    let reason = what.isEmpty ? context?.debugDescription ?? "\(error)" : what
    throw CommandError(place(of: key) + (key.isEmpty ? "" : "key '\(key)': ") + reason)
  } catch let error as PolicyError {
    throw CommandError(place(of: error.key) + error.reason)
  }
}
