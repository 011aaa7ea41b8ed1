import CreditData

extension CashForecast {
  /// The correlation `r` of the payments of one customer's invoices in a week when the model
  /// has no estimate of it (`CustomerCashCorrelation`: no invoice was open at its landmarks).
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
  /// Σ_c [ (1 − r) Σ_{i∈c} v_ik + r (Σ_{i∈c} √v_ik)² ]
  /// ```
  ///
  /// the variance when each pair of a customer's invoices has correlation `r` (and invoices of
  /// different customers none): a customer that pays late pays all its invoices late. With a
  /// few large customers the second term dominates, which the independent band (r = 0) misses.
  /// P10/P90 are `mean ∓ 1.2816 sd`, floored at 0.
  /// - Parameters:
  ///   - amounts, customers: per open invoice.
  ///   - withinWeeks: `W_i(7k)` for k = 0...13, as `withinWeeks[k][i]`.
  ///   - correlation: `r`, in [0, 1].
  static func weekly(
    asOf: Day, amounts: [Double], customers: [Int], withinWeeks: [[Double]],
    correlation r: Double
  ) -> [CashForecastWeek] {
    precondition(withinWeeks.count == weeks + 1, "one W per week boundary")
    let customerCount = (customers.max() ?? -1) + 1
    return (0..<weeks).map { k in
      var mean = 0.0
      var independent = 0.0
      var rootSum = [Double](repeating: 0, count: customerCount)
      for i in amounts.indices {
        let pi = min(max(withinWeeks[k + 1][i] - withinWeeks[k][i], 0), 1)
        let v = amounts[i] * amounts[i] * pi * (1 - pi)
        mean += amounts[i] * pi
        independent += v
        rootSum[customers[i]] += v.squareRoot()
      }
      let clustered = rootSum.reduce(0) { $0 + $1 * $1 }
      let sd = ((1 - r) * independent + r * clustered).squareRoot()
      return CashForecastWeek(
        weekStart: asOf.adding(days: 1 + 7 * k), expected: mean, p10: max(0, mean - z90 * sd),
        p90: mean + z90 * sd)
    }
  }
}
