import CreditModels
import Foundation
import LinearAlgebra
import TestSupport
import Testing

// Golden values: Tests/Fixtures/golden/cure_*_scipy.json, written by scripts/golden/cure.py
// (scipy trust-exact on the written-out mixture-cure log-likelihood with autograd's exact
// gradient and Hessian, polished to max|gradient| < 1e-10), on the GBSG2 breast cancer trial
// and on the bundled sample datasets/history.csv (flagged and unflagged write-offs).

/// A cure golden file, its data, and the fit of the same model.
private struct CureCase {
  let golden: Golden
  let names: [String]
  let x: DesignMatrix
  let durations: [Double]
  let events: [Bool]
  let neverPays: [Bool]?

  init(_ file: String) throws {
    golden = try Golden(file)
    let g = golden
    names = ["Intercept"] + g.covariates
    durations = g.column(try #require(g.json["duration"] as? String))
    events = g.column(try #require(g.json["event"] as? String)).map { $0 != 0 }
    x = DesignMatrix(
      columns: [[Double](repeating: 1, count: durations.count)] + g.covariates.map(g.column))
    neverPays = (g.json["never_pays"] as? String).map { g.column($0).map { $0 != 0 } }
  }

  func fit(weights: [Double]? = nil) throws -> MixtureCureFit {
    try MixtureCure().fit(
      x, durations: durations, events: events, neverPays: neverPays, weights: weights,
      featureNames: names, interceptIndex: 0)
  }

  func prediction(_ key: String) throws -> [Double] {
    try #require(golden.node(["predictions", key]) as? [Double], "missing \(key)")
  }

  func predictionMatrix(_ key: String) throws -> [[Double]] {
    try #require(golden.node(["predictions", key]) as? [[Double]], "missing \(key)")
  }
}

@Suite("Mixture cure model")
struct MixtureCureTests {
  static let files = [
    "cure_gbsg2_scipy.json", "cure_history_flagged_scipy.json",
    "cure_history_unflagged_scipy.json",
  ]

  @Test("matches scipy on the written-out likelihood", arguments: files)
  func matchesReference(_ file: String) throws {
    let c = try CureCase(file)
    let fit = try c.fit()
    let g = c.golden
    #expect(fit.converged)
    #expect(
      maxRelativeError(
        fit.incidenceCoefficients, try g.named("incidence_coefficients", names: c.names)) < 1e-6)
    #expect(
      maxRelativeError(
        fit.latencyCoefficients, try g.named("latency_coefficients", names: c.names)) < 1e-6)
    #expect(relativeError(fit.logRho, try g.number("log_rho")) < 1e-6)
    #expect(
      maxRelativeError(
        fit.standardErrors, try g.named("standard_errors", names: fit.parameterNames)) < 1e-6)
    #expect(relativeError(fit.logLikelihood, try g.number("log_likelihood")) < 1e-9)
    #expect(fit.maxAbsGradient < 1e-6)
  }

  @Test("predictions for open invoices match the closed forms", arguments: files)
  func predictionsMatch(_ file: String) throws {
    let c = try CureCase(file)
    let fit = try c.fit()
    let rows = try c.prediction("rows").map { Int($0) }
    let x = c.x.selecting(rows: rows)
    let ages = try c.prediction("conditional_after")
    let times = try c.prediction("times")
    let paidEver = fit.predictPaidEver(x, age: ages)
    #expect(maxRelativeError(paidEver, try c.prediction("p_paid_ever")) < 1e-6)
    let survival = fit.predictPayerSurvival(x, at: times, age: ages)
    #expect(
      maxRelativeError(
        survival.flatMap { $0 }, try c.predictionMatrix("conditional_survival").flatMap { $0 })
        < 1e-6)
    let cdf = fit.predictPayerCDF(x, at: times, age: ages)
    for (s, f) in zip(survival.flatMap { $0 }, cdf.flatMap { $0 }) {
      #expect(abs(s + f - 1) < 1e-14)
    }
    let levels = try c.prediction("quantile_levels")
    let quantiles = try c.predictionMatrix("quantile_remaining")
    for (k, level) in levels.enumerated() {
      let ours = fit.predictPaymentQuantile(x, q: level, age: ages)
      #expect(maxRelativeError(ours, quantiles.map { $0[k] }) < 1e-6, "q = \(level)")
    }
    let within = try c.predictionMatrix("paid_within")
    for (j, d) in times.enumerated() {
      let ours = fit.predictPaidWithin(x, days: d, age: ages)
      #expect(maxRelativeError(ours, within.map { $0[j] }) < 1e-6, "d = \(d)")
    }
    // A new invoice's P(ever paid) is the incidence π.
    let zero = [Double](repeating: 0, count: rows.count)
    #expect(
      maxRelativeError(fit.predictPaidEver(x, age: zero), fit.predictIncidence(x)) < 1e-15)
  }

  @Test(
    "the payers' baseline from the data (weighted Kaplan-Meier knots) matches the reference",
    arguments: ["cure_history_flagged_scipy.json", "cure_history_unflagged_scipy.json"])
  func latencyBaselineMatches(_ file: String) throws {
    let c = try CureCase(file)
    let fit = try c.fit().withLatencyBaseline(
      incidence: c.x, durations: c.durations, events: c.events, neverPays: c.neverPays)
    let baseline = try #require(fit.latencyBaseline)
    let reference = { (key: String) throws -> [Double] in
      try #require(c.golden.node(["baseline", key]) as? [Double], "missing \(key)")
    }
    #expect(baseline.logTimes.count == (try reference("log_times")).count)
    #expect(maxRelativeError(baseline.logTimes, try reference("log_times")) < 1e-6)
    #expect(maxRelativeError(baseline.logHazards, try reference("log_hazards")) < 1e-6)
    #expect(relativeError(baseline.tailShape, fit.rho) < 1e-15)
    let rows = try c.prediction("rows").map { Int($0) }
    let x = c.x.selecting(rows: rows)
    let ages = try c.prediction("conditional_after")
    // The old invoices' P(ever paid) is tiny; compare it where it is not negligible.
    let paidEver = fit.predictPaidEver(x, age: ages)
    for (ours, theirs) in zip(paidEver, try reference("p_paid_ever")) {
      #expect(abs(ours - theirs) < 1e-6 * max(theirs, 1e-3))
    }
    let quantiles = try #require(c.golden.node(["baseline", "quantile_remaining"]) as? [[Double]])
    for (k, level) in (try c.prediction("quantile_levels")).enumerated() {
      let ours = fit.predictPaymentQuantile(x, q: level, age: ages)
      #expect(maxRelativeError(ours, quantiles.map { $0[k] }) < 1e-6, "q = \(level)")
    }
    let within = try #require(c.golden.node(["baseline", "paid_within"]) as? [[Double]])
    for (j, d) in (try c.prediction("times")).enumerated() {
      let ours = fit.predictPaidWithin(x, days: d, age: ages)
      for (o, t) in zip(ours, within.map { $0[j] }) {
        #expect(abs(o - t) < 1e-6 * max(t, 1e-3), "d = \(d)")
      }
    }
    // One pass over the rows gives the separate predictions bit for bit.
    let levels = [0.1, 0.5, 0.9]
    let open = fit.predictOpen(x, age: ages, quantiles: levels, days: [7, 30])
    #expect(open.paidEver == paidEver)
    for (l, level) in levels.enumerated() {
      #expect(open.quantiles[l] == fit.predictPaymentQuantile(x, q: level, age: ages))
    }
    #expect(open.paidWithin[1] == fit.predictPaidWithin(x, days: 30, age: ages))
    // Rows in runs of the same age (as open invoices in file order) share the logarithms of
    // their times: the same bits, where the age changes every other row and at age 0.
    let twice: [Int] = ages.indices.flatMap { [$0, $0] } + [0, 0]
    let runs: [Double] = ages.flatMap { [$0, $0] } + [0, 0]
    let xRuns = x.selecting(rows: twice)
    let days = [0.0, 7, 30]
    let openRuns = fit.predictOpen(xRuns, age: runs, quantiles: [0.5], days: days)
    #expect(openRuns.paidEver == fit.predictPaidEver(xRuns, age: runs))
    #expect(openRuns.quantiles[0] == fit.predictPaymentQuantile(xRuns, q: 0.5, age: runs))
    for (m, d) in days.enumerated() {
      #expect(
        openRuns.paidWithin[m] == fit.predictPaidWithin(xRuns, days: d, age: runs), "d = \(d)")
    }
    // The baseline differs from the Weibull it replaces (else the test would not tell them
    // apart), and survives the model file.
    let weibull = try c.fit().predictPaymentQuantile(x, q: 0.5, age: ages)
    #expect(maxRelativeError(fit.predictPaymentQuantile(x, q: 0.5, age: ages), weibull) > 1e-3)
    let decoded = try JSONDecoder().decode(
      MixtureCureFit.self, from: try JSONEncoder().encode(fit))
    #expect(decoded == fit)
  }

  @Test func baselineInverseAndTails() {
    let b = CureLatencyBaseline(
      logTimes: [0, 1, 2], logHazards: [-2, -0.5, 0.5], tailShape: 1.5)
    for logU in [-3.0, -0.2, 0, 0.4, 1, 1.7, 2, 3.5] {
      let h = b.cumulativeHazard(logU: logU)
      #expect(abs(b.logInverse(hazard: h) - logU) < 1e-12, "log u = \(logU)")
    }
    // Before the first knot and after the last the tail shape continues the curve.
    #expect(abs(log(b.cumulativeHazard(logU: -1)) - (-2 - 1.5)) < 1e-12)
    #expect(abs(log(b.cumulativeHazard(logU: 3)) - (0.5 + 1.5)) < 1e-12)
    // Between knots log H is linear in log u: halfway from knot 0 to knot 1.
    #expect(abs(log(b.cumulativeHazard(logU: 0.5)) - (-1.25)) < 1e-12)
    #expect(b.cumulativeHazard(logU: -.infinity) == 0)
    #expect(b.logInverse(hazard: 0) == -.infinity)
  }

  /// Stepping to a value's piece from any knot gives the searched piece's value bit for bit,
  /// at knots, between them, in both tails and at −∞.
  @Test func steppingFromAKnotEqualsSearching() {
    let logTimes: [Double] = (0..<40).map { k in
      let x = Double(k)
      return 0.13 * x + 0.01 * Double(k % 3) - 2
    }
    let logHazards: [Double] = (0..<40).map { k in 0.09 * Double(k) - 3 }
    let b = CureLatencyBaseline(logTimes: logTimes, logHazards: logHazards, tailShape: 1.3)
    var values: [Double] = [-.infinity, -5, 4, logTimes[0], logTimes[39], logTimes[17]]
    for k in 0..<200 { values.append(0.0357 * Double(k) - 3) }
    let starts = [-1, 0, 40, 13]
    var knot = 7
    for (n, logU) in values.enumerated() {
      if n % 5 == 0 { knot = starts[n / 5 % 4] }
      let stepped = b.cumulativeHazard(logU: logU, knot: &knot)
      #expect(stepped.bitPattern == b.cumulativeHazard(logU: logU).bitPattern, "log u = \(logU)")
      if logU > -.infinity { #expect(knot == logTimes.filter { $0 <= logU }.count) }
    }
  }

  @Test func weightZeroRowsAreNoOps() throws {
    let c = try CureCase("cure_gbsg2_scipy.json")
    let n = c.durations.count
    // Every row twice, the copies with weight 0 and absurd durations.
    let x = c.x.selecting(rows: Array(0..<n) + Array(0..<n))
    let fit = try MixtureCure().fit(
      x, durations: c.durations + [Double](repeating: 1e12, count: n),
      events: c.events + c.events.map { !$0 },
      weights: [Double](repeating: 1, count: n) + [Double](repeating: 0, count: n),
      featureNames: c.names, interceptIndex: 0)
    let reference = try c.fit()
    #expect(maxRelativeError(fit.parameters, reference.parameters) < 1e-9)
    #expect(maxRelativeError(fit.standardErrors, reference.standardErrors) < 1e-9)
    #expect(relativeError(fit.logLikelihood, reference.logLikelihood) < 1e-12)
  }

  @Test func separateDesignsForTheTwoParts() throws {
    let c = try CureCase("cure_gbsg2_scipy.json")
    let fit = try c.fit()
    let same = try MixtureCure().fit(
      incidence: c.x, latency: c.x, durations: c.durations, events: c.events,
      incidenceNames: c.names, latencyNames: c.names, incidenceIntercept: 0,
      latencyIntercept: 0)
    #expect(fit == same)
    // Intercept-only latency: fewer parameters, a lower likelihood, still converged.
    let ones = DesignMatrix(columns: [[Double](repeating: 1, count: c.durations.count)])
    let small = try MixtureCure().fit(
      incidence: c.x, latency: ones, durations: c.durations, events: c.events,
      incidenceNames: c.names, latencyNames: ["Intercept"], incidenceIntercept: 0,
      latencyIntercept: 0)
    #expect(small.converged)
    #expect(small.parameters.count == c.names.count + 2)
    #expect(small.logLikelihood < fit.logLikelihood)
  }

  @Test func fitIsCodable() throws {
    let fit = try CureCase("cure_gbsg2_scipy.json").fit()
    let data = try JSONEncoder().encode(fit)
    let back = try JSONDecoder().decode(MixtureCureFit.self, from: data)
    #expect(back == fit)
    #expect(back.covariance == fit.covariance)
    let table = fit.summary()
    #expect(table.rows.map(\.name) == fit.parameterNames)
  }

  /// An incidence that the follow-up cannot identify is named.
  ///
  /// Rossi's 52 weeks of follow-up do not identify a never-arrested share for one group: the
  /// likelihood has no finite maximum along the incidence of fin (scipy stops at |γ| > 20 with
  /// an SE > 1e3). The fit says so instead of reporting such numbers silently.
  @Test func anUnidentifiedIncidenceIsNamed() throws {
    let g = try Golden("cure_rossi_unidentified_scipy.json")
    #expect(abs(try g.number("parameters", "incidence: fin")) > 20)
    #expect(try g.number("standard_errors", "incidence: fin") > 1e3)
    let names = ["Intercept"] + g.covariates
    let t = g.column("week")
    let fit = try MixtureCure().fit(
      DesignMatrix(columns: [[Double](repeating: 1, count: t.count)] + g.covariates.map(g.column)),
      durations: t, events: g.column("arrest").map { $0 != 0 }, featureNames: names,
      interceptIndex: 0)
    #expect(fit.diagnostics.contains(.divergingParameter(name: "incidence: fin")))
    #expect(abs(fit.incidenceCoefficients[1]) > 10)
    // A regular fit has no such warning.
    let regular = try CureCase("cure_gbsg2_scipy.json").fit()
    #expect(
      !regular.diagnostics.contains { if case .divergingParameter = $0 { true } else { false } })
  }

  @Test func inputErrorsSayWhatIsWrong() throws {
    let x = DesignMatrix(columns: [[1, 1, 1, 1], [0.5, 1.5, 2.5, 3]])
    let names = ["Intercept", "x"]
    #expect {
      try MixtureCure().fit(
        x, durations: [1, 2, 3, 4], events: [true, false, true, false],
        neverPays: [true, false, false, false], featureNames: names, interceptIndex: 0)
    } throws: { "\($0)".contains("row 1 is both paid and written off") }
    #expect {
      try MixtureCure().fit(
        x, durations: [1, 2, 3, 4], events: [true, true, true, true], featureNames: names,
        interceptIndex: 0)
    } throws: { "\($0)".contains("every invoice is paid") }
    #expect {
      try MixtureCure().fit(
        x, durations: [1, 0, 3, 4], events: [true, false, true, false], featureNames: names,
        interceptIndex: 0)
    } throws: { "\($0)".contains("row 2: duration is 0.0") }
  }
}

// MARK: - Recovery

/// Simulated invoices: π = σ(γ · (1, x)), payers' days ~ Weibull(λ = exp(β · (1, x)), ρ),
/// administrative censoring uniform on [30, 400) days; `flagged` marks a third of the
/// never-payers still open as written off.
private func simulateCure(
  n: Int, gamma: [Double], beta: [Double], rho: Double, flagged: Bool, seed: UInt64
) -> (x: DesignMatrix, t: [Double], e: [Bool], never: [Bool]) {
  var rng = SeededGenerator(seed: seed)
  var rows: [[Double]] = []
  var t: [Double] = []
  var e: [Bool] = []
  var never: [Bool] = []
  for _ in 0..<n {
    let row = [1, rng.normal()]
    let pi = 1 / (1 + exp(-(gamma[0] + gamma[1] * row[1])))
    let payer = Double.random(in: 0..<1, using: &rng) < pi
    let lambda = exp(beta[0] + beta[1] * row[1])
    let u = Double.random(in: Double.ulpOfOne..<1, using: &rng)
    let time = payer ? lambda * pow(-log(u), 1 / rho) : .infinity
    let censor = Double.random(in: 30..<400, using: &rng)
    let writeOff = !payer && flagged && Double.random(in: 0..<1, using: &rng) < 1.0 / 3
    rows.append(row)
    t.append(min(time, censor))
    e.append(time <= censor)
    never.append(writeOff)
  }
  return (DesignMatrix(rows: rows), t, e, never)
}

@Test("recovers simulated π and Weibull parameters (tolerance ∝ 1/√N)", arguments: [false, true])
func mixtureCureRecoversSimulatedParameters(_ flagged: Bool) throws {
  let gamma = [1.2, -0.8]
  let beta = [3.5, 0.4]
  let rho = 1.4
  let n = 20_000
  let data = simulateCure(
    n: n, gamma: gamma, beta: beta, rho: rho, flagged: flagged, seed: flagged ? 23 : 19)
  let fit = try MixtureCure().fit(
    data.x, durations: data.t, events: data.e, neverPays: flagged ? data.never : nil,
    featureNames: ["Intercept", "x"], interceptIndex: 0)
  #expect(fit.converged)
  let truth = gamma + beta + [log(rho)]
  // Each estimate within 4 standard errors (SE ∝ 1/√N), and the SEs themselves of the
  // size 1/√N predicts (between 0.1/√N and 10/√N for these unit-scale parameters).
  for (k, value) in truth.enumerated() {
    let se = fit.standardErrors[k]
    #expect(abs(fit.parameters[k] - value) < 4 * se, "\(fit.parameterNames[k])")
    #expect(se > 0.1 / Double(n).squareRoot() && se < 10 / Double(n).squareRoot())
  }
}
