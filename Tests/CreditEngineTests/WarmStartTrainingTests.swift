import CreditData
import CreditEngine
import TestSupport
import Testing

/// Training starts its fits from a subsample's estimates on large histories; the model must be
/// the one a cold start gives (to the fits' tolerances), on the bundled sample with a subsample
/// small enough to kick in.
@Test func warmStartedTrainingGivesTheColdStartModel() throws {
  var cold = TrainingOptions()
  cold.warmStartRows = 0
  var warm = TrainingOptions()
  warm.warmStartRows = 1_000
  let a = try Trainer(options: cold).train(SampleData.portfolio)
  let b = try Trainer(options: warm).train(SampleData.portfolio)
  func close(_ u: [Double], _ v: [Double], rtol: Double) -> Bool {
    u.count == v.count && zip(u, v).allSatisfy { isClose($0, $1, rtol: rtol, atol: 1e-9) }
  }
  #expect(close(a.delinquency.coefficients, b.delinquency.coefficients, rtol: 1e-7))
  #expect(close(a.delinquency.standardErrors, b.delinquency.standardErrors, rtol: 1e-5))
  #expect(close(a.timeToPaymentCox.coefficients, b.timeToPaymentCox.coefficients, rtol: 1e-7))
  #expect(
    close(
      a.timeToPaymentCox.baseline.cumulativeHazard, b.timeToPaymentCox.baseline.cumulativeHazard,
      rtol: 1e-6))
  #expect(
    close(
      a.timeToPaymentWeibull.coefficients + [a.timeToPaymentWeibull.logRho],
      b.timeToPaymentWeibull.coefficients + [b.timeToPaymentWeibull.logRho], rtol: 1e-7))
  #expect(a.metrics.auc == b.metrics.auc)
  #expect(a.metrics.concordance == b.metrics.concordance)
  // The start did its job: no fit needed more iterations than from its default start.
  #expect(b.delinquency.iterations <= a.delinquency.iterations)
  #expect(b.timeToPaymentCox.iterations <= a.timeToPaymentCox.iterations)
  #expect(b.timeToPaymentWeibull.iterations <= a.timeToPaymentWeibull.iterations)
}
