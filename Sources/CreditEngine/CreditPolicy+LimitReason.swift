extension CreditPolicy {
  /// credit_limits.csv's reason: the hold's causes, the change, how the limit was computed
  /// (volume × grade factor, the cap, the rounding) with its numbers, and the action.
  ///
  /// For example: `hold: invoice 75 days past due (over 60). no increase while on hold: kept
  /// at 6,000. limit: monthly volume 4,120 (49,440 invoiced in the last 365 days) × 2.5
  /// months for grade B = 10,300; capped at +50% of the current 6,000 = 9,000; rounded to
  /// the nearest 1,000 = 9,000`.
  public func limitReason(_ d: CreditLimitDecision) -> String {
    let c = d.computation
    let money = AmountText.money
    var parts: [String] = []
    if d.hold { parts.append("hold: " + d.holdReasons.joined(separator: "; ")) }
    if let current = d.currentLimit, current > 0 || d.hold {
      if c.increaseWithheld {
        parts.append("no increase while on hold: kept at \(money(current))")
      } else if d.recommendedLimit == current {
        parts.append("no change from \(money(current))")
      } else {
        let change = d.recommendedLimit > current ? "increase" : "decrease"
        parts.append("\(change) from \(money(current)) to \(money(d.recommendedLimit))")
      }
    } else {
      parts.append("new limit \(money(d.recommendedLimit))")
    }
    var steps =
      "limit: monthly volume \(money(c.monthlyVolume)) (\(money(c.volume)) invoiced in the "
      + "last \(c.lookbackDays) days) × \(AmountText.oneDecimal(c.gradeFactor)) months for "
      + "grade \(c.grade) = \(money(c.base))"
    if let floor = c.floor, let ceiling = c.ceiling, let current = d.currentLimit {
      if c.capped > c.base {
        steps +=
          "; raised to -\(AmountText.percent(maximumDecrease)) of the current "
          + "\(money(current)) = \(money(floor))"
      } else if c.capped < c.base {
        steps +=
          "; capped at +\(AmountText.percent(maximumIncrease)) of the current "
          + "\(money(current)) = \(money(ceiling))"
      }
    }
    if c.rounded == roundLimit(c.capped) {
      steps += "; rounded to the nearest \(money(c.roundingUnit)) = \(money(c.rounded))"
    } else {
      steps += "; kept at the current \(money(c.rounded)) rather than rounded past it"
    }
    parts.append(steps)
    if d.action == .reduceExposure {
      parts.append(
        "reduce exposure: open balance \(money(d.openBalance)) is "
          + "\(money(d.excessExposure)) above the recommended limit; collect it before new "
          + "orders on credit")
    } else if d.hold, d.openBalance > d.recommendedLimit {
      parts.append(
        "open balance \(money(d.openBalance)) is \(money(d.excessExposure)) above the "
          + "recommended limit")
    }
    return parts.joined(separator: ". ")
  }
}
