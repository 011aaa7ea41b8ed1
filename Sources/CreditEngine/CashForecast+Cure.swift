import CreditData

#if canImport(Glibc)
  import Glibc
#endif

extension CashForecast {
  /// The chance of payment in a week from the chances of payment within its start and its end
  /// (`W(7k)` and `W(7k + 7)`): their difference, kept within [0, 1] (the two come from separate
  /// evaluations of a curve, so rounding can put the end a hair below the start).
  @inline(__always)
  static func weekChance(within start: Double, _ end: Double) -> Double {
    min(max(end - start, 0), 1)
  }

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
  /// The third cumulant, with `a_ik = ∛t_ik`, `t_ik = A_i³ π_ik (1 − π_ik)(1 − 2π_ik)` and the
  /// customer's sums `S_j = Σ_{i∈c} a_ik^j`, is
  ///
  /// ```
  /// Σ_c [ S_3 + 3 r_c (S_1 S_2 − S_3) + 2 r_c² / (1 + r_c) (S_1³ − 3 S_1 S_2 + 2 S_3) ]
  /// ```
  ///
  /// the invoices alone, their pairs and their triples: exact for a customer's invoices of one
  /// amount and one chance when that chance is drawn from a beta distribution (their pairwise
  /// correlation `r_c`: the count paid is beta-binomial), as the variance's `√v` stand in for
  /// unequal invoices. P10/P90 are `CashBand`'s skewed quantiles.
  /// - Parameters:
  ///   - amounts, customers: per open invoice.
  ///   - withinWeeks: `W_i(7k)` for k = 0...13, as `withinWeeks[k][i]`.
  ///   - correlations: `r_c` by customer, in [0, 1].
  static func weekly(
    asOf: Day, amounts: [Double], customers: [Int], withinWeeks: [[Double]],
    correlations r: CustomerCorrelations
  ) -> [CashForecastWeek] {
    precondition(withinWeeks.count == weeks + 1, "one W per week boundary")
    return (0..<weeks).map { k in
      band(
        week: k, amounts: amounts, customers: customers, withinWeeks: withinWeeks,
        correlations: r
      ).week(asOf.adding(days: 1 + 7 * k))
    }
  }

  /// Week `k`'s mean, variance and third cumulant, as `weekly` describes them.
  static func band(
    week k: Int, amounts: [Double], customers: [Int], withinWeeks: [[Double]],
    correlations r: CustomerCorrelations
  ) -> CashBand {
    let customerCount = (customers.max() ?? -1) + 1
    var mean = 0.0
    var independent = [Double](repeating: 0, count: customerCount)
    var rootSum = [Double](repeating: 0, count: customerCount)
    var cubeRootSum = [Double](repeating: 0, count: customerCount)
    var squareSum = [Double](repeating: 0, count: customerCount)
    var cubeSum = [Double](repeating: 0, count: customerCount)
    for i in amounts.indices {
      let pi = weekChance(within: withinWeeks[k][i], withinWeeks[k + 1][i])
      let v = amounts[i] * amounts[i] * pi * (1 - pi)
      let t = CashBand.bernoulliThirdCumulant(amount: amounts[i], probability: pi)
      mean += amounts[i] * pi
      independent[customers[i]] += v
      rootSum[customers[i]] += v.squareRoot()
      let a = cbrt(t)
      cubeRootSum[customers[i]] += a
      squareSum[customers[i]] += a * a
      cubeSum[customers[i]] += t
    }
    var band = CashBand(mean: mean, variance: 0, thirdCumulant: 0)
    for c in 0..<customerCount {
      let (s1, s2, s3) = (cubeRootSum[c], squareSum[c], cubeSum[c])
      let pairs = s1 * s2 - s3
      let triples = s1 * s1 * s1 - 3 * s1 * s2 + 2 * s3
      band.variance += (1 - r[c]) * independent[c] + r[c] * rootSum[c] * rootSum[c]
      band.thirdCumulant += s3 + 3 * r[c] * pairs + 2 * r[c] * r[c] / (1 + r[c]) * triples
    }
    return band
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
