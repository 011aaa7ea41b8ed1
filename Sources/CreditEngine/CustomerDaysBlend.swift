/// How far an open invoice's expected payment day moves toward its customer's own typical days
/// to pay (`CustomerPaymentDays`), by days-past-due band, estimated on snapshots of invoices
/// open at past dates.
///
/// With `D_m` the model's payment day (days after issue: the age plus the corrected remaining
/// median, `OpenDateCorrection`) and `D_c` the customer's typical days to pay on the snapshot
/// date given still open at its age (`CustomerPaymentDays.typicalDays(customer:on:longerThan:)`:
/// the median of its recent payments that took longer, or the day after the age), the expected
/// day is `D_m + w (D_c − D_m)`. In each band, `w` minimises `Σ |D − D_m − w (D_c − D_m)|`
/// over the snapshot rows paid by the scoring date (`D` the day paid): least absolute
/// deviations through the origin, whose minimiser is the median of `(D − D_m) / (D_c − D_m)`
/// weighted by `|D_c − D_m|`; clamped to [0, 1]. A band with fewer than `minimumRows` such rows
/// keeps the model's day (`w = 0`).
///
/// The rows paid by the scoring date are the ones paid soonest after their landmark: each row
/// carries a case weight `v` (its inverse probability of having been seen paid,
/// `FollowUpCensoring`), and `w` minimises `Σ v |D − D_m − w (D_c − D_m)|`, the median weighted
/// by `v |D_c − D_m|`.
struct CustomerDaysBlend: Sendable, Equatable {
  /// Least rows behind a band's weight.
  static let minimumRows = 50

  /// Each band's `w`.
  let weights: [Double]

  /// The weights from the paid snapshot rows.
  /// - Parameters:
  ///   - bands: each row's days-past-due band, in `0..<bandCount`.
  ///   - model, customer, actual: `D_m`, `D_c` and `D` of each row.
  ///   - caseWeights: each row's case weight `v` (> 0).
  init(
    bands: [Int], model: [Double], customer: [Double], actual: [Double], caseWeights: [Double],
    bandCount: Int
  ) {
    let n = bands.count
    precondition(
      model.count == n && customer.count == n && actual.count == n && caseWeights.count == n,
      "one value per row")
    var ratios = [[Double]](repeating: [], count: bandCount)
    var spans = [[Double]](repeating: [], count: bandCount)
    for i in 0..<n {
      let z = customer[i] - model[i]
      guard z != 0, z.isFinite, actual[i].isFinite else { continue }
      ratios[bands[i]].append((actual[i] - model[i]) / z)
      spans[bands[i]].append(caseWeights[i] * abs(z))
    }
    weights = (0..<bandCount).map { b in
      guard ratios[b].count >= Self.minimumRows else { return 0 }
      return min(max(Self.weightedMedian(ratios[b], weights: spans[b]), 0), 1)
    }
  }

  /// The smallest value at which the cumulative weight (values ascending) reaches half the
  /// total: a minimiser of `Σ w_i |v_i − x|`.
  static func weightedMedian(_ values: [Double], weights: [Double]) -> Double {
    let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
    let half = weights.reduce(0, +) / 2
    var running = 0.0
    for i in order {
      running += weights[i]
      if running >= half { return values[i] }
    }
    return values[order.last ?? 0]
  }

  /// The expected payment day of a band-`b` invoice with model day `model` and customer
  /// day `customer`.
  func blended(band b: Int, model: Double, customer: Double) -> Double {
    model + weights[b] * (customer - model)
  }
}
