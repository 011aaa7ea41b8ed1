import Testing

@testable import CreditEngine

/// What the JSON decoder does not say about a settings file, found before decoding.
@Suite struct SettingsTextTests {
  func problem(_ text: String) -> SettingsText.Problem? {
    do {
      try SettingsText.check(Array(text.utf8))
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: [
    "{}", "{\"holdDaysPastDue\": 60}",
    "{\"a\": [1, 2.5, -3e2], \"b\": {\"c\": true, \"d\": \"x\\\"y\"}}",
    "\u{FEFF}{\"a\": false}",
  ])
  func validTextPasses(text: String) {
    #expect(problem(text) == nil)
  }

  @Test(arguments: [
    ("{\"a\": 60 \"b\": 1}", 1, 10, "'\"' after the value of 'a'; expected ',' or '}'"),
    (
      "{\n  \"a\": 60,\n  \"a\": 10\n}", 3, 3,
      "'a' is given twice (first on line 2); expected each key once"
    ),
    (
      "{\"a\": {\"b\": null}}", 1, 13,
      "'a.b' is null; expected a value (leave the key out to keep its default)"
    ),
    ("{\n  \"a\": [1, 2,]\n}", 2, 14, "']' where a value was expected"),
    ("{\"a\": 1} x", 1, 10, "text after the end of the settings; expected nothing more"),
    ("{\"a\": \"open", 1, 7, "a string that is not closed; expected '\"'"),
    ("{a: 1}", 1, 2, "'a' where a key in double quotes was expected"),
  ])
  func problemsAreNamedWithTheirPlace(text: String, line: Int, column: Int, message: String) {
    let p = problem(text)
    #expect(
      p == SettingsText.Problem(line: line, column: column, message: message),
      "\(String(describing: p))")
  }

  /// Where a key path is given: a key's opening quote, an element's first character; nil for
  /// one the text does not give.
  @Test func keyPathsArePlaced() {
    let text = Array(
      "{\n  \"gradeBounds\": [0.02,\n    0.5],\n  \"steps\": [{\"action\": \"a\"}],\n  \"f\": {\"B\": 1}\n}"
        .utf8)
    #expect(SettingsText.place(of: "gradeBounds", in: text)! == (2, 3))
    #expect(SettingsText.place(of: "gradeBounds[1]", in: text)! == (3, 5))
    #expect(SettingsText.place(of: "steps[0].action", in: text)! == (4, 14))
    #expect(SettingsText.place(of: "f.B", in: text)! == (5, 9))
    #expect(SettingsText.place(of: "holdGrades", in: text) == nil)
  }
}
