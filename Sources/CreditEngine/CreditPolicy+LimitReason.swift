extension CreditPolicy {
  /// credit_limits.csv's reason: the hold's causes, the change, how the limit was computed
  /// (volume × grade factor, the cap, the rounding) with its numbers, and the action.
  ///
  /// For example: `hold: invoice 75 days past due (over 60). no increase while on hold: kept
  /// at 6,000. limit: monthly volume 4,120 (49,440 invoiced in the last 365 days) × 2.5
  /// months for grade B = 10,300; capped at +50% of the current 6,000 = 9,000; rounded to
  /// the nearest 1,000 = 9,000`.
  public func limitReason(_ d: CreditLimitDecision) -> String {
    // One string grown in place (a limit per listed customer: the parts and their joining
    // were most of the cost of the limits at a million invoices).
    let c = d.computation
    let money = AmountText.money
    var text = ""
    text.reserveCapacity(320)
    if d.hold {
      text += "hold: "
      for (i, cause) in d.holdReasons.enumerated() {
        if i > 0 { text += "; " }
        text += cause
      }
      text += ". "
    }
    if let current = d.currentLimit, current > 0 || d.hold {
      if c.increaseWithheld {
        text += "no increase while on hold: kept at "
        text += money(current)
      } else if d.recommendedLimit == current {
        text += "no change from "
        text += money(current)
      } else {
        text += d.recommendedLimit > current ? "increase from " : "decrease from "
        text += money(current)
        text += " to "
        text += money(d.recommendedLimit)
      }
    } else {
      text += "new limit "
      text += money(d.recommendedLimit)
    }
    text += ". limit: monthly volume "
    text += money(c.monthlyVolume)
    text += " ("
    text += money(c.volume)
    text += " invoiced in the last "
    text += String(c.lookbackDays)
    text += " days) × "
    text += AmountText.oneDecimal(c.gradeFactor)
    text += " months for grade "
    text += c.grade
    text += " = "
    text += money(c.base)
    if let floor = c.floor, let ceiling = c.ceiling, let current = d.currentLimit,
      c.capped != c.base
    {
      let raised = c.capped > c.base
      text += raised ? "; raised to -" : "; capped at +"
      text += AmountText.percent(raised ? maximumDecrease : maximumIncrease)
      text += " of the current "
      text += money(current)
      text += " = "
      text += money(raised ? floor : ceiling)
    }
    if c.rounded == roundLimit(c.capped) {
      text += "; rounded to the nearest "
      text += money(c.roundingUnit)
      text += " = "
      text += money(c.rounded)
    } else {
      text += "; kept at the current "
      text += money(c.rounded)
      text += " rather than rounded past it"
    }
    if d.action == .reduceExposure {
      text += ". reduce exposure: open balance "
      text += money(d.openBalance)
      text += " is "
      text += money(d.excessExposure)
      text += " above the recommended limit; collect it before new orders on credit"
    } else if d.hold, d.openBalance > d.recommendedLimit {
      text += ". open balance "
      text += money(d.openBalance)
      text += " is "
      text += money(d.excessExposure)
      text += " above the recommended limit"
    }
    return text
  }
}
