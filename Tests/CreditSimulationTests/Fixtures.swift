import CreditData
import CreditSimulation

/// Portfolios shared by the suites, generated once per test process.
enum Fixtures {
  /// 2,000 customers, 100,000 invoices, seed 1: the default mix.
  static let standard = portfolio(
    SimulationConfiguration(
      customerCount: 2_000, invoiceCount: 100_000, seed: 1))

  /// 2,000 customers, 100,000 invoices, seed 3, with every added feature on: 7 % never
  /// paying and unflagged, 10 % of customers distressed, 30 % of invoices offered a discount.
  static let everything = portfolio(
    {
      var config = SimulationConfiguration(customerCount: 2_000, invoiceCount: 100_000, seed: 3)
      config.flagsWriteOffs = false
      config.neverPayRate = 0.07
      config.distressedShare = 0.1
      config.discountOfferShare = 0.3
      return config
    }())

  /// Generates a portfolio, trapping on an invalid configuration (a bug in the test).
  static func portfolio(_ configuration: SimulationConfiguration) -> SimulatedPortfolio {
    do {
      return try Simulator(configuration).generate()
    } catch {
      preconditionFailure("invalid test configuration: \(error)")
    }
  }
}

/// Least squares for small designs: solves `X'X b = X'y` by Gauss–Jordan elimination.
struct LeastSquares {
  /// Coefficients, one per column of X.
  var coefficients: [Double]
  /// `(X'X)⁻¹`, so `s² (X'X)⁻¹` is the covariance of the coefficients.
  var inverseGram: [[Double]]
  /// Residual variance with `n − p` degrees of freedom.
  var residualVariance: Double

  /// Fits `y ≈ X b` from rows of X.
  init(rows: [[Double]], y: [Double]) {
    let p = rows[0].count
    var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    var xty = [Double](repeating: 0, count: p)
    for (row, target) in zip(rows, y) {
      for j in 0..<p {
        xty[j] += row[j] * target
        for k in 0..<p { gram[j][k] += row[j] * row[k] }
      }
    }
    // Gauss–Jordan on [G | I] with partial pivoting.
    var a = gram.enumerated().map { j, r in
      r + (0..<p).map { $0 == j ? 1.0 : 0.0 }
    }
    for col in 0..<p {
      let pivot = (col..<p).max { abs(a[$0][col]) < abs(a[$1][col]) } ?? col
      a.swapAt(col, pivot)
      let d = a[col][col]
      a[col] = a[col].map { $0 / d }
      for r in 0..<p where r != col {
        let f = a[r][col]
        if f != 0 { a[r] = zip(a[r], a[col]).map { $0 - f * $1 } }
      }
    }
    inverseGram = a.map { Array($0[p...]) }
    coefficients = inverseGram.map { r in zip(r, xty).reduce(0) { $0 + $1.0 * $1.1 } }
    var rss = 0.0
    for (row, target) in zip(rows, y) {
      let fit = zip(row, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
      rss += (target - fit) * (target - fit)
    }
    residualVariance = rss / Double(rows.count - p)
  }

  /// Standard error of coefficient `j`.
  func standardError(_ j: Int) -> Double { (residualVariance * inverseGram[j][j]).squareRoot() }
}
