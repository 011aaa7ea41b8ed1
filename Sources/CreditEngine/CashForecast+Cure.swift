import CreditData

extension CashForecast {
  /// The correlation `r` of the payments of one customer's invoices in a week when the model
  /// has no estimate of it (`CustomerCorrelations`: no invoice was open at its landmarks).
  static let customerCorrelation = 0.0

  /// The forecast from the mixture-cure model's probabilities, with customers' invoices
  /// moving together.
  ///
  /// Invoice `i` (amount `A_i`) pays in week `k` with probability
  /// `π_ik = W_i(7k + 7) − W_i(7k)`, `W_i(d) = P(paid within d | open at its age)`, which
  /// already carries the chance that it is never paid. The expected collection is
  /// `Σ A_i π_ik`. With `v_ik = A_i² π_ik (1 − π_ik)`, the week's variance is
  ///
  /// ```
  /// Σ_c [ (1 − r_c) Σ_{i∈c} v_ik + r_c (Σ_{i∈c} √v_ik)² ]
  /// ```
  ///
  /// the variance when each pair of customer `c`'s invoices has correlation `r_c` (and invoices
  /// of different customers none): a customer that pays late pays all its invoices late. With a
  /// few large customers the second term dominates, which the independent band (r = 0) misses.
  /// P10/P90 are `mean ∓ 1.2816 sd`, floored at 0.
  /// - Parameters:
  ///   - amounts, customers: per open invoice.
  ///   - withinWeeks: `W_i(7k)` for k = 0...13, as `withinWeeks[k][i]`.
  ///   - correlations: `r_c` by customer, in [0, 1].
  static func weekly(
    asOf: Day, amounts: [Double], customers: [Int], withinWeeks: [[Double]],
    correlations r: CustomerCorrelations
  ) -> [CashForecastWeek] {
    precondition(withinWeeks.count == weeks + 1, "one W per week boundary")
    let customerCount = (customers.max() ?? -1) + 1
    return (0..<weeks).map { k in
      var mean = 0.0
      var independent = [Double](repeating: 0, count: customerCount)
      var rootSum = [Double](repeating: 0, count: customerCount)
      for i in amounts.indices {
        let pi = min(max(withinWeeks[k + 1][i] - withinWeeks[k][i], 0), 1)
        let v = amounts[i] * amounts[i] * pi * (1 - pi)
        mean += amounts[i] * pi
        independent[customers[i]] += v
        rootSum[customers[i]] += v.squareRoot()
      }
      let variance = (0..<customerCount).reduce(0.0) { total, c in
        total + (1 - r[c]) * independent[c] + r[c] * rootSum[c] * rootSum[c]
      }
      let sd = variance.squareRoot()
      return CashForecastWeek(
        weekStart: asOf.adding(days: 1 + 7 * k), expected: mean, p10: max(0, mean - z90 * sd),
        p90: mean + z90 * sd)
    }
  }

  /// The forecast with the same correlation `r` for every customer.
  static func weekly(
    asOf: Day, amounts: [Double], customers: [Int], withinWeeks: [[Double]],
    correlation r: Double
  ) -> [CashForecastWeek] {
    weekly(
      asOf: asOf, amounts: amounts, customers: customers, withinWeeks: withinWeeks,
      correlations: CustomerCorrelations(pooled: r, customers: (customers.max() ?? -1) + 1))
  }
}
