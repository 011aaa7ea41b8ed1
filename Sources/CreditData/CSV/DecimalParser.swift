/// Locale-free decimal text to `Double`, correctly rounded.
///
/// Grammar: optional sign, digits with an optional `.` fraction (at least one digit in all),
/// optional exponent `e`/`E` with optional sign and digits. No thousands separators, no
/// `inf`/`nan`, no hex.
///
/// Fast path (Clinger 1990): when the decimal mantissa fits in 53 bits and the power of ten
/// is at most 22 in magnitude, both are exact doubles, so one IEEE multiply or divide gives
/// the correctly rounded result. Everything else (long mantissas, big exponents) falls back
/// to the standard library's exact conversion, which does not depend on the locale. Both
/// paths agree bit for bit with `Double(String)` (checked on 10M fields, see the recipe).
enum DecimalParser {
  /// What a number field should look like, for error messages.
  static let expectation = "is not a number; expected a decimal such as 1234.56"

  /// Largest magnitude accepted for money (amounts, credit limits), exclusive.
  ///
  /// Far beyond any invoice, yet sums of a million such values stay finite and cents stay
  /// meaningful; `1e400` or a 100,000-digit field would otherwise parse to infinity (or a
  /// value whose totals overflow) and surface as blank cells in every output.
  static let moneyLimit = 1e15

  /// What an out-of-range money field should look like, for error messages.
  static let moneyRange = "is out of range; expected an amount below 1e15 in magnitude"

  /// What a credit limit below 0 should be, for error messages: a negative limit is no
  /// amount of credit, and would read as no limit at all.
  static let negativeLimit =
    "is negative; expected a credit limit of 0 or more (an empty cell when there is none)"

  /// Why the fast path stops at an amount with a point in a file whose first amounts had
  /// none (`LoadOptions.pointEndsFastPath`): the normaliser decides what the point is.
  static let pointAfterWholeAmounts =
    "has a point after amounts without one; expected the export reader to decide its mark"

  /// What an out-of-range number should look like, for error messages.
  static let finiteRange = "is out of range; expected a finite number (below about 1.8e308)"

  /// True when `v` is a usable money value.
  @inline(__always)
  static func isMoney(_ v: Double) -> Bool { abs(v) < moneyLimit }

  /// Parses `count` bytes at `p`; nil if they are not a number in the grammar above.
  @inline(__always)
  static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Double? {
    var i = 0
    let negative = skipSign(p, count: n, at: &i)
    var mantissa: UInt64 = 0
    var digits = 0
    var exp10 = 0
    while i < n, p[i] &- 48 < 10 {
      mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
      digits += 1
      i += 1
    }
    if i < n, p[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, p[i] &- 48 < 10 {
        mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
        digits += 1
        exp10 -= 1
        i += 1
      }
    }
    guard digits > 0 else { return nil }
    if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      let eNegative = skipSign(p, count: n, at: &i)
      var e = 0
      var eDigits = 0
      while i < n, p[i] &- 48 < 10 {
        if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
        eDigits += 1
        i += 1
      }
      guard eDigits > 0 else { return nil }
      exp10 += eNegative ? -e : e
    }
    guard i == n else { return nil }
    if digits <= 19, mantissa <= (1 << 53), exp10 >= -22, exp10 <= 22 {
      let m = Double(mantissa)
      let v = exp10 < 0 ? m / pow10(-exp10) : m * pow10(exp10)
      return negative ? -v : v
    }
    return exact(p, count: n)
  }

  /// Steps over an optional `-` or `+` at `i`; true for `-`.
  @inline(__always)
  private static func skipSign(_ p: UnsafePointer<UInt8>, count n: Int, at i: inout Int) -> Bool {
    guard i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") else { return false }
    i += 1
    return p[i - 1] == UInt8(ascii: "-")
  }

  @inline(never)
  private static func exact(_ p: UnsafePointer<UInt8>, count n: Int) -> Double? {
    Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
  }

  /// 10^e for 0 <= e <= 22, all exact in binary64.
  ///
  /// A switch of literals compiles to a constant table: no lazy global initialisation in
  /// the hot loop.
  @inline(__always)
  static func pow10(_ e: Int) -> Double {
    switch e {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }

  /// Parses a non-negative whole number of days, optionally written `Net 30`; nil otherwise.
  static func parseDays(_ p: UnsafePointer<UInt8>, count n: Int) -> Int? {
    var i = 0
    if n >= 3, p[0] | 0x20 == UInt8(ascii: "n"), p[1] | 0x20 == UInt8(ascii: "e"),
      p[2] | 0x20 == UInt8(ascii: "t")
    {
      i = 3
      while i < n, p[i] == 32 { i += 1 }
    }
    var v = 0
    let first = i
    while i < n, p[i] &- 48 < 10, v < 100_000 {
      v = v * 10 + Int(p[i] &- 48)
      i += 1
    }
    guard i > first, i == n, v <= 36_500 else { return nil }
    return v
  }
}
