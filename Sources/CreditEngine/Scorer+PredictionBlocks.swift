import CreditData

extension Scorer {
  /// Rows predicted at a time (`predict(_:regions:industries:wantContributions:ages:)`).
  ///
  /// The design of the rows and the cure model's predictions for them (about 400 bytes a row
  /// while they are made) are made for a block of rows at a time instead of for all of them:
  /// at 10M invoices the 590k open invoices' design and predictions were score's peak.
  static let predictionBlock = 1 << 16

  /// PD at issue, payment curve and per-column contributions for rows of raw features, with
  /// the cure model's timing when `ages` are given; rows in blocks of `predictionBlock`, each
  /// row's values those of the whole set's (every prediction is the row's own; a block starts
  /// at a multiple of 4 rows, so each design row keeps its place modulo 32 bytes, on which the
  /// BLAS kernels' order of additions depends).
  func predict(
    _ raw: RawFeatures, regions: Categorical, industries: Categorical, wantContributions: Bool,
    ages: [Double]? = nil, block: Int = predictionBlock
  ) -> Predictions {
    precondition(block > 0 && block % 4 == 0, "blocks start at multiples of 4 rows")
    let n = raw.count
    var whole: Predictions?
    for start in stride(from: 0, to: max(n, 1), by: block) {
      let rows = Array(start..<min(start + block, n))
      let part = predictRows(
        raw, regions: regions, industries: industries, rows: rows,
        wantContributions: wantContributions, ages: ages.map { a in rows.map { a[$0] } })
      if whole == nil {
        whole = part
        whole?.reserveCapacity(n)
      } else {
        whole?.append(part)
      }
    }
    if let unseen = whole?.unseen, unseen > 0 {
      whole?.unseenLevels = model.features.unseenLevels(regions: regions, industries: industries)
    }
    return whole.unsafelyUnwrapped
  }
}

extension Scorer.Predictions {
  /// Room for `n` rows in every per-row array.
  mutating func reserveCapacity(_ n: Int) {
    pd.reserveCapacity(n)
    curves.reserveCapacity(n)
    if !contributions.isEmpty { contributions.reserveCapacity(n) }
    timing?.reserveCapacity(n)
  }

  /// `other`'s rows after these (the same model's predictions, without drift or
  /// correlation).
  mutating func append(_ other: Self) {
    pd += other.pd
    curves += other.curves
    contributions += other.contributions
    unseen += other.unseen
    if let more = other.timing { timing?.append(more) }
  }
}

extension PaymentTiming {
  /// Room for `n` rows in every per-row array.
  mutating func reserveCapacity(_ n: Int) {
    for k in withinWeeks.indices { withinWeeks[k].reserveCapacity(n) }
    paidEver.reserveCapacity(n)
    p10.reserveCapacity(n)
    median.reserveCapacity(n)
    p90.reserveCapacity(n)
    paid30.reserveCapacity(n)
    logLambda.reserveCapacity(n)
  }

  /// `other`'s rows after these (the same fit's).
  mutating func append(_ other: Self) {
    precondition(other.withinWeeks.count == withinWeeks.count, "different weeks")
    for k in withinWeeks.indices { withinWeeks[k] += other.withinWeeks[k] }
    paidEver += other.paidEver
    p10 += other.p10
    median += other.median
    p90 += other.p90
    paid30 += other.paid30
    logLambda += other.logLambda
  }
}
