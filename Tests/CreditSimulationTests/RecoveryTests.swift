import CreditData
import CreditSimulation
import Foundation
import Testing

/// The generated payment times follow the Weibull AFT recorded as the truth.
@Suite struct RecoveryTests {
  let portfolio = Fixtures.standard

  /// Standard deviation of the error term σW: σ π / √6.
  var errorStandardDeviation: Double {
    portfolio.configuration.model.aftSigma * Double.pi / 6.0.squareRoot()
  }

  /// Invoice subgroups for the censoring-free mean check.
  enum Subgroup: String, CaseIterable, CustomTestStringConvertible {
    case all, disputed, terms30PaperNotDisputed, riskyCustomers, longTerms
    var testDescription: String { rawValue }
  }

  private func contains(_ group: Subgroup, _ i: Int) -> Bool {
    let inv = portfolio.invoices
    switch group {
    case .all: return true
    case .disputed: return inv.disputed[i]
    case .terms30PaperNotDisputed:
      return inv.termsDays[i] == 30 && !inv.paperless[i] && !inv.disputed[i]
    case .riskyCustomers: return portfolio.customers.latentRisk[Int(inv.customerIndex[i])] > 1
    case .longTerms: return inv.termsDays[i] >= 45
    }
  }

  /// Mean observed log days to pay of invoices issued 400+ days before the snapshot (so
  /// censoring is negligible) equals the truth's `mean(β·x) − γσ`, within 4 standard errors.
  @Test(arguments: Subgroup.allCases)
  func meanLogDaysToPayMatchesTruth(group: Subgroup) {
    let inv = portfolio.invoices
    let model = portfolio.configuration.model
    let asOf = portfolio.configuration.asOf
    var observed = 0.0
    var expected = 0.0
    var n = 0
    var stillOpen = 0
    for i in 0..<inv.count where asOf.days(since: inv.issueDate[i]) >= 400 && contains(group, i) {
      if inv.writtenOff[i] { continue }  // known never to pay: not a duration
      guard let paid = inv.paidDate[i] else {
        stillOpen += 1
        continue
      }
      observed += log(Double(paid.days(since: inv.issueDate[i])))
      expected += model.expectedLogDaysToPay(
        linearPredictor: portfolio.aftLinearPredictor(ofInvoice: i))
      n += 1
    }
    #expect(n > 500)
    #expect(Double(stillOpen) < 0.005 * Double(n), "censored \(stillOpen) of \(n)")
    let tolerance = 4 * errorStandardDeviation / Double(n).squareRoot() + 0.005
    let difference = observed / Double(n) - expected / Double(n)
    #expect(abs(difference) < tolerance, "difference \(difference), tolerance \(tolerance)")
  }

  /// Least squares of the latent log days to pay on the true covariates recovers β (the
  /// intercept shifted by −γσ) within 5 standard errors, and σ within 5/√N (relative).
  @Test func leastSquaresRecoversCoefficients() {
    let inv = portfolio.invoices
    let model = portfolio.configuration.model
    let rows = (0..<inv.count).map { portfolio.aftCovariates(ofInvoice: $0) }
    let y = inv.latentDaysToPay.map { log($0) }
    let fit = LeastSquares(rows: rows, y: y)
    var truth = model.aftCoefficients
    truth[0] -= PaymentModel.eulerGamma * model.aftSigma
    for (j, name) in PaymentModel.aftCoefficientNames.enumerated() {
      let z = (fit.coefficients[j] - truth[j]) / fit.standardError(j)
      #expect(abs(z) < 5, "\(name): \(fit.coefficients[j]) vs \(truth[j])")
    }
    let sigma = (fit.residualVariance * 6).squareRoot() / Double.pi
    #expect(abs(sigma / model.aftSigma - 1) < 5 / Double(inv.count).squareRoot())
  }

  @Test func covariatesFollowTheirDefinition() {
    let i = 17
    let inv = portfolio.invoices
    let x = portfolio.aftCovariates(ofInvoice: i)
    #expect(x.count == PaymentModel.aftCoefficientNames.count)
    #expect(x[0] == 1)
    #expect(x[1] == Double(inv.termsDays[i]) / 30)
    #expect(x[2] == log(inv.amount[i]))
    let eta = zip(x, portfolio.configuration.model.aftCoefficients).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(eta - portfolio.aftLinearPredictor(ofInvoice: i)) < 1e-12)
  }
}
