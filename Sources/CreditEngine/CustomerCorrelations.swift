/// Each customer's correlation of its invoices' weekly payments, shrunk toward the pooled one.
///
/// Its own estimate from the history, pulled toward the pooled one (empirical Bayes). The band of
/// `CashForecast.weekly(asOf:amounts:customers:withinWeeks:correlations:)` takes customer `c`'s
/// `r_c`, so a large customer whose invoices paid together in the past widens it by its own
/// record, not by the average customer's.
///
/// From the rows of `CustomerCashCorrelation` (invoices open at landmarks `L`, with the model's
/// `π_ik` for week `k` after `L`, `e_ik = A_i (Y_ik − π_ik)`, `s_ik = A_i √(π_ik (1 − π_ik))`),
/// customer `c`'s sums over its landmarks and the weeks
///
/// ```
/// cross_c  = Σ_{L,k} [ (Σ_i e_ik)² − Σ_i e_ik² ]        = Σ_{L,k} Σ_{i≠j} e_ik e_jk
/// spread_c = Σ_{L,k} [ (Σ_i s_ik)² − Σ_i s_ik² ]        = Σ_{L,k} Σ_{i≠j} s_ik s_jk
/// noise_c  = 2 Σ_{L,k} [ (Σ_i s_ik²)² − Σ_i s_ik⁴ ]     = 2 Σ_{L,k} Σ_{i≠j} s_ik² s_jk²
/// ```
///
/// give its own estimate `r̂_c = cross_c / spread_c` and that estimate's sampling variance
/// `V_c = noise_c / spread_c²` (the variance of `cross_c` when its invoices are independent, the
/// weeks taken as independent). With the pooled `r̄ = Σ_c cross_c / Σ_c spread_c` (the moment
/// estimate of one correlation for every customer) and `w_c = 1 / V_c` over the `m` customers
/// with a pair, the method of moments gives the variance of the customers' true correlations
/// around `r̄`, `E[Σ w_c (r̂_c − r̄)²] ≈ m + τ² Σ w_c`:
///
/// ```
/// τ² = max(0, (Σ_c w_c (r̂_c − r̄)² − m) / Σ_c w_c)
/// r_c = r̄ + τ² / (τ² + V_c) · (r̂_c − r̄)
/// ```
///
/// clamped to [0, 1]: a customer with many invoices open together keeps nearly its own
/// estimate, one with a few is pulled to `r̄`, and one with fewer than two invoices at every
/// landmark (or not seen) has `r̄`. When the customers' correlations differ no more than their
/// sampling noise (`τ² = 0`) every customer has `r̄`.
struct CustomerCorrelations: Sendable, Equatable {
  /// The pooled `r̄` (clamped to [0, 1]): customers without an estimate of their own.
  var pooled: Double
  /// `τ²`, the variance of the customers' correlations beyond sampling noise.
  var between: Double
  /// `r_c` by customer index.
  var byCustomer: [Double]

  /// Customer `c`'s sums over its landmarks and weeks.
  struct Sums: Sendable, Equatable {
    var cross = 0.0
    var spread = 0.0
    var noise = 0.0
  }

  /// Customer `c`'s `r_c`; `pooled` for a customer beyond the estimated ones.
  subscript(_ c: Int) -> Double { c < byCustomer.count ? byCustomer[c] : pooled }

  /// The same correlation `r` for every customer (no estimate of their own).
  init(pooled r: Double, customers: Int) {
    self.init(pooled: r, byCustomer: [Double](repeating: r, count: customers))
  }

  /// Correlations estimated before (a shard's, `ShardPart.ForecastInputs`), `pooled` for the
  /// customers beyond them.
  init(pooled: Double, byCustomer: [Double]) {
    self.pooled = pooled
    between = 0
    self.byCustomer = byCustomer
  }

  /// The shrunk estimates from each customer's sums (by customer index); nil when no customer
  /// had two invoices with uncertain weeks at a landmark.
  init?(_ sums: [Sums]) {
    let (cross, spread) = sums.reduce((0.0, 0.0)) { ($0.0 + $1.cross, $0.1 + $1.spread) }
    guard spread > 0, cross.isFinite, spread.isFinite else { return nil }
    let r = min(max(cross / spread, 0), 1)
    // The customers with an estimate of their own: (r̂_c, V_c).
    let own = sums.map { s -> (estimate: Double, variance: Double)? in
      guard s.spread > 0, s.noise > 0 else { return nil }
      return (s.cross / s.spread, s.noise / (s.spread * s.spread))
    }
    var (q, weights, m) = (0.0, 0.0, 0.0)
    for case let (estimate, variance)? in own {
      q += (estimate - r) * (estimate - r) / variance
      weights += 1 / variance
      m += 1
    }
    let tau2 = weights > 0 ? max(0, (q - m) / weights) : 0
    pooled = r
    between = tau2.isFinite ? tau2 : 0
    byCustomer = own.map { o in
      guard let o, tau2 > 0 else { return r }
      return min(max(r + tau2 / (tau2 + o.variance) * (o.estimate - r), 0), 1)
    }
  }

  /// Each customer's sums from rows of (invoice, landmark).
  /// - Parameters:
  ///   - customers: each row's customer, in `0..<customerCount`.
  ///   - landmarks: each row's landmark, in `0..<landmarkCount` (a customer's invoices pair
  ///     only with its invoices open at the same landmark).
  ///   - amounts: each row's amount.
  ///   - withinWeeks: `W_i(7k)` = P(paid within 7k days of the landmark | open then), k =
  ///     0...13, as `withinWeeks[k][i]`.
  ///   - paidWeek: the week after the landmark in which the row was paid (0...12), or nil.
  /// - Complexity: O(13 n + landmarkCount · customerCount): each week visits the rows and the
  ///   (landmark, customer) groups that have rows.
  static func sums(
    customers: [Int], customerCount: Int, landmarks: [Int], landmarkCount: Int,
    amounts: [Double], withinWeeks: [[Double]], paidWeek: [Int?]
  ) -> [Sums] {
    let n = customers.count
    precondition(
      landmarks.count == n && amounts.count == n && paidWeek.count == n, "one value per row")
    precondition(withinWeeks.count == CashForecast.weeks + 1, "one W per week boundary")
    // The (landmark, customer) groups with rows, numbered in order of first appearance.
    var dense = [Int](repeating: -1, count: customerCount * landmarkCount)
    var groupCustomer: [Int] = []
    let group = (0..<n).map { i in
      let key = landmarks[i] * customerCount + customers[i]
      if dense[key] < 0 {
        dense[key] = groupCustomer.count
        groupCustomer.append(customers[i])
      }
      return dense[key]
    }
    let groups = groupCustomer.count
    var out = [Sums](repeating: Sums(), count: customerCount)
    // Per group in a week, at 5g ..< 5g + 5: Σ e, Σ e², Σ s, Σ s², Σ s⁴.
    var moments = [Double](repeating: 0, count: 5 * groups)
    for k in 0..<CashForecast.weeks {
      for j in moments.indices { moments[j] = 0 }
      for i in 0..<n {
        let pi = CashForecast.weekChance(within: withinWeeks[k][i], withinWeeks[k + 1][i])
        let e = amounts[i] * ((paidWeek[i] == k ? 1 : 0) - pi)
        let s2 = amounts[i] * amounts[i] * pi * (1 - pi)
        let at = 5 * group[i]
        moments[at] += e
        moments[at + 1] += e * e
        moments[at + 2] += s2.squareRoot()
        moments[at + 3] += s2
        moments[at + 4] += s2 * s2
      }
      for g in 0..<groups {
        let (c, at) = (groupCustomer[g], 5 * g)
        out[c].cross += moments[at] * moments[at] - moments[at + 1]
        out[c].spread += moments[at + 2] * moments[at + 2] - moments[at + 3]
        out[c].noise += 2 * (moments[at + 3] * moments[at + 3] - moments[at + 4])
      }
    }
    return out
  }
}
