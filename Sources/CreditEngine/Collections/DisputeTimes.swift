/// How long disputes take to resolve, from the disputes file at the as-of date.
public struct DisputeTimes: Sendable, Equatable {
  /// Disputes resolved by the as-of date.
  public var resolved: Int
  /// Median, mean and 90th percentile of their days from opening to resolution (nil when
  /// none was resolved).
  public var medianDays: Double?
  public var meanDays: Double?
  public var p90Days: Double?
  /// Disputes still open at the as-of date, and the median of their ages in days.
  public var open: Int
  public var openMedianAgeDays: Double?

  /// The summary of `book`'s disputes.
  public init(_ book: CollectionsBook) {
    resolved = book.resolutionDays.count
    let days = book.resolutionDays.sorted().map(Double.init)
    medianDays = Self.quantile(days, 0.5)
    p90Days = Self.quantile(days, 0.9)
    meanDays = days.isEmpty ? nil : days.reduce(0, +) / Double(days.count)
    open = book.openDisputeAges.count
    openMedianAgeDays = Self.quantile(book.openDisputeAges.sorted().map(Double.init), 0.5)
  }

  /// The `p` quantile of sorted `x`, interpolated between order statistics (numpy's
  /// default, "linear"); nil for no values.
  static func quantile(_ x: [Double], _ p: Double) -> Double? {
    guard !x.isEmpty else { return nil }
    let h = Double(x.count - 1) * p
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, x.count - 1)
    return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
  }

  /// One line: "disputes: 712 resolved in a median of 11 days (mean 13.2, 90th percentile
  /// 26); 14 open, median age 9 days".
  public var line: String {
    var s = "disputes: \(resolved) resolved"
    if let m = medianDays, let mean = meanDays, let p90 = p90Days {
      s +=
        " in a median of \(AmountText.oneDecimal(m)) days (mean \(AmountText.oneDecimal(mean)), "
        + "90th percentile \(AmountText.oneDecimal(p90)))"
    }
    s += "; \(open) open"
    if let age = openMedianAgeDays { s += ", median age \(AmountText.oneDecimal(age)) days" }
    return s
  }
}
