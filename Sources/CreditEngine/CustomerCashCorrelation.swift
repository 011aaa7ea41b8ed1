import CreditData
import Parallelism

/// How much one customer's invoices pay together, estimated from the history: the pooled `r̄`
/// of the cash forecast's band and the rows each customer's own estimate comes from
/// (`CustomerCorrelations`).
///
/// At landmark dates `L` before the as-of date whose 13 weeks were over by then
/// (`L + 91 ≤ as-of`), each invoice `i` open at `L` (issued by then, not paid by then) had, by
/// the fitted model at its age then, the probability `π_ik` of being paid in week `k` after
/// `L`; it was paid in that week or not (`Y_ik`). With `e_ik = A_i (Y_ik − π_ik)` and
/// `s_ik = A_i √(π_ik (1 − π_ik))` (`A_i` its amount), the estimate is the ratio of the
/// within-customer cross products
///
/// ```
/// r̂ = Σ_{L,k} Σ_c Σ_{i≠j ∈ c} e_ik e_jk  /  Σ_{L,k} Σ_c Σ_{i≠j ∈ c} s_ik s_jk
/// ```
///
/// the moment estimate of an exchangeable correlation (each pair's residual product has
/// expectation `r s_ik s_jk`), weighted as the forecast's variance weighs the pairs, clamped
/// to [0, 1]. Each sum over pairs is `(Σ a)² − Σ a²` of the customer's sums, one pass per week;
/// the same sums by customer give each customer's own estimate.
/// Customers whose invoices pay late (or early) together, beyond what the model knows of them,
/// give positive products; a model that captures each customer's behaviour leaves r̂ near 0.
enum CustomerCashCorrelation {
  /// Landmarks, 4 weeks apart, the latest 13 weeks before the as-of date: 6 cover about half
  /// a year of weeks.
  static let landmarks = 6
  static let spacingDays = 28
  /// Most (invoice, landmark) rows evaluated: every k-th of them beyond this, as the cure fit
  /// subsamples, so the estimate costs no more at a million invoices.
  static let maximumRows = 50_000

  /// An invoice open at a landmark date.
  struct LandmarkRow: Sendable {
    /// The history row.
    var row: Int
    /// Which landmark (index into `landmarks(asOf:)`).
    var landmark: Int
  }

  /// The landmark dates `as-of − 91 − 28 j`, j = 0..<6: each one's 13 weeks were over by the
  /// as-of date.
  static func landmarks(asOf: Day) -> [Day] {
    (0..<landmarks).map { asOf.adding(days: -7 * CashForecast.weeks - spacingDays * $0) }
  }

  /// The invoices open at each landmark: issued by then with a positive amount, not paid by
  /// then.
  ///
  /// Every k-th of them when there are more than `maximumRows`; invoices flagged written off
  /// are left out, as the open book leaves them out. Only what was known at the portfolio's
  /// as-of date is used.
  ///
  /// The history is read once, on both cores, for the landmarks each invoice was open at (a
  /// bit each); those bits are read once for the invoices open at each landmark, and the rows
  /// kept picked from them, landmark by landmark.
  static func openRows(_ portfolio: Portfolio, maximumRows: Int = maximumRows) -> [LandmarkRow] {
    let h = portfolio.history
    let marks = landmarks(asOf: portfolio.asOf)
    precondition(marks.count <= 8, "a landmark a bit of a byte")
    let open = Parallel.array(h.count) { k -> UInt8 in
      guard h.amount[k] > 0, !h.writtenOff[k] else { return 0 }
      let (issue, paid) = (h.issueDate[k], portfolio.paidByAsOf(k))
      var bits: UInt8 = 0
      for (j, mark) in marks.enumerated() where issue <= mark {
        if let paid, paid <= mark { continue }
        bits |= 1 << j
      }
      return bits
    }
    // The invoices open at each landmark, in history order, from one read of the bits (most
    // of them 0: paid before the earliest landmark).
    var openAt = [[Int]](repeating: [], count: marks.count)
    for k in open.indices where open[k] != 0 {
      var bits = open[k]
      while bits != 0 {
        openAt[bits.trailingZeroBitCount].append(k)
        bits &= bits - 1
      }
    }
    let total = openAt.reduce(0) { $0 + $1.count }
    let step = max(1, (total + maximumRows - 1) / maximumRows)
    // Row number `n` (landmark by landmark, history order within one) is kept when `n` is a
    // multiple of `step`.
    var rows: [LandmarkRow] = []
    rows.reserveCapacity((total + step - 1) / step)
    var n = 0
    for (j, open) in openAt.enumerated() {
      for i in stride(from: (step - n % step) % step, to: open.count, by: step) {
        rows.append(LandmarkRow(row: open[i], landmark: j))
      }
      n += open.count
    }
    return rows
  }

  /// Each customer's correlation (`CustomerCorrelations`) from the landmark rows of
  /// `portfolio` (`openRows`) and the model's `W(7k)` for each at its age at its landmark
  /// (`PaymentTiming.withinWeeks`); nil when no customer had two invoices with uncertain weeks.
  static func estimate(
    _ portfolio: Portfolio, rows: [LandmarkRow], withinWeeks: [[Double]]
  ) -> CustomerCorrelations? {
    let h = portfolio.history
    let marks = landmarks(asOf: portfolio.asOf)
    let sums = CustomerCorrelations.sums(
      customers: rows.map { Int(h.customerIndex[$0.row]) }, customerCount: h.customerIDs.count,
      landmarks: rows.map(\.landmark), landmarkCount: marks.count,
      amounts: rows.map { h.amount[$0.row] }, withinWeeks: withinWeeks,
      paidWeek: rows.map { r -> Int? in
        guard let paid = portfolio.paidByAsOf(r.row) else { return nil }
        let week = (paid.days(since: marks[r.landmark]) - 1) / 7
        return week < CashForecast.weeks ? week : nil
      })
    return CustomerCorrelations(sums)
  }
}
