import ArgumentParser

/// An option that takes a whole number from 0 to `UInt64.max` (a seed), read as any whole
/// number so that `--seed -1` gets the range error naming the option, like the other
/// options' checks, instead of the parser's "The value '-1' is invalid".
struct UnsignedArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
  /// The number as given, without a plus sign or leading zeros.
  let description: String
  /// The number; nil when it is negative or above `UInt64.max` (`OptionRange.check` names it).
  let value: UInt64?

  /// The argument of `value`, as a default.
  init(_ value: UInt64) {
    self.init(description: String(value), value: value)
  }

  private init(description: String, value: UInt64?) {
    self.description = description
    self.value = value
  }

  /// Any whole number, with an optional sign; nil for text that is not one.
  init?(argument: String) {
    let negative = argument.hasPrefix("-")
    let digits = negative || argument.hasPrefix("+") ? argument.dropFirst() : Substring(argument)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    let significant = digits.drop { $0 == "0" }
    if significant.isEmpty {
      self.init(0)
    } else if !negative, let value = UInt64(significant) {
      self.init(value)
    } else {
      self.init(description: (negative ? "-" : "") + significant, value: nil)
    }
  }

  /// The number, once `OptionRange.check` has accepted it (0 for one it rejects).
  var number: UInt64 { value ?? 0 }
}

extension OptionRange {
  /// Throws a usage error naming `option` unless `argument` lies in 0...`UInt64.max`.
  static func check(_ option: String, _ argument: UnsignedArgument) throws {
    guard argument.value == nil else { return }
    throw ValidationError(
      "\(option) \(argument) is out of range; expected 0...\(UInt64.max)")
  }
}
