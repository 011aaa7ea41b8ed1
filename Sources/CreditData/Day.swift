/// A calendar day, stored as the number of days since 1970-01-01 (proleptic Gregorian).
///
/// Invoice dates carry no time of day and no time zone, so a day count is the whole truth:
/// differences are plain integer subtraction and 10M of them fit in 40 MB.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public var rawValue: Int32

  @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The day with the given civil year, month (1...12) and day of month (1...31), or nil if it does not exist.
  @inlinable public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
      (1...9999).contains(year)
    else { return nil }
    self.rawValue = Int32(Day.daysFromCivil(year: year, month: month, day: day))
  }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The day `n` days later (earlier for negative `n`), saturating at `Day.earliest` and
  /// `Day.latest`.
  ///
  /// Dates read from files and options lie in `Day.supportedRange`, so horizons and
  /// look-backs never come near the ends; the saturation keeps an absurd span (a payment
  /// date millions of days out) from trapping or printing as year 0000.
  @inlinable public func adding(days n: Int) -> Day {
    let (sum, overflow) = Int(rawValue).addingReportingOverflow(n)
    if overflow { return n > 0 ? .latest : .earliest }
    return Day(rawValue: Int32(min(max(sum, Day.earliestRawValue), Day.latestRawValue)))
  }

  // MARK: - Range

  /// The dates creditrisk accepts in a file or an option: 1900-01-01 through 2199-12-31 (the
  /// loader's year range; `RawDateColumn.yearRange`).
  public static let supportedRange: ClosedRange<Day> =
    Day(rawValue: -25_567)...Day(rawValue: 84_005)

  /// 0001-01-01, the first day `YYYY-MM-DD` can show.
  public static let earliest = Day(rawValue: Int32(earliestRawValue))
  /// 9999-12-31, the last day `YYYY-MM-DD` can show.
  public static let latest = Day(rawValue: Int32(latestRawValue))
  @usableFromInline static let earliestRawValue = -719_162
  @usableFromInline static let latestRawValue = 2_932_896

  /// What is wrong with `text` as the date of option `name`, or nil when it is a date in
  /// `supportedRange`.
  public static func optionProblem(_ text: String, option name: String) -> String? {
    guard let day = Day(iso: text) else {
      return "\(name) '\(text)' is not a date; expected YYYY-MM-DD"
    }
    guard supportedRange.contains(day) else {
      return
        "\(name) '\(text)' is outside the supported dates \(supportedRange.lowerBound)...\(supportedRange.upperBound)"
    }
    return nil
  }

  /// Whole days from `other` to `self` (positive when `self` is later).
  @inlinable public func days(since other: Day) -> Int { Int(rawValue) - Int(other.rawValue) }

  /// Year, month and day of month.
  @inlinable public var civil: (year: Int, month: Int, day: Int) {
    Day.civilFromDays(Int(rawValue))
  }

  /// The day of the week, ISO 8601 numbering minus one (0 = Monday, 6 = Sunday).
  @inlinable public var weekday: Int {
    // 1970-01-01 was a Thursday (ISO weekday index 3).
    let r = (Int(rawValue) + 3) % 7
    return r < 0 ? r + 7 : r
  }

  /// The Monday on or before this day.
  @inlinable public var startOfWeek: Day { adding(days: -weekday) }

  /// ISO 8601 text, `YYYY-MM-DD`.
  public var description: String { isoString }

  /// ISO 8601 text, `YYYY-MM-DD`.
  public var isoString: String {
    var bytes = [UInt8](repeating: 0, count: 10)
    writeISO(into: &bytes, at: 0)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes the 10 bytes of `YYYY-MM-DD` at `offset`.
  @inlinable public func writeISO(into bytes: inout [UInt8], at offset: Int) {
    // A day beyond the four-digit years (only a hand-made `rawValue`) shows as the nearest
    // end rather than wrapping to year 0000.
    let shown = min(max(Int(rawValue), Day.earliestRawValue), Day.latestRawValue)
    let (y, m, d) = Day.civilFromDays(shown)
    bytes[offset] = UInt8(48 + (y / 1000) % 10)
    bytes[offset + 1] = UInt8(48 + (y / 100) % 10)
    bytes[offset + 2] = UInt8(48 + (y / 10) % 10)
    bytes[offset + 3] = UInt8(48 + y % 10)
    bytes[offset + 4] = UInt8(ascii: "-")
    bytes[offset + 5] = UInt8(48 + m / 10)
    bytes[offset + 6] = UInt8(48 + m % 10)
    bytes[offset + 7] = UInt8(ascii: "-")
    bytes[offset + 8] = UInt8(48 + d / 10)
    bytes[offset + 9] = UInt8(48 + d % 10)
  }

  /// Parses ISO `YYYY-MM-DD`; nil if the text is not a valid day.
  public init?(iso text: some StringProtocol) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
      let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  // MARK: - Civil calendar arithmetic
  // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
  // Gregorian calendar, branch-light, no tables.

  @inlinable static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  @inlinable static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
  }

  /// Number of days in `month` of `year`.
  @inlinable public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
