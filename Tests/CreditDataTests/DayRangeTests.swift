import CreditData
import Testing

@Suite("Day arithmetic cannot overflow; option dates are range-checked")
struct DayRangeTests {
  @Test func rangeEndsAreTheDocumentedDays() {
    #expect(Day.supportedRange.lowerBound == Day(year: 1900, month: 1, day: 1))
    #expect(Day.supportedRange.upperBound == Day(year: 2199, month: 12, day: 31))
    #expect(Day.earliest == Day(year: 1, month: 1, day: 1))
    #expect(Day.latest == Day(year: 9999, month: 12, day: 31))
  }

  @Test(arguments: [Int.max, Int.min, Int(Int32.max), Int(Int32.min), 10_000_000, -10_000_000])
  func addingSaturates(days: Int) {
    let asOf = Day(year: 2199, month: 12, day: 31)!
    let day = asOf.adding(days: days)
    #expect(day == (days > 0 ? Day.latest : Day.earliest))
    #expect(day.isoString == (days > 0 ? "9999-12-31" : "0001-01-01"))
  }

  @Test func ordinaryArithmeticIsUnchanged() {
    let day = Day(year: 2025, month: 12, day: 29)!
    #expect(day.adding(days: 3).isoString == "2026-01-01")
    #expect(day.adding(days: -365).isoString == "2024-12-29")
    #expect(Day.latest.adding(days: -1).isoString == "9999-12-30")
  }

  /// A hand-made day beyond year 9999 never prints as year 0000.
  @Test func extremeRawValuesPrintAsTheNearestEnd() {
    #expect(Day(rawValue: Int32.max).isoString == "9999-12-31")
    #expect(Day(rawValue: Int32.min).isoString == "0001-01-01")
    #expect(Day(rawValue: 2_932_897).isoString == "9999-12-31")
  }

  @Test(
    arguments: [
      ("2025-12-31", nil),
      ("1900-01-01", nil),
      ("2199-12-31", nil),
      ("2200-01-01", "--as-of '2200-01-01' is outside the supported dates 1900-01-01...2199-12-31"),
      ("9999-12-31", "--as-of '9999-12-31' is outside the supported dates 1900-01-01...2199-12-31"),
      ("1899-12-31", "--as-of '1899-12-31' is outside the supported dates 1900-01-01...2199-12-31"),
      ("2025-02-30", "--as-of '2025-02-30' is not a date; expected YYYY-MM-DD"),
    ] as [(String, String?)])
  func optionDates(text: String, problem: String?) {
    #expect(Day.optionProblem(text, option: "--as-of") == problem)
  }
}
