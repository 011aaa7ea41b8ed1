import CreditSimulation

/// Percentile bootstrap intervals that resample customers.
///
/// Each replicate draws as many customers as were seen, with replacement, and gives every row
/// the number of times its customer was drawn as its weight; a statistic computed with those
/// weights is the statistic of the resampled data. Replicate `r` draws from its own
/// `Xoshiro256StarStar(seed:stream: r)`, so the same seed gives the same intervals however
/// many statistics are computed.
struct CustomerBootstrap: Sendable {
  /// The customer indices that occur, in increasing order.
  let customers: [Int]
  let replicates: Int
  let seed: UInt64

  init(customers rows: [Int], replicates: Int, seed: UInt64) {
    self.customers = Array(Set(rows)).sorted()
    self.replicates = replicates
    self.seed = seed
  }

  /// The number of times each customer was drawn in replicate `r`, indexed by customer.
  func draws(_ r: Int) -> [Double] {
    var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(r))
    var count = [Double](repeating: 0, count: (customers.last ?? 0) + 1)
    for _ in customers.indices {
      // Modulo bias: below 1e-14 for fewer than 100,000 customers.
      count[customers[Int(generator.next() % UInt64(customers.count))]] += 1
    }
    return count
  }

  /// The statistic on all rows (weights nil) and its 2.5% and 97.5% bootstrap percentiles.
  /// - Parameters:
  ///   - rowCustomers: the customer of each row of the data the statistic reads.
  ///   - statistic: the statistic with row weights (nil: every row once).
  func interval(
    _ rowCustomers: [Int], _ statistic: ([Double]?) -> Double
  ) -> RollingBacktestResult.Interval {
    let estimate = statistic(nil)
    guard replicates > 1, !customers.isEmpty else {
      return .init(estimate: estimate, lower: .nan, upper: .nan)
    }
    var values: [Double] = []
    for r in 0..<replicates {
      let count = draws(r)
      let v = statistic(rowCustomers.map { count[$0] })
      if v.isFinite { values.append(v) }
    }
    values.sort()
    guard !values.isEmpty else { return .init(estimate: estimate, lower: .nan, upper: .nan) }
    func at(_ q: Double) -> Double {
      values[min(values.count - 1, max(0, Int((q * Double(values.count)).rounded(.down))))]
    }
    return .init(estimate: estimate, lower: at(0.025), upper: at(0.975))
  }
}
