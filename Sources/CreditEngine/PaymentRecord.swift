import CreditData

/// A customer's payment record as the features count it: invoices and credit notes issued;
/// among invoices with a positive amount, those whose outcome is known (paid, or unpaid past
/// late), those late, those paid, their days paid after due (each capped at a year) and their
/// paces (`FeatureBuilder.pace`); the day the latest late invoice became late.
///
/// The feature sweep counts it event by event (`FeatureBuilder.SweepState`), a customer's
/// tally for scoring invoice by invoice (`CustomerTally`).
struct PaymentRecord: Sendable {
  var issued = 0
  var known = 0
  var late = 0
  var paid = 0
  var sumDaysLate = 0.0
  var sumPace = 0.0
  var lastLate: Day?

  /// An invoice became late on `day`: its outcome is known.
  @inline(__always)
  mutating func countLate(on day: Day) {
    known += 1
    late += 1
    lastLate = max(lastLate ?? day, day)
  }

  /// An invoice was paid before it became late: its outcome is known.
  @inline(__always)
  mutating func countOnTime() {
    known += 1
  }

  /// An invoice with a positive amount was paid `daysLate` days after due (capped) at `pace`.
  @inline(__always)
  mutating func countPaid(daysLate: Double, pace: Double) {
    paid += 1
    sumDaysLate += daysLate
    sumPace += pace
  }
}
