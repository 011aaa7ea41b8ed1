extension CreditLimitDecision {
  /// credit_limits.csv's reason, in plain words: the hold's causes, the change, how the limit was computed
  /// (volume × grade factor, the cap, the rounding) with its numbers, and the action.
  ///
  /// For example: `hold: invoice 75 days past due (over 60). no increase while on hold: kept
  /// at 6,000. limit: monthly volume 4,120 (49,440 invoiced in the last 365 days) × 2.5
  /// months for grade B = 10,300; capped at +50% of the current 6,000 = 9,000; rounded to
  /// the nearest 1,000 = 9,000`.
  ///
  /// Made from the decision's numbers when it is read (when credit_limits.csv is written),
  /// not kept with every decision: about 350 bytes a customer.
  public var reason: String {
    // One string grown in place (a limit per listed customer: the parts and their joining
    // were most of the cost of the limits at a million invoices).
    let d = self
    let c = d.computation
    let money = AmountText.money
    var text = ""
    text.reserveCapacity(320)
    // Appends `words` and then `amount` as money.
    func add(_ words: String, _ amount: Double) {
      text += words
      text += money(amount)
    }
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
        add("no increase while on hold: kept at ", current)
      } else if d.recommendedLimit == current {
        add("no change from ", current)
      } else {
        add(d.recommendedLimit > current ? "increase from " : "decrease from ", current)
        add(" to ", d.recommendedLimit)
      }
    } else {
      add("new limit ", d.recommendedLimit)
    }
    add(". limit: monthly volume ", c.monthlyVolume)
    add(" (", c.volume)
    text += " invoiced in the last "
    text += String(c.lookbackDays)
    text += " days) × "
    text += AmountText.oneDecimal(c.gradeFactor)
    text += " months for grade "
    text += c.grade
    add(" = ", c.base)
    if let floor = c.floor, let ceiling = c.ceiling, let current = d.currentLimit,
      c.capped != c.base
    {
      let raised = c.capped > c.base
      // Held at the floor of a cut, in words rather than as a negative percentage.
      text += raised ? "; cut by at most " : "; capped at +"
      text += AmountText.percent(raised ? c.maximumDecrease : c.maximumIncrease)
      add(" of the current ", current)
      add(" = ", raised ? floor : ceiling)
    }
    if c.roundedToUnit && c.roundedTowardCurrent {
      let down = c.rounded < c.capped
      add(
        down ? "; rounded down to a multiple of " : "; rounded up to a multiple of ", c.roundingUnit
      )
      text += down ? " within the cap" : " within the floor"
      add(" = ", c.rounded)
    } else if c.roundedToUnit {
      add("; rounded to the nearest ", c.roundingUnit)
      add(" = ", c.rounded)
    } else {
      add("; kept at the current ", c.rounded)
      text += " rather than rounded past it"
    }
    if d.action == .reduceExposure {
      add(". reduce exposure: open balance ", d.openBalance)
      add(" is ", d.excessExposure)
      text += " above the recommended limit; collect it before new orders on credit"
    } else if d.hold, d.openBalance > d.recommendedLimit {
      add(". open balance ", d.openBalance)
      add(" is ", d.excessExposure)
      text += " above the recommended limit"
    }
    return text
  }
}
