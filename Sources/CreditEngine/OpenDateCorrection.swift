import CreditModels

/// A correction of the open invoices' expected payment dates by what is known at the scoring
/// date, estimated on snapshots of invoices open at past dates.
///
/// The mixture-cure model knows of an open invoice only its features at issue and its age.
/// Whether it is already past due and by how much, whether its customer has other invoices past
/// due, and whether the customer has paid anything since the invoice was issued say more: an
/// invoice a few days past due from a customer who keeps paying is usually paid within days.
///
/// Each invoice open at a landmark date `L` falls into a cell of those facts on `L`
/// (`PointInTimeFacts`: days past due ≤ 0, 1–15, 16–30, 31–60, 61–120, over 120; other invoices
/// past due or not; a payment since issue or not). Its time to payment after `L`, `T`, is set
/// against the model's remaining median `m` at its age on `L`: `r = T / m`, censored at
/// `c / m` when it was still unpaid at the scoring date (`c` days after `L`), with the weight of
/// its posterior probability of being a payer then, `P(ever paid | open at its age + c)`, as the
/// cure model's baseline weighs open invoices (invoices that never pay are not payers). The
/// cell's factor is the weighted Kaplan-Meier median of `r`; the corrected remaining time is
/// `g m` (and the P10 and P90 `g` times theirs: the remaining time among payers scaled by `g`).
/// A cell with fewer than `minimumPayments` payments takes the factor of its days-past-due band
/// over all four cells of that band, and a band with fewer keeps the model's dates (factor 1).
struct OpenDateCorrection: Sendable, Equatable {
  /// Upper bounds of the days-past-due bands but the last: ≤ 0, 1–15, 16–30, 31–60, 61–120,
  /// over 120.
  static let bandBounds = [0, 15, 30, 60, 120]
  static let bands = bandBounds.count + 1
  /// Cells: band × other invoices past due × paid since issue.
  static let cells = bands * 4
  /// Least payments behind a factor: the median of 50 ratios is known to about a fifth of
  /// their spread.
  static let minimumPayments = 50.0
  /// Shortest remaining median a ratio is taken against (half a day).
  static let shortestMedian = 0.5

  /// The factor of each cell.
  let factors: [Double]

  /// The cell of an invoice's facts.
  static func cell(_ f: PointInTimeFacts) -> Int {
    let band = bandBounds.firstIndex { f.daysPastDue <= $0 } ?? bandBounds.count
    return band * 4 + (f.otherOverdue ? 2 : 0) + (f.paidSinceIssue ? 1 : 0)
  }

  /// The factor for an invoice with these facts.
  func factor(_ f: PointInTimeFacts) -> Double { factors[Self.cell(f)] }

  /// The factors from snapshot rows.
  /// - Parameters:
  ///   - cells: each row's cell (`cell(_:)`).
  ///   - ratios: `T / m` for a paid row, `c / m` for one still open; finite, ≥ 0.
  ///   - paid: whether the row was paid by the scoring date.
  ///   - weights: 1 for a paid row, the posterior payer probability for an open one.
  init(cells: [Int], ratios: [Double], paid: [Bool], weights: [Double]) {
    precondition(
      ratios.count == cells.count && paid.count == cells.count && weights.count == cells.count,
      "one value per row")
    var members = [[Int]](repeating: [], count: Self.cells)
    for (i, c) in cells.enumerated() { members[c].append(i) }
    func median(_ rows: [Int]) -> Double? {
      let payments = rows.reduce(0.0) { $0 + (paid[$1] ? weights[$1] : 0) }
      guard payments >= Self.minimumPayments,
        let m = try? KaplanMeier().median(
          durations: rows.map { ratios[$0] }, events: rows.map { paid[$0] },
          weights: rows.map { weights[$0] })
      else { return nil }
      return m.isFinite && m > 0 ? m : nil
    }
    let bandFactors = (0..<Self.bands).map { b in
      median((0..<4).flatMap { members[b * 4 + $0] }) ?? 1
    }
    factors = (0..<Self.cells).map { c in median(members[c]) ?? bandFactors[c / 4] }
  }

  /// A correction with the given factors (one per cell).
  init(factors: [Double]) {
    precondition(factors.count == Self.cells, "one factor per cell")
    self.factors = factors
  }
}
