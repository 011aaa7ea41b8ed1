import CreditData
import LinearAlgebra

/// The 13-week cash-collection forecast from the payment curves of the open invoices.
///
/// Week `k` (k = 0...12) covers the days `asOf + 1 + 7k ... asOf + 7 + 7k`. An invoice of
/// amount `A` open at age `a` pays in week `k` with probability
/// `π_k = (S(a + 7k) − S(a + 7k + 7)) / S(a)`. The expected collection is `Σ A π_k`. Treating
/// invoices as independent, the week's total has variance `Σ A² π_k (1 − π_k)` and third
/// cumulant `Σ A³ π_k (1 − π_k)(1 − 2π_k)`; P10 and P90 are `CashBand`'s skewed quantiles.
/// Independence understates the spread when a large customer's invoices move together; the band
/// is a floor on uncertainty.
public enum CashForecast {
  public static let weeks = 13

  /// An invoice open at the as-of date: its amount, its age in days and its payment curve.
  public struct OpenInvoice: Sendable {
    public var amount: Double
    public var age: Double
    public var curve: PaymentCurve
  }

  /// The forecast of `invoices` from `asOf`, week by week.
  public static func weekly(asOf: Day, invoices: [OpenInvoice]) -> [CashForecastWeek] {
    // Chunks of invoices on both cores, their sums added in chunk order (deterministic).
    let parts = Parallel.map(invoices.count, minimumChunk: 4096) { range in
      var mean = [Double](repeating: 0, count: weeks)
      var variance = [Double](repeating: 0, count: weeks)
      var third = [Double](repeating: 0, count: weeks)
      for invoice in invoices[range] {
        let logS0 = invoice.curve.logSurvival(invoice.age)
        var previous = 1.0
        for k in 0..<weeks {
          let next = exp(invoice.curve.logSurvival(invoice.age + Double(7 * (k + 1))) - logS0)
          let pi = min(max(previous - next, 0), 1)
          mean[k] += invoice.amount * pi
          variance[k] += invoice.amount * invoice.amount * pi * (1 - pi)
          third[k] += CashBand.bernoulliThirdCumulant(amount: invoice.amount, probability: pi)
          previous = next
        }
      }
      return (mean, variance, third)
    }
    var mean = [Double](repeating: 0, count: weeks)
    var variance = [Double](repeating: 0, count: weeks)
    var third = [Double](repeating: 0, count: weeks)
    for part in parts {
      for k in 0..<weeks {
        mean[k] += part.0[k]
        variance[k] += part.1[k]
        third[k] += part.2[k]
      }
    }
    return (0..<weeks).map { k in
      CashBand(mean: mean[k], variance: variance[k], thirdCumulant: third[k])
        .week(asOf.adding(days: 1 + 7 * k))
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
