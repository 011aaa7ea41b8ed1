extension CreditPolicy {
  /// Average days in a month, `365 / 12`: the recommended limit is in months of sales.
  public static let daysPerMonth = 365.0 / 12.0

  /// A customer's average monthly invoicing over the look-back: `volume` (positive amounts
  /// issued within `volumeLookbackDays`) over the look-back's length in months.
  public func monthlyVolume(_ volume: Double) -> Double {
    volume / (Double(volumeLookbackDays) / Self.daysPerMonth)
  }

  /// How much sooner a customer's expected loss should be worked on, by how far past due its
  /// most overdue open invoice is: `1 + max(dpd, 0) / 30`, so each month past due adds the
  /// expected loss once more to the worklist's priority (priority = expected loss × urgency).
  public func urgency(daysPastDue dpd: Int) -> Double { 1 + Double(max(dpd, 0)) / 30 }

  /// The limit and hold decision for one customer.
  ///
  /// The recommended limit is `monthlyVolume` times the grade's factor, moved at most
  /// `maximumIncrease` up or `maximumDecrease` down from a positive current limit, rounded by
  /// `roundLimit`. A hold is recommended for an invoice more than `holdDaysPastDue` past due,
  /// a grade in `holdGrades`, or an open balance above `holdUtilisation` of the current limit;
  /// the reason names each that applies.
  public func limitDecision(
    customerID: String, current: Double?, grade: String, volume: Double, openBalance: Double,
    maxDaysPastDue: Int?
  ) -> CreditLimitDecision {
    let monthly = monthlyVolume(volume)
    var target = monthly * (gradeLimitFactors[grade] ?? 1)
    if let current, current > 0 {
      target = min(
        max(target, current * (1 - maximumDecrease)), current * (1 + maximumIncrease))
    }
    let recommended = roundLimit(target)
    var why: [String] = []
    if let dpd = maxDaysPastDue, dpd > holdDaysPastDue {
      why.append("invoice \(dpd) days past due (over \(holdDaysPastDue))")
    }
    if holdGrades.contains(grade) { why.append("grade \(grade)") }
    if let current, current > 0, openBalance > holdUtilisation * current {
      let pct = Int((100 * openBalance / current).rounded())
      why.append("open balance at \(pct)% of limit")
    }
    let reason: String
    if !why.isEmpty {
      reason = "hold: " + why.joined(separator: "; ")
    } else if let current, current > 0 {
      reason =
        recommended > current
        ? "increase: grade \(grade), volume supports it"
        : recommended < current ? "decrease: grade \(grade) and recent volume" : "no change"
    } else {
      reason = "new limit: grade \(grade) x monthly volume"
    }
    return CreditLimitDecision(
      customerID: customerID, currentLimit: current, recommendedLimit: recommended,
      hold: !why.isEmpty, reason: reason)
  }
}
