import CreditEngine
import Testing

/// Each rule of `CreditPolicy.limitDecision`, on hand-made customers with the default policy
/// (grade factors A 3 … E 0.5 months, caps +50% / -50%, hold past 60 days, grade E or over
/// 100% of the limit).
@Suite("Credit-limit rules")
struct CreditLimitRuleTests {
  let policy = CreditPolicy()

  /// 118,000 invoiced in 365 days: 9,833.33 a month.
  func decide(
    current: Double?, grade: String = "A", volume: Double = 118_000, open: Double = 1_000,
    dpd: Int? = 0
  ) -> CreditLimitDecision {
    policy.limitDecision(
      customerID: "C1", current: current, grade: grade, volume: volume, openBalance: open,
      maxDaysPastDue: dpd)
  }

  @Test func limitIsVolumeTimesGradeFactorRounded() {
    let d = decide(current: nil, grade: "B")
    let monthly = 118_000 / (365 / CreditPolicy.daysPerMonth)
    #expect(abs(d.computation.monthlyVolume - monthly) < 1e-9)
    #expect(abs(d.computation.base - 2.5 * monthly) < 1e-9)
    #expect(d.recommendedLimit == 25_000)  // 24,583.33 to the nearest 1,000
    #expect(d.action == .none)
    #expect(
      d.reason
        == "new limit 25,000. limit: monthly volume 9,833 (118,000 invoiced in the last 365 "
        + "days) × 2.5 months for grade B = 24,583; rounded to the nearest 1,000 = 25,000")
  }

  @Test func increaseIsCappedAndSaysSo() {
    let d = decide(current: 10_000, grade: "A")  // base 29,500 > 15,000
    #expect(d.recommendedLimit == 15_000)
    #expect(d.reason.hasPrefix("increase from 10,000 to 15,000. "))
    #expect(d.reason.contains("capped at +50% of the current 10,000 = 15,000"))
  }

  /// A capped value whose nearest unit lies past the cap is rounded toward the current limit:
  /// 7,000 + 50% = 10,500 goes to 10,000, not 11,000 (+57%); likewise at the floor.
  @Test func roundingNeverPassesTheCapOrTheFloor() {
    let up = decide(current: 7_000, grade: "A")  // base 29,500, capped at 10,500
    #expect(up.computation.capped == 10_500)
    #expect(up.recommendedLimit == 10_000)
    #expect(
      up.reason.contains(
        "capped at +50% of the current 7,000 = 10,500; rounded down to a multiple of 1,000 "
          + "within the cap = 10,000"))
    // 20,900 - 50% = 10,450, whose nearest 1,000 (10,000) is below the floor.
    let down = decide(current: 20_900, grade: "E", volume: 1_000)
    #expect(down.computation.capped == 10_450)
    #expect(down.recommendedLimit == 11_000)
    #expect(down.reason.contains("rounded up to a multiple of 1,000 within the floor = 11,000"))
    // Where the nearest unit is inside, the rounding is to the nearest as before.
    #expect(decide(current: 10_000, grade: "A").computation.roundedTowardCurrent == false)
  }

  /// The reason is made from the decision's numbers when it is read: the policy's caps and
  /// the rounding go with the computation, and a decision changed says its new numbers.
  @Test func theReasonIsMadeFromTheDecisionsNumbers() {
    var policy = CreditPolicy()
    policy.maximumIncrease = 0.3
    let d = policy.limitDecision(
      customerID: "C1", current: 10_000, grade: "A", volume: 118_000, openBalance: 0,
      maxDaysPastDue: nil)
    #expect(d.computation.maximumIncrease == 0.3 && d.computation.roundedToUnit)
    #expect(d.reason.contains("capped at +30% of the current 10,000 = 13,000"))
    var changed = d
    changed.openBalance = 20_000
    changed.action = .reduceExposure
    #expect(
      changed.reason.hasSuffix(
        ". reduce exposure: open balance 20,000 is 7,000 above the recommended limit; collect "
          + "it before new orders on credit"))
    #expect(!d.reason.contains("reduce exposure"))
  }

  @Test func decreaseIsLimitedAndSaysSo() {
    let d = decide(current: 100_000, grade: "E", volume: 12_000, dpd: 0)
    #expect(d.recommendedLimit == 50_000)
    // Grade E's limit is below the floor of the cut, which holds it: no negative figure.
    #expect(d.reason.contains("; cut by at most 50% of the current 100,000 = 50,000;"))
    #expect(!d.reason.contains("-50%"))
  }

  @Test func noIncreaseWhileOnHold() {
    // 75 days past due: on hold, although volume and grade would allow 15,000.
    let d = decide(current: 10_000, grade: "A", dpd: 75)
    #expect(d.hold)
    #expect(d.action == .hold)
    #expect(d.recommendedLimit == 10_000)
    #expect(d.computation.increaseWithheld)
    #expect(d.computation.rounded == 15_000)
    #expect(
      d.reason.hasPrefix(
        "hold: invoice 75 days past due (over 60). no increase while on hold: kept at 10,000. "))
    // Every hold cause, and a limit of 0 stays 0.
    let all = decide(current: 0, grade: "E", open: 5_000, dpd: 61)
    #expect(all.hold && all.recommendedLimit == 0)
    #expect(all.holdReasons == ["invoice 61 days past due (over 60)", "grade E"])
    let over = decide(current: 4_000, grade: "A", volume: 1_000, open: 5_000)
    #expect(over.holdReasons == ["open balance 5,000 at 125% of the limit (over 100%)"])
  }

  @Test func holdStillAllowsADecrease() {
    let d = decide(current: 20_000, grade: "E", volume: 12_000)
    #expect(d.hold && d.recommendedLimit == 10_000)
    #expect(!d.computation.increaseWithheld)
    #expect(d.reason.hasPrefix("hold: grade E. decrease from 20,000 to 10,000. limit: "))
  }

  @Test func limitBelowExposureComesWithReduceExposure() {
    // Grade D, 9,833 a month: base 9,833 → 9,800 below an open balance of 12,000 that is
    // within the current limit of 15,000 (no hold).
    let d = decide(current: 15_000, grade: "D", open: 12_000)
    #expect(!d.hold)
    #expect(d.recommendedLimit == 9_800)
    #expect(d.action == .reduceExposure)
    #expect(abs(d.excessExposure - 2_200) < 1e-9)
    #expect(
      d.reason.hasSuffix(
        "reduce exposure: open balance 12,000 is 2,200 above the recommended limit; collect "
          + "it before new orders on credit"))
    // Above the open balance: no action.
    #expect(decide(current: 15_000, grade: "D", open: 9_000).action == .none)
  }

  @Test func roundingNeverCrossesTheCurrentLimit() {
    // A base of 6,055, a small cut from the current 6,060, would round up to 6,100: a rise
    // made by rounding alone. It stays at 6,060.
    var p = CreditPolicy()
    p.gradeLimitFactors["C"] = 6_055 / (120_000 / 12.0)
    let d = p.limitDecision(
      customerID: "C", current: 6_060, grade: "C", volume: 120_000, openBalance: 0,
      maxDaysPastDue: nil)
    #expect(d.computation.capped > 6_050 && d.computation.capped < 6_060)
    #expect(d.recommendedLimit == 6_060)
    #expect(d.reason.contains("kept at the current 6,060 rather than rounded past it"))
  }

  /// Over a grid of customers, the three invariants hold for every decision.
  @Test func invariantsOverAGrid() {
    for current in [nil, 0, 500, 5_000, 50_000] as [Double?] {
      for grade in ["A", "B", "C", "D", "E"] {
        for volume in [0.0, 3_000, 60_000, 900_000] {
          for open in [-100.0, 0, 2_000, 40_000, 200_000] {
            for dpd in [nil, -5, 30, 61, 200] as [Int?] {
              let d = decide(current: current, grade: grade, volume: volume, open: open, dpd: dpd)
              if d.hold, let current { #expect(d.recommendedLimit <= current) }
              if d.recommendedLimit < open { #expect(d.hold || d.action == .reduceExposure) }
              #expect(d.reason.contains("months for grade \(grade)"))
              #expect(d.hold == d.reason.hasPrefix("hold: "))
            }
          }
        }
      }
    }
  }
}
