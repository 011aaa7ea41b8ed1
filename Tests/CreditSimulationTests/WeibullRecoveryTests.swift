import CreditData
import CreditModels
import CreditSimulation
import LinearAlgebra
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `WeibullAFT` on the true covariates of a simulated history, censored at the snapshot,
/// recovers the simulation's coefficients and shape.
@Suite struct WeibullRecoveryTests {
  let portfolio = Fixtures.standard

  /// Every invoice that eventually pays (never-payers follow no AFT), with its latent time to pay
  /// censored at the snapshot: duration = min(T, age at the snapshot), event = T ≤ age.
  ///
  /// The fit must land within 4 standard errors of the truth for each coefficient and for log ρ =
  /// −log σ.
  @Test func weibullAFTRecoversTruthWithCensoring() throws {
    let inv = portfolio.invoices
    let model = portfolio.configuration.model
    let asOf = portfolio.configuration.asOf
    var storage: [Double] = []
    var durations: [Double] = []
    var events: [Bool] = []
    for i in 0..<inv.count where !inv.neverPays[i] {
      let age = Double(asOf.days(since: inv.issueDate[i]))
      guard age > 0 else { continue }
      let t = inv.latentDaysToPay[i]
      storage += portfolio.aftCovariates(ofInvoice: i)
      durations.append(min(t, age))
      events.append(t <= age)
    }
    let names = PaymentModel.aftCoefficientNames
    let x = DesignMatrix(observations: durations.count, features: names.count, storage: storage)
    let censored = events.filter { !$0 }.count
    #expect(censored > 1_000, "too little censoring to test it: \(censored)")

    let fit = try WeibullAFT().fit(
      x, durations: durations, events: events, featureNames: names, interceptIndex: 0)
    #expect(fit.converged)
    for (j, name) in names.enumerated() {
      let z = (fit.coefficients[j] - model.aftCoefficients[j]) / fit.standardErrors[j]
      #expect(abs(z) < 4, "\(name): \(fit.coefficients[j]) vs truth \(model.aftCoefficients[j])")
    }
    let logRhoSE = fit.standardErrors[names.count]
    let z = (fit.logRho - log(model.weibullShape)) / logRhoSE
    #expect(abs(z) < 4, "log rho: \(fit.logRho) vs truth \(log(model.weibullShape))")
  }
}
