import Foundation
import TestSupport
import Testing

@Suite("creditrisk policy")
struct PolicyCommandTests {
  /// `score` on the small fixture with `extra` arguments; the output folder's files by name.
  private func score(_ extra: [String], into folder: String) throws -> [String: Data] {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let run = try CLI.run(
      ["score", "--history", "valid-small.csv", "--model", model, "--out", folder] + extra)
    try #require(run.status == 0, "score failed: \(run.stderr)")
    var files: [String: Data] = [:]
    for name in CLI.files(in: folder) {
      files[name] = FileManager.default.contents(atPath: folder + "/" + name)
    }
    return files
  }

  @Test func printedDefaultsLoadBackAndScoreAsNoFile() throws {
    let folder = try CLI.temporaryDirectory("policy-defaults")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, arguments) in [
      ("policy.json", ["policy", "--defaults"]),
      ("ladder.json", ["policy", "--defaults", "--ladder"]),
    ] {
      let run = try CLI.run(arguments)
      try #require(run.status == 0, "\(arguments): \(run.stderr)")
      try run.stdout.write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
    }
    let check = try CLI.run(["policy", "--check", folder + "/policy.json"])
    #expect(check.status == 0)
    #expect(check.stdout.contains("every value is the default"))
    let plain = try score([], into: folder + "/plain")
    let withFiles = try score(
      ["--policy", folder + "/policy.json", "--ladder", folder + "/ladder.json"],
      into: folder + "/files")
    #expect(plain.count >= 6)
    #expect(plain == withFiles)
  }

  @Test func checkNamesTheKeysThatDiffer() throws {
    let folder = try CLI.temporaryDirectory("policy-check")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/p.json"
    try #"{"holdDaysPastDue": 45, "maximumIncrease": 0.25}"#.write(
      toFile: path, atomically: false, encoding: .utf8)
    let run = try CLI.run(["policy", "--check", path])
    #expect(run.status == 0)
    #expect(run.stdout.contains("differs from the defaults in maximumIncrease, holdDaysPastDue"))
  }

  /// The keys that differ and no others: none for the printed defaults or an empty object,
  /// one for a file changing one list (lists and objects compare by their values).
  @Test(arguments: [
    ("{}", "every value is the default"),
    (#"{"holdGrades": ["D", "E"]}"#, "differs from the defaults in holdGrades"),
    (#"{"gradeNames": ["A", "B", "C", "D", "E"]}"#, "every value is the default"),
    (#"{"gradeLimitFactors": {"E": 0.25}}"#, "differs from the defaults in gradeLimitFactors"),
  ])
  func checkComparesValues(file: String, verdict: String) throws {
    let scratch = try ScratchFolder("policy-values")
    let path = try scratch.file("p.json", file)
    let run = try CLI.run(["policy", "--check", path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "\(path): a valid policy file; \(verdict)\n")
  }

  /// What the JSON decoder leaves unsaid or says wrongly, said with the place and the key:
  /// a syntax error, a key given twice (the decoder kept the first), a null (it took the
  /// default), a fraction for a whole number ("not valid JSON"), two rungs on one day.
  @Test(arguments: [
    (
      "policy", "{\"holdDaysPastDue\": 60 \"x\": 1}",
      ":1:24: invalid policy file: '\"' after the value of 'holdDaysPastDue'; expected ',' or '}'"
    ),
    (
      "policy", "{\"holdDaysPastDue\": 60,\n \"holdDaysPastDue\": 10}",
      ":2:2: invalid policy file: 'holdDaysPastDue' is given twice (first on line 1)"
    ),
    (
      "policy", "{\"holdDaysPastDue\": null}",
      ":1:21: invalid policy file: 'holdDaysPastDue' is null"
    ),
    (
      "policy", "{\"holdDaysPastDue\": 60.5}",
      ":1:2: invalid policy file: key 'holdDaysPastDue': 60.5 is not a whole number"
    ),
    (
      "ladder",
      #"{"steps": [{"action": "a", "daysFromDue": 5}, {"action": "b", "daysFromDue": 5}]}"#,
      ":1:63: invalid ladder file: step 2 ('b', daysFromDue 5) does not come after "
        + "step 1 ('a', daysFromDue 5)"
    ),
  ])
  func aFileTheDecoderWouldMisreadIsNamed(kind: String, file: String, message: String) throws {
    let scratch = try ScratchFolder("policy-text")
    let path = try scratch.file("p.json", file)
    let run = try CLI.run(["policy", "--check", path] + (kind == "ladder" ? ["--ladder"] : []))
    #expect(run.status == 1)
    #expect(run.stderr.contains("Error: \(path)\(message)"), "\(run.stderr)")
  }

  /// A value of the wrong type is named by its key, its line and column, with what the key
  /// takes, in words, also inside a ladder's steps and for a whole number too large for any
  /// range.
  @Test(arguments: [
    (
      "policy", #"{"scoreBase": "600"}"#,
      ":1:2: invalid policy file: key 'scoreBase': expected a number, found text"
    ),
    (
      "policy", #"{"holdGrades": "E"}"#,
      ":1:2: invalid policy file: key 'holdGrades': expected a list in [ ], found text"
    ),
    (
      "policy", #"{"gradeLimitFactors": [1]}"#,
      ":1:2: invalid policy file: key 'gradeLimitFactors': expected an object in { }, found a list"
    ),
    (
      "policy", #"{"holdDaysPastDue": -1e30}"#,
      ":1:2: invalid policy file: key 'holdDaysPastDue': -1e+30 is too far from zero for a whole "
        + "number; expected a whole number in the key's range"
    ),
    (
      "ladder",
      #"{"steps": [{"action": "a", "daysFromDue": 1}, {"action": "b", "daysFromDue": 7.5}]}"#,
      ":1:63: invalid ladder file: key 'steps[1].daysFromDue': 7.5 is not a whole number; expected "
        + "a whole number"
    ),
    (
      "ladder", #"{"steps": [{"action": 5, "daysFromDue": 1}]}"#,
      ":1:13: invalid ladder file: key 'steps[0].action': expected text in double quotes, found a "
        + "number"
    ),
  ])
  func aValueOfTheWrongTypeSaysWhatTheKeyTakes(kind: String, file: String, message: String)
    throws
  {
    let scratch = try ScratchFolder("policy-type")
    let path = try scratch.file("p.json", file)
    let run = try CLI.run(["policy", "--check", path] + (kind == "ladder" ? ["--ladder"] : []))
    #expect(run.status == 1)
    #expect(run.stderr == "Error: \(path)\(message)\n", "\(run.stderr)")
  }

  /// A ladder file checked as a policy, or a policy as a ladder, says which it is and how to
  /// give it: its first key was called unknown, with the other file's keys cut off.
  @Test func aFileOfTheOtherKindSaysSo() throws {
    let scratch = try ScratchFolder("policy-kind")
    let ladder = try scratch.file("ladder.json", #"{"disputeAction": "query"}"#)
    let asPolicy = try CLI.run(["policy", "--check", ladder])
    #expect(asPolicy.status == 1)
    #expect(
      asPolicy.stderr
        == "Error: \(ladder):1:2: invalid policy file: unknown key 'disputeAction'; every key of "
        + "the file is a ladder file's: give it as --ladder FILE ('creditrisk policy --ladder "
        + "--check FILE' checks it)\n", "\(asPolicy.stderr)")
    let policy = try scratch.file("policy.json", "{\n  \"holdDaysPastDue\": 45\n}")
    let asLadder = try CLI.run(["policy", "--check", policy, "--ladder"])
    #expect(asLadder.status == 1)
    #expect(
      asLadder.stderr
        == "Error: \(policy):2:3: invalid ladder file: unknown key 'holdDaysPastDue'; every key "
        + "of the file is a policy file's: give it as --policy FILE ('creditrisk policy --check "
        + "FILE' checks it)\n", "\(asLadder.stderr)")
    // A misspelt key of the file's own kind keeps its suggestion.
    let mixed = try scratch.file("mixed.json", #"{"steps": [], "holdDaysPastDu": 45}"#)
    let run = try CLI.run(["policy", "--check", mixed])
    #expect(run.stderr.contains("(did you mean 'holdDaysPastDue'?)"), "\(run.stderr)")
  }

  /// An error about a key names the key's line and column in the file, on any line: a wrong
  /// type, an unknown key, a value out of range.
  @Test(arguments: [
    (
      "policy", "{\n  \"holdDaysPastDue\": 60,\n  \"gradeBounds\": [0.02,\n    \"x\"]\n}",
      ":4:5: invalid policy file: key 'gradeBounds[1]': expected a number, found text"
    ),
    (
      "policy", "{\n  \"holdDaysPastDue\": 60,\n  \"holdDaysPastDu\": 45\n}",
      ":3:3: invalid policy file: unknown key 'holdDaysPastDu' (did you mean 'holdDaysPastDue'?); "
        + "'creditrisk policy --defaults' lists the keys"
    ),
    (
      "policy", "{\n  \"gradeLimitFactors\": {\"A\": 3,\n    \"B\": -1}\n}",
      ":3:5: invalid policy file: gradeLimitFactors.B is -1.0; expected 0.0...120.0"
    ),
  ])
  func keysAreNamedWithTheirLineAndColumn(kind: String, file: String, message: String) throws {
    let scratch = try ScratchFolder("policy-place")
    let path = try scratch.file("p.json", file)
    let run = try CLI.run(["policy", "--check", path] + (kind == "ladder" ? ["--ladder"] : []))
    #expect(run.status == 1)
    #expect(run.stderr == "Error: \(path)\(message)\n", "\(run.stderr)")
  }

  @Test func aChangedPolicyChangesTheLimits() throws {
    let folder = try CLI.temporaryDirectory("policy-change")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/p.json"
    try #"{"gradeLimitFactors": {"A": 6, "B": 5, "C": 4}}"#.write(
      toFile: path, atomically: false, encoding: .utf8)
    let plain = try score([], into: folder + "/plain")
    let changed = try score(["--policy", path], into: folder + "/changed")
    #expect(plain["credit_limits.csv"] != changed["credit_limits.csv"])
    #expect(plain["invoices.csv"] == changed["invoices.csv"])
  }
}
