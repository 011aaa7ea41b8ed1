import CreditData

/// Numbers in the sentences of the outputs (reasons, limit computations): money with
/// thousands separators, shares as percentages, durations in days, months or years.
///
/// Whole units from 100 up (`45,300`), two decimals below (`0.40`), so a small amount never
/// reads as 0.
public enum AmountText {
  /// `x` with thousands separators: whole units from 100 up, two decimals below.
  public static func money(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    if abs(x) >= 100 { return MessageText.grouped(Int(x.rounded())) }
    let cents = Int((abs(x) * 100).rounded())
    let fraction = cents % 100
    return (x < 0 && cents > 0 ? "-" : "") + "\(cents / 100)." + (fraction < 10 ? "0" : "")
      + "\(fraction)"
  }

  /// A share as a whole percentage: `0.384` → `38%`.
  public static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "\(share)" }
    return "\(MessageText.grouped(Int((100 * share).rounded())))%"
  }

  /// A number with one decimal: `2.5`.
  public static func oneDecimal(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let tenths = Int((abs(x) * 10).rounded())
    return (x < 0 && tenths > 0 ? "-" : "") + "\(MessageText.grouped(tenths / 10)).\(tenths % 10)"
  }

  /// A length of time: days below 60, then months below two years, then years with one
  /// decimal (`45 days`, `7 months`, `6.9 years`).
  public static func duration(days: Int) -> String {
    if days < 60 { return days == 1 ? "1 day" : "\(days) days" }
    let months = Double(days) / CreditPolicy.daysPerMonth
    if months < 24 { return "\(Int(months.rounded(.down))) months" }
    return "\(oneDecimal(Double(days) / 365.25)) years"
  }
}
