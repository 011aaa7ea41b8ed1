extension CreditPolicy {
  /// Average days in a month, `365 / 12`: the recommended limit is in months of sales.
  public static let daysPerMonth = 365.0 / 12.0

  /// A customer's average monthly invoicing over the look-back: `volume` (positive amounts
  /// issued within `volumeLookbackDays`) over the look-back's length in months.
  public func monthlyVolume(_ volume: Double) -> Double {
    volume / (Double(volumeLookbackDays) / Self.daysPerMonth)
  }

  /// The limit and hold decision for one customer.
  ///
  /// The recommended limit is `monthlyVolume` times the grade's factor, moved at most
  /// `maximumIncrease` up or `maximumDecrease` down from a positive current limit, rounded by
  /// `roundLimit` (never past the cap, the floor or the current limit). A hold is recommended
  /// for an invoice more than `holdDaysPastDue` past due, a grade in `holdGrades`, or an open
  /// balance above `holdUtilisation` of the current limit. Rules:
  /// - no increase while on hold: the limit stays at the current one instead;
  /// - a recommended limit below the open balance comes with the hold or, without one, with
  ///   the action to reduce exposure by the excess;
  /// - the reason states the hold's causes, the change and the computation with its numbers.
  public func limitDecision(
    customerID: String, current: Double?, grade: String, volume: Double, openBalance: Double,
    maxDaysPastDue: Int?
  ) -> CreditLimitDecision {
    var computation = limitComputation(current: current, grade: grade, volume: volume)
    let holdReasons = holdCauses(
      current: current, grade: grade, openBalance: openBalance, maxDaysPastDue: maxDaysPastDue)
    let hold = !holdReasons.isEmpty
    var recommended = computation.rounded
    if hold, let current, recommended > current {
      recommended = current
      computation.increaseWithheld = true
    }
    let action: LimitAction =
      hold ? .hold : recommended < openBalance ? .reduceExposure : .none
    return CreditLimitDecision(
      customerID: customerID, currentLimit: current, recommendedLimit: recommended, hold: hold,
      openBalance: openBalance, holdReasons: holdReasons, action: action,
      computation: computation)
  }

  /// The steps from volume to a rounded limit, before any hold.
  public func limitComputation(current: Double?, grade: String, volume: Double)
    -> LimitComputation
  {
    let monthly = monthlyVolume(volume)
    let factor = gradeLimitFactors[grade] ?? 1
    let base = monthly * factor
    var floor: Double?
    var ceiling: Double?
    var capped = base
    if let current, current > 0 {
      floor = current * (1 - maximumDecrease)
      ceiling = current * (1 + maximumIncrease)
      capped = min(max(base, current * (1 - maximumDecrease)), current * (1 + maximumIncrease))
    }
    var unitRounded = roundLimit(capped)
    // Rounding only tidies the number: it never takes the limit past the cap or the floor
    // (the nearest unit beyond them gives way to the one toward the current limit) ...
    var towardCurrent = false
    let unit = roundingUnit(capped)
    if let ceiling, unitRounded > ceiling {
      unitRounded = (ceiling / unit).rounded(.down) * unit
      towardCurrent = true
    } else if let floor, unitRounded < floor {
      unitRounded = (floor / unit).rounded(.up) * unit
      towardCurrent = true
    }
    var rounded = unitRounded
    // ... and never turns a cut into a rise or a rise into a cut.
    if let current, current > 0,
      (capped <= current && rounded > current) || (capped >= current && rounded < current)
    {
      rounded = current
    }
    return LimitComputation(
      volume: volume, lookbackDays: volumeLookbackDays, monthlyVolume: monthly, grade: grade,
      gradeFactor: factor, base: base, floor: floor, ceiling: ceiling, capped: capped,
      roundingUnit: unit, rounded: rounded, increaseWithheld: false,
      maximumIncrease: maximumIncrease, maximumDecrease: maximumDecrease,
      roundedToUnit: rounded == unitRounded, roundedTowardCurrent: towardCurrent)
  }

  /// Each cause of a hold that applies, in words.
  func holdCauses(current: Double?, grade: String, openBalance: Double, maxDaysPastDue: Int?)
    -> [String]
  {
    var why: [String] = []
    if let dpd = maxDaysPastDue, dpd > holdDaysPastDue {
      why.append("invoice \(dpd) days past due (over \(holdDaysPastDue))")
    }
    if holdGrades.contains(grade) { why.append("grade \(grade)") }
    if let current, current > 0, openBalance > holdUtilisation * current {
      why.append(
        "open balance \(AmountText.money(openBalance)) at "
          + "\(AmountText.percent(openBalance / current)) of the limit "
          + "(over \(AmountText.percent(holdUtilisation)))")
    }
    return why
  }
}
