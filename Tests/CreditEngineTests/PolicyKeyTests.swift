import CreditEngine
import Foundation
import Testing

@Suite("Policy and ladder keys")
struct PolicyKeyTests {
  private func policy(_ json: String) throws -> CreditPolicy {
    try JSONDecoder().decode(CreditPolicy.self, from: Data(json.utf8))
  }

  private func ladder(_ json: String) throws -> CollectionsLadder {
    try JSONDecoder().decode(CollectionsLadder.self, from: Data(json.utf8))
  }

  /// The message of the `PolicyError` that `body` throws ("" when it throws none).
  private func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return ""
    } catch let error as PolicyError {
      return "\(error)"
    } catch {
      return "other error: \(error)"
    }
  }

  /// The keys each value encodes, which `policy --defaults` prints.
  private func encodedKeys(_ value: some Encodable) throws -> Set<String> {
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    return Set((object as? [String: Any] ?? [:]).keys)
  }

  @Test func fileKeysAreTheEncodedKeys() throws {
    var stated = CreditPolicy()
    stated.lossGivenDefault = 0.6
    #expect(try encodedKeys(stated) == Set(CreditPolicy.fileKeys))
    #expect(
      try encodedKeys(CreditPolicy())
        == Set(CreditPolicy.fileKeys).subtracting(["lossGivenDefault"]))
    #expect(try encodedKeys(CollectionsLadder()) == Set(CollectionsLadder.fileKeys))
    #expect(
      try encodedKeys(CollectionsLadder().steps[0]) == Set(CollectionsLadder.Step.fileKeys))
  }

  @Test func defaultsLoadBackUnchanged() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let policy = try JSONDecoder().decode(
      CreditPolicy.self, from: encoder.encode(CreditPolicy()))
    #expect(policy == CreditPolicy())
    let ladder = try JSONDecoder().decode(
      CollectionsLadder.self, from: encoder.encode(CollectionsLadder()))
    #expect(ladder == CollectionsLadder())
  }

  @Test func misspelledPolicyKeyIsNamedWithTheClosestKey() {
    let text = message { _ = try policy(#"{"holdDaysPastDu": 45}"#) }
    #expect(text.contains("unknown key 'holdDaysPastDu'"))
    #expect(text.contains("did you mean 'holdDaysPastDue'"))
  }

  @Test func unrelatedKeyListsTheKeys() {
    let text = message { _ = try policy(#"{"colour": "red"}"#) }
    #expect(text.contains("unknown key 'colour'; expected one of gradeBounds"))
    #expect(text.contains("activityLookbackDays"))
  }

  @Test func misspelledLadderKeysAreNamedWhereTheyAre() {
    #expect(
      message { _ = try ladder(#"{"disputeActon": "x"}"#) }
        .contains("unknown key 'disputeActon' (did you mean 'disputeAction'?)"))
    let step = #"{"steps": [{"action": "a", "daysFromDue": 1}, {"action": "b", "days": 9}]}"#
    #expect(message { _ = try ladder(step) }.contains("unknown key 'days' in steps[1]"))
  }

  /// A misspelled ladder key points at the command that prints the ladder's keys, not the
  /// policy's.
  @Test func misspelledKeysNameTheirOwnDefaults() {
    #expect(
      message { _ = try ladder(#"{"disputeActon": "x"}"#) }
        .hasSuffix("'creditrisk policy --defaults --ladder' lists the keys"))
    #expect(
      message { _ = try ladder(#"{"steps": [{"action": "a", "daysFromDu": 1}]}"#) }
        .hasSuffix("'creditrisk policy --defaults --ladder' lists the keys"))
    #expect(
      message { _ = try policy(#"{"holdDaysPastDu": 45}"#) }
        .hasSuffix("'creditrisk policy --defaults' lists the keys"))
  }

  @Test func gradesNamedElsewhereMustBeGrades() {
    #expect(
      message { _ = try policy(#"{"gradeLimitFactors": {"a": 4}}"#) }
        .contains("gradeLimitFactors.a is not a grade (did you mean 'A'?)"))
    #expect(
      message { _ = try policy(#"{"holdGrades": ["F"]}"#) }
        .contains("holdGrades has 'F', not a grade"))
    let renamed = #"{"gradeBounds": [0.1], "gradeNames": ["Low", "High"]}"#
    #expect(
      message { _ = try policy(renamed) }.contains("no factor for grade Low"))
    let named =
      #"{"gradeBounds": [0.1], "gradeNames": ["Low", "High"], "holdGrades": ["High"],"#
      + #" "gradeLimitFactors": {"Low": 2, "High": 0.5}}"#
    #expect(message { _ = try policy(named) } == "")
  }

  /// Two equal bounds leave the grade between them empty; the count and the order are named
  /// apart.
  @Test func gradeBoundsMustRiseStrictly() {
    #expect(
      message { _ = try policy(#"{"gradeBounds": [0.02, 0.02, 0.1, 0.2]}"#) }
        .contains(
          "gradeBounds[1] is 0.02, not above gradeBounds[0] (0.02), which would leave grade B "
            + "with no PD; expected bounds that increase"))
    #expect(
      message { _ = try policy(#"{"gradeBounds": [0.05, 0.02, 0.1, 0.2]}"#) }
        .contains("gradeBounds[1] is 0.02, not above gradeBounds[0] (0.05)"))
    #expect(
      message { _ = try policy(#"{"gradeBounds": [0.1]}"#) }
        .contains(
          "gradeNames has 5 names and gradeBounds 1 bounds; expected one name more than bounds"))
    #expect(message { _ = try policy(#"{"gradeBounds": [0.01, 0.05, 0.1, 0.2]}"#) } == "")
  }

  /// Left out, holdGrades holds the worst grade of the file's own names: F of six grades
  /// (the default's E would hold the second worst), C of three, E of the default five.
  @Test func leftOutHoldGradesHoldsTheWorstGrade() throws {
    let six = try policy(
      #"{"gradeBounds": [0.02, 0.05, 0.1, 0.2, 0.4], "gradeNames": ["A", "B", "C", "D", "E", "F"],"#
        + #" "gradeLimitFactors": {"F": 0}}"#)
    #expect(six.holdGrades == ["F"])
    let decide = { (grade: String) in
      six.limitDecision(
        customerID: "C1", current: 5_000, grade: grade, volume: 12_000, openBalance: 0,
        maxDaysPastDue: nil)
    }
    #expect(decide("F").hold)
    #expect(decide("F").holdReasons == ["grade F"])
    #expect(!decide("E").hold)
    let fewer = try policy(#"{"gradeBounds": [0.05, 0.1], "gradeNames": ["A", "B", "C"]}"#)
    #expect(fewer.holdGrades == ["C"])
    #expect(try policy("{}").holdGrades == ["E"])
    #expect(try policy(#"{"holdGrades": []}"#).holdGrades == [])
    #expect(
      message { _ = try policy(#"{"holdGrades": ["D", "F"]}"#) }
        .contains("holdGrades has 'F', not a grade"))
  }

  @Test(arguments: [
    (#"{"scoreBaseOdds": 0}"#, "scoreBaseOdds is 0.0; expected 0.001...1000000.0"),
    (#"{"scoreBaseOdds": -2}"#, "scoreBaseOdds is -2.0; expected"),
    (#"{"volumeLookbackDays": 9000000000000000000}"#, "volumeLookbackDays is 9000000000000000000"),
    (#"{"maximumDecrease": 1.5}"#, "maximumDecrease is 1.5; expected 0.0...1.0"),
    (#"{"gradeLimitFactors": {"B": -1}}"#, "gradeLimitFactors.B is -1.0; expected 0.0...120.0"),
  ])
  func outOfRangeValuesNameKeyAndRange(json: String, expected: String) {
    #expect(message { _ = try policy(json) }.contains(expected))
  }
}
