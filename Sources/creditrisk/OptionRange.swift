import ArgumentParser
import CreditData

/// Range checks of numbers and dates read from options, with the option and the allowed
/// range in the message (`--horizon 99999 is out of range; expected 7...3650 days`).
enum OptionRange {
  /// The longest horizon or look-back, in days: ten years.
  static let days = 3_650

  /// Throws a usage error naming `option` unless `value` lies in `range`.
  static func check<T: Comparable>(
    _ option: String, _ value: T, in range: ClosedRange<T>, unit: String = ""
  ) throws {
    guard range.contains(value) else {
      throw ValidationError(
        "\(option) \(value) is out of range; expected \(range.lowerBound)...\(range.upperBound)\(unit)"
      )
    }
  }

  /// Throws a usage error naming `option` unless `text` is a date in `Day.supportedRange`.
  static func checkDate(_ option: String, _ text: String?) throws {
    if let text, let problem = Day.optionProblem(text, option: option) {
      throw ValidationError(problem)
    }
  }
}
