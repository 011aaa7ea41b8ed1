/// How likely a landmark invoice's payment was to be seen by the scoring date, for weighing the
/// payments that were seen (inverse probability of censoring weights).
///
/// An invoice open at a landmark is followed from it to the scoring date: `C` days, the same
/// for every invoice of that landmark and known for each. Its payment `T` days after the
/// landmark is seen when `T ≤ C`. A fit on the payments seen alone favours the ones paid soon
/// after their landmark (a payment 150 days after a landmark 119 days back is never seen);
/// weighing each by `1 / G(T)`, `G(t) = P(C ≥ t)`, makes them stand for every payer again, since
/// `C` is set by the calendar, not by the payment. `G` is the share of the rows (paid or not)
/// followed for at least `t` days: with every `C` known it needs no Kaplan-Meier of the
/// censoring.
struct FollowUpCensoring: Sendable, Equatable {
  /// The rows' follow-ups, ascending.
  private let followUps: [Double]

  /// The censoring of rows followed for `followUps` days (each finite).
  init(followUps: [Double]) {
    self.followUps = followUps.sorted()
  }

  /// `G(t)`: the share of rows followed for at least `t` days (1 when there are none).
  /// - Complexity: O(log n).
  func seen(after t: Double) -> Double {
    guard !followUps.isEmpty else { return 1 }
    let first = followUps.partitioningIndex { $0 >= t }
    return Double(followUps.count - first) / Double(followUps.count)
  }

  /// `1 / G(t)` for a payment seen `t` days after its landmark (so `G(t) > 0` when the row
  /// is among those the censoring was made from); 1 when nothing was followed that long.
  func weight(paidAfter t: Double) -> Double {
    let g = seen(after: t)
    return g > 0 ? 1 / g : 1
  }
}
