import CreditData
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

// Golden values: Tests/Fixtures/golden/cash_band_scipy.json, written by
// scripts/golden/cash_band.py (cumulants by numpy, Pearson type III quantiles by scipy's
// pearson3.ppf, the exact quantiles of independent sums by convolution).

/// The skewed P10–P90 band of a week's collections.
@Suite struct CashBandTests {
  struct Book {
    var name: String
    var amounts: [Double]
    var p: [Double]
    var customers: [Int]
    var r: Double
    var json: [String: Any]

    func number(_ key: String) throws -> Double { try #require(json[key] as? Double) }

    /// Week 0 of `CashForecast.weekly` when each invoice pays in it with its `p`, never after.
    var band: CashBand {
      let within = [[Double](repeating: 0, count: p.count)] + Array(repeating: p, count: 13)
      return CashForecast.band(
        week: 0, amounts: amounts, customers: customers, withinWeeks: within,
        correlations: CustomerCorrelations(pooled: r, customers: (customers.max() ?? 0) + 1))
    }
  }

  static func books() throws -> [Book] {
    let url = URL(fileURLWithPath: "\(fixturesDirectory())/golden/cash_band_scipy.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    return try #require(json["books"] as? [[String: Any]]).map { b in
      Book(
        name: try #require(b["name"] as? String),
        amounts: try #require(b["amounts"] as? [Int]).map(Double.init),
        p: try #require(b["p"] as? [Double]), customers: try #require(b["customers"] as? [Int]),
        r: try #require(b["r"] as? Double), json: b)
    }
  }

  /// Mean, variance and third cumulant as numpy sums them, customer correlation included.
  @Test func cumulantsMatchNumpy() throws {
    let books = try Self.books()
    #expect(books.count == 6)
    for book in books {
      let band = book.band
      #expect(isClose(band.mean, try book.number("mean"), rtol: 1e-12), "\(book.name)")
      #expect(isClose(band.variance, try book.number("variance"), rtol: 1e-12), "\(book.name)")
      #expect(
        isClose(band.thirdCumulant, try book.number("kappa3"), rtol: 1e-11), "\(book.name)")
    }
  }

  /// Equal invoices of one customer whose chance is beta-distributed: the count paid is
  /// beta-binomial, and scipy's betabinom gives the variance and third cumulant exactly.
  @Test func equalInvoicesMatchTheBetaBinomial() throws {
    let book = try #require(try Self.books().first { $0.json["betabinom_kappa3"] != nil })
    #expect(book.r > 0 && book.r < 1)
    #expect(isClose(book.band.variance, try book.number("betabinom_variance"), rtol: 1e-12))
    #expect(isClose(book.band.thirdCumulant, try book.number("betabinom_kappa3"), rtol: 1e-11))
  }

  /// P10 and P90 against scipy's Pearson type III quantiles, to the Wilson–Hilferty factor's
  /// own accuracy (0.025 sd at the largest skewness here, 2.07; 0.013 sd up to 1.5).
  @Test func quantilesMatchScipyPearson3() throws {
    for book in try Self.books() {
      let (p10, p90) = book.band.p10p90
      let sd = try book.number("variance").squareRoot()
      let skew = try book.number("skewness")
      let tolerance = (skew > 1.5 ? 0.025 : 0.013) * sd
      #expect(abs(p10 - (try book.number("pearson3_p10"))) <= tolerance, "\(book.name)")
      #expect(abs(p90 - (try book.number("pearson3_p90"))) <= tolerance, "\(book.name)")
    }
  }

  /// On the independent books with many invoices of like size the skewed band is nearer the
  /// sum's exact quantiles than the normal band, at both ends.
  @Test func skewedBandIsNearerTheExactQuantilesThanTheNormal() throws {
    let books = try Self.books().filter { $0.name.hasSuffix("independent") }
    #expect(books.count == 2)
    for book in books {
      let (p10, p90) = book.band.p10p90
      let exact = (try book.number("exact_p10"), try book.number("exact_p90"))
      let normal = (try book.number("normal_p10"), try book.number("normal_p90"))
      #expect(abs(p10 - exact.0) < abs(normal.0 - exact.0), "\(book.name)")
      #expect(abs(p90 - exact.1) < abs(normal.1 - exact.1), "\(book.name)")
    }
  }

  /// The factor by hand: z itself without skew; at γ = 1, b = 1 ± 1.2816/6 − 1/36 and
  /// K = 2 (±1.2816/6 − 1/36)(b² + b + 1) = −1.1268 and +1.3349 (the gamma's exact −1.1276 and
  /// +1.3404); a symmetric week keeps mean ∓ 1.2816 sd, and a week with nothing to collect
  /// is 0 to 0.
  @Test func factorByHand() {
    let z = CashBand.z90
    #expect(CashBand.factor(z, 0) == z)
    #expect(CashBand.factor(-z, 0) == -z)
    #expect(abs(CashBand.factor(-z, 1) - -1.126786301081464) < 1e-12)
    #expect(abs(CashBand.factor(z, 1) - 1.3348774609979854) < 1e-12)
    // Rises with z at large skewness too (no fold-back).
    #expect(CashBand.factor(-z, 4) < CashBand.factor(0, 4))
    #expect(CashBand.factor(0, 4) < CashBand.factor(z, 4))
    let symmetric = CashBand(mean: 100, variance: 400, thirdCumulant: 0).p10p90
    #expect(isClose(symmetric.0, 100 - 20 * z, rtol: 1e-15))
    #expect(isClose(symmetric.1, 100 + 20 * z, rtol: 1e-15))
    let empty = CashBand(mean: 0, variance: 0, thirdCumulant: 0).p10p90
    #expect(empty.0 == 0 && empty.1 == 0)
  }

  /// A week that is one invoice of 1,000 unlikely to pay in it (p = 0.001, skewness 31.6) takes
  /// the skewness 2: a band around its mean of 1 with P90 above it (the transform at 31.6 would
  /// put P90 near −16,000).
  @Test func aVerySkewedWeekKeepsASensibleBand() {
    let p = 0.001
    let band = CashBand(
      mean: 1_000 * p, variance: 1_000_000 * p * (1 - p),
      thirdCumulant: CashBand.bernoulliThirdCumulant(amount: 1_000, probability: p))
    let sd = band.variance.squareRoot()
    #expect(band.thirdCumulant / (band.variance * sd) > 30)
    let (p10, p90) = band.p10p90
    #expect(p10 == 0)
    #expect(isClose(p90, 1 + sd * CashBand.factor(CashBand.z90, 2), rtol: 1e-14))
    #expect(p90 > band.mean)
  }
}
