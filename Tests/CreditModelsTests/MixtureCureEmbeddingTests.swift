import CreditModels
import LinearAlgebra
import TestSupport
import Testing

/// An incidence fitted with the intercept alone, put on the latency's design.
@Suite struct MixtureCureEmbeddingTests {
  /// Rossi's unidentified incidence (`anUnidentifiedIncidenceIsNamed`) diverges; the
  /// intercept-only incidence on Rossi, embedded in the full design (slopes 0), gives
  /// the same predictions from that one design as the fit from its two designs, bit for bit,
  /// and the same parameters and standard errors, the slopes' fixed at 0.
  @Test func interceptOnlyIncidenceOnTheFullDesign() throws {
    let g = try Golden("cure_rossi_unidentified_scipy.json")
    let names = ["Intercept"] + g.covariates
    let t = g.column("week")
    let events = g.column("arrest").map { $0 != 0 }
    let ones = [Double](repeating: 1, count: t.count)
    let x = DesignMatrix(columns: [ones] + g.covariates.map(g.column))
    let full = try MixtureCure().fit(
      x, durations: t, events: events, featureNames: names, interceptIndex: 0)
    #expect(full.incidenceDiverges)
    let shared = try MixtureCure().fit(
      incidence: DesignMatrix(columns: [ones]), latency: x, durations: t, events: events,
      incidenceNames: ["Intercept"], latencyNames: names, incidenceIntercept: 0,
      latencyIntercept: 0)
    let embedded = shared.embeddingIncidence(in: names, interceptIndex: 0)
    #expect(embedded.incidenceNames == names)
    #expect(
      embedded.incidenceCoefficients == [shared.incidenceCoefficients[0]]
        + [Double](
          repeating: 0, count: names.count - 1))
    #expect(embedded.latencyCoefficients == shared.latencyCoefficients)
    let se = embedded.standardErrors
    #expect(se[0] == shared.standardErrors[0])
    #expect(se[1..<names.count].allSatisfy { $0 == 0 })
    #expect(Array(se[names.count...]) == Array(shared.standardErrors[1...]))
    #expect(embedded.diagnostics.contains(.note(MixtureCureFit.embeddedIncidenceNote)))
    let ages = t.map { $0 / 2 }
    let open = embedded.predictOpen(x, age: ages, quantiles: [0.5], days: [10])
    #expect(
      open.paidEver
        == shared.predictPaidEver(DesignMatrix(columns: [ones]), latency: x, age: ages))
    #expect(open.quantiles[0] == shared.predictPaymentQuantile(x, q: 0.5, age: ages))
  }
}
