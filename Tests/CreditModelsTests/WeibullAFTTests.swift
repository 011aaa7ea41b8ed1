import CreditModels
import Foundation
import LinearAlgebra
import TestSupport
import Testing

// Golden values: Tests/Fixtures/golden/weibull_<dataset>_lifelines.json, written by
// scripts/golden/generate.py (lifelines WeibullAFTFitter, polished to max|gradient| < 1e-9).

// MARK: - Fixture helpers

private struct WeibullGolden {
  let json: [String: Any]
  let x: DesignMatrix
  let names: [String]
  let durations: [Double]
  let events: [Bool]

  init(_ key: String) throws {
    let dir = fixturesDirectory()
    let url = URL(fileURLWithPath: "\(dir)/golden/weibull_\(key)_lifelines.json")
    json = try #require(
      try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as? [String: Any])
    let dataset = try #require(json["dataset"] as? String)
    let covariates = try #require(json["covariates"] as? [String])
    let csv = try NumericCSV.read("\(dir)/data/\(dataset)")
    func column(_ name: String) throws -> [Double] {
      let j = try #require(csv.header.firstIndex(of: name), "no column \(name)")
      return csv.columns[j]
    }
    durations = try column(try #require(json["duration"] as? String))
    events = try column(try #require(json["event"] as? String)).map { $0 != 0 }
    let ones = [Double](repeating: 1, count: durations.count)
    x = DesignMatrix(columns: [ones] + (try covariates.map(column)))
    names = ["Intercept"] + covariates
  }

  private func node(_ path: [String]) -> Any? {
    var node: Any? = json
    for key in path { node = (node as? [String: Any])?[key] }
    return node
  }

  func number(_ path: String...) throws -> Double {
    try #require(node(path) as? Double, "missing \(path)")
  }

  func vector(_ path: String...) throws -> [Double] {
    try #require(node(path) as? [Double], "missing \(path)")
  }

  func matrix(_ path: String...) throws -> [[Double]] {
    try #require(node(path) as? [[Double]], "missing \(path)")
  }
}

/// lifelines' `concordance_index(T, predicted_time, E)`, by its naive O(n²) definition: a pair
/// is comparable when the earlier time is an event, or the times tie and exactly one is an
/// event (that one counts as earlier); concordant when the prediction orders the pair the same
/// way; tied predictions count 1/2.
private func concordanceIndex(_ t: [Double], _ predicted: [Double], _ e: [Bool]) -> Double {
  var pairs = 0.0
  var score = 0.0
  for i in t.indices {
    for j in t.indices where j > i {
      // Orient the pair so that `a` is the one known to fail first.
      let a: Int
      let b: Int
      if t[i] < t[j] && e[i] || t[i] == t[j] && e[i] && !e[j] {
        (a, b) = (i, j)
      } else if t[j] < t[i] && e[j] || t[i] == t[j] && e[j] && !e[i] {
        (a, b) = (j, i)
      } else {
        continue
      }
      pairs += 1
      if predicted[a] < predicted[b] {
        score += 1
      } else if predicted[a] == predicted[b] {
        score += 0.5
      }
    }
  }
  return score / pairs
}

/// The full right-censored log-likelihood through the protocol's generic extension.
private func genericLogLikelihood(
  _ x: DesignMatrix, _ t: [Double], _ e: [Bool], beta: [Double], logRho: Double
) -> Double {
  let eta = x.multiplied(by: beta)
  let model = Weibull()
  return t.indices.reduce(0) {
    $0 + model.logLikelihood(t[$1], event: e[$1], [eta[$1], logRho])
  }
}

/// Central-difference gradient of the generic log-likelihood in (β, log ρ), with steps `h[k]`.
private func numericalGradient(
  _ x: DesignMatrix, _ t: [Double], _ e: [Bool], beta: [Double], logRho: Double, h: [Double]
) -> [Double] {
  var g: [Double] = []
  for k in 0...beta.count {
    var up = beta + [logRho]
    var down = up
    up[k] += h[k]
    down[k] -= h[k]
    let lu = genericLogLikelihood(x, t, e, beta: Array(up.dropLast()), logRho: up[beta.count])
    let ld = genericLogLikelihood(
      x, t, e, beta: Array(down.dropLast()), logRho: down[beta.count])
    g.append((lu - ld) / (2 * h[k]))
  }
  return g
}

private func fitGolden(_ golden: WeibullGolden) throws -> WeibullFit {
  try WeibullAFT().fit(
    golden.x, durations: golden.durations, events: golden.events, featureNames: golden.names,
    interceptIndex: 0)
}

// MARK: - Golden values (lifelines)

@Test(arguments: ["rossi", "lung", "ibm_ar_surv"])
func weibullMatchesLifelines(_ key: String) throws {
  let golden = try WeibullGolden(key)
  let fit = try fitGolden(golden)
  #expect(fit.converged)
  #expect(fit.observations == Int(try golden.number("n_obs")))
  #expect(fit.events == Int(try golden.number("n_events")))

  let coefficients = try golden.names.map { try golden.number("coefficients", $0) }
  let coefficientError = maxRelativeError(
    fit.coefficients + [fit.logRho], coefficients + [try golden.number("log_rho")])
  #expect(coefficientError < 1e-6, "coefficients: max relative error \(coefficientError)")

  let llError = relativeError(fit.logLikelihood, try golden.number("log_likelihood"))
  #expect(llError < 1e-8, "log-likelihood: relative error \(llError)")

  let se = try (golden.names + ["log_rho"]).map { try golden.number("standard_errors", $0) }
  let seError = maxRelativeError(fit.standardErrors, se)
  #expect(seError < 1e-5, "standard errors: max relative error \(seError)")

  // Predictions on rows 0..4; conditional ones use one `conditional_after` value per row.
  let rows = try golden.vector("predictions", "rows").map { Int($0) }
  let x5 = golden.x.selecting(rows: rows)
  let times = try golden.vector("predictions", "times")
  let after = try golden.vector("predictions", "conditional_after")
  let checks: [(String, [Double], [Double])] = [
    (
      "linear_predictor", fit.predictLogLambda(x5),
      try golden.vector("predictions", "linear_predictor")
    ),
    (
      "survival", fit.predictSurvivalFunction(x5, at: times).flatMap { $0 },
      try golden.matrix("predictions", "survival").flatMap { $0 }
    ),
    ("median", fit.predictMedian(x5), try golden.vector("predictions", "median")),
    (
      "conditional_survival",
      fit.predictSurvivalFunction(x5, at: times, conditionalAfter: after).flatMap { $0 },
      try golden.matrix("predictions", "conditional_survival").flatMap { $0 }
    ),
    (
      "conditional_median", fit.predictMedian(x5, conditionalAfter: after),
      try golden.vector("predictions", "conditional_median")
    ),
  ]
  for (name, ours, theirs) in checks {
    let error = maxRelativeError(ours, theirs)
    #expect(error < 1e-6, "\(name): max relative error \(error)")
  }

  // lifelines' concordance_index_ = concordance_index(T, predict_median(df), E).
  let c = concordanceIndex(golden.durations, fit.predictMedian(golden.x), golden.events)
  let cError = relativeError(c, try golden.number("concordance"))
  #expect(cError < 1e-6, "concordance: relative error \(cError)")
}

@Test func weibullSummaryUsesLifelinesNames() throws {
  let golden = try WeibullGolden("rossi")
  let fit = try fitGolden(golden)
  let table = fit.summary(alpha: 0.05)
  #expect(
    table.rows.map(\.name) == golden.names.map { "lambda_:" + $0 } + ["rho_:Intercept"])
  #expect(table.rows.last?.estimate == fit.logRho)
  #expect(
    isClose(fit.aic, -2 * fit.logLikelihood + 2 * Double(golden.names.count + 1), rtol: 1e-15))
  #expect(fit.covariance.rows == golden.names.count + 1)
  #expect(fit.rho == exp(fit.logRho))
}

// MARK: - Internal consistency

@Test func weibullFitMatchesGenericLikelihoodAndHasZeroGradient() throws {
  let golden = try WeibullGolden("lung")
  let fit = try fitGolden(golden)
  let generic = genericLogLikelihood(
    golden.x, golden.durations, golden.events, beta: fit.coefficients, logRho: fit.logRho)
  #expect(isClose(fit.logLikelihood, generic, rtol: 1e-12))
  // The analytic gradient recorded by the fit, and a finite-difference one via the protocol.
  // Each parameter is measured in its own standard errors (step 1e-5 SE; truncation and
  // rounding errors are both ~1e-8 here), so the check is scale-free: `g_k SE_k` is about how
  // many SEs a Newton step would still move it.
  #expect(fit.maxAbsGradient < 1e-8)
  let se = fit.standardErrors
  let g = numericalGradient(
    golden.x, golden.durations, golden.events, beta: fit.coefficients, logRho: fit.logRho,
    h: se.map { 1e-5 * $0 })
  let scaled = zip(g, se).map { abs($0 * $1) }
  #expect(scaled.allSatisfy { $0 < 1e-6 }, "finite-difference gradient x SE \(scaled)")
}

/// Weibull through `H` and `log h` only, so the protocol's default percentile is used.
private struct WeibullByHazardOnly: ParametricSurvivalModel {
  var parameterNames: [String] { ["lambda_", "rho_"] }
  func cumulativeHazard(_ t: Double, _ θ: [Double]) -> Double {
    Weibull().cumulativeHazard(t, θ)
  }
  func logHazard(_ t: Double, _ θ: [Double]) -> Double { Weibull().logHazard(t, θ) }
}

@Test(arguments: [0.1, 0.5, 0.9])
func defaultPercentileMatchesClosedForm(_ p: Double) {
  let theta = [log(40.0), log(1.7)]
  let weibull = Weibull()
  let numeric = WeibullByHazardOnly()
  #expect(isClose(weibull.percentile(p, theta), numeric.percentile(p, theta), rtol: 1e-12))
  let conditional = weibull.conditionalPercentile(p, after: 25, theta)
  #expect(
    isClose(conditional, numeric.conditionalPercentile(p, after: 25, theta), rtol: 1e-10))
  // S(a + t) / S(a) = p at the conditional percentile.
  #expect(isClose(weibull.conditionalSurvival(conditional, after: 25, theta), p, rtol: 1e-12))
  // f = h S.
  let t = 33.0
  #expect(
    isClose(
      weibull.density(t, theta), weibull.hazard(t, theta) * weibull.survival(t, theta),
      rtol: 1e-14))
}

// MARK: - Simulation: parameter recovery

/// Weibull AFT data: log λ = x·β with x = (1, N(0,1), Bernoulli(0.4)),
/// T = λ (−log U)^(1/ρ), censored at an independent exponential time (mean 60).
private func simulate(n: Int, beta: [Double], rho: Double, seed: UInt64)
  -> (x: DesignMatrix, t: [Double], e: [Bool])
{
  var rng = SeededGenerator(seed: seed)
  var rows: [[Double]] = []
  var t: [Double] = []
  var e: [Bool] = []
  for _ in 0..<n {
    let row = [1, rng.normal(), Double.random(in: 0..<1, using: &rng) < 0.4 ? 1 : 0]
    let lambda = exp(zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 })
    let u = Double.random(in: Double.ulpOfOne..<1, using: &rng)
    let time = lambda * pow(-log(u), 1 / rho)
    let censor = -log(Double.random(in: Double.ulpOfOne..<1, using: &rng)) * 60
    rows.append(row)
    t.append(min(time, censor))
    e.append(time <= censor)
  }
  return (DesignMatrix(rows: rows), t, e)
}

@Test(arguments: [(2_000, UInt64(7)), (20_000, UInt64(11))])
func weibullRecoversSimulatedParameters(_ n: Int, _ seed: UInt64) throws {
  let beta = [3.2, 0.5, -0.4]
  let rho = 1.6
  let data = simulate(n: n, beta: beta, rho: rho, seed: seed)
  let censored = data.e.filter { !$0 }.count
  #expect(censored > n / 5 && censored < n / 2, "censored \(censored) of \(n)")
  let fit = try WeibullAFT().fit(
    data.x, durations: data.t, events: data.e, featureNames: ["Intercept", "x", "group"],
    interceptIndex: 0)
  #expect(fit.converged)
  let truth = beta + [log(rho)]
  let estimate = fit.coefficients + [fit.logRho]
  for k in truth.indices {
    // Within 4 standard errors, and the standard error shrinks like 1/√N.
    #expect(abs(estimate[k] - truth[k]) < 4 * fit.standardErrors[k], "parameter \(k)")
    #expect(fit.standardErrors[k] < 6 / Double(n).squareRoot(), "SE \(k)")
  }
  #expect(fit.maxAbsGradient < 1e-9 * Double(n))
}

@Test func weibullCaseWeightsEqualRepeatedRows() throws {
  let names = ["Intercept", "x", "group"]
  let data = simulate(n: 600, beta: [3, 0.3, -0.2], rho: 1.3, seed: 3)
  let weights = (0..<600).map { Double(1 + $0 % 3) }
  let weighted = try WeibullAFT().fit(
    data.x, durations: data.t, events: data.e, weights: weights, featureNames: names,
    interceptIndex: 0)
  var rows: [Int] = []
  for i in 0..<600 { rows += [Int](repeating: i, count: 1 + i % 3) }
  let repeated = try WeibullAFT().fit(
    data.x.selecting(rows: rows), durations: rows.map { data.t[$0] },
    events: rows.map { data.e[$0] }, featureNames: names, interceptIndex: 0)
  #expect(
    maxRelativeError(
      weighted.coefficients + [weighted.logRho], repeated.coefficients + [repeated.logRho])
      < 1e-9)
  #expect(isClose(weighted.logLikelihood, repeated.logLikelihood, rtol: 1e-12))
  #expect(maxRelativeError(weighted.standardErrors, repeated.standardErrors) < 1e-8)
}

// MARK: - Errors

@Test func weibullNamesCollinearColumns() {
  let data = simulate(n: 300, beta: [3, 0.3, -0.2], rho: 1.3, seed: 5)
  let x = data.x
  let doubled = DesignMatrix(
    columns: [x.column(0), x.column(1), x.column(2), x.column(1).map { 2 * $0 }])
  #expect(throws: FitError.collinearColumns([["x2", "x"]])) {
    try WeibullAFT().fit(
      doubled, durations: data.t, events: data.e,
      featureNames: ["Intercept", "x", "group", "x2"], interceptIndex: 0)
  }
  let zero = DesignMatrix(
    columns: [x.column(0), x.column(1), [Double](repeating: 0, count: 300)])
  #expect(throws: FitError.constantColumns(["empty"])) {
    try WeibullAFT().fit(
      zero, durations: data.t, events: data.e, featureNames: ["Intercept", "x", "empty"],
      interceptIndex: 0)
  }
}

@Test(arguments: [0.0, -2.0, Double.nan])
func weibullRejectsNonPositiveDuration(_ bad: Double) {
  let data = simulate(n: 50, beta: [3, 0.3, -0.2], rho: 1.3, seed: 9)
  var t = data.t
  t[17] = bad
  #expect {
    try WeibullAFT().fit(
      data.x, durations: t, events: data.e, featureNames: ["Intercept", "x", "group"],
      interceptIndex: 0)
  } throws: { error in
    guard case FitError.invalidInput(let message) = error else { return false }
    return message.contains("row 17")
  }
}

@Test func weibullRejectsNoEvents() {
  let data = simulate(n: 50, beta: [3, 0.3, -0.2], rho: 1.3, seed: 9)
  #expect(throws: FitError.self) {
    try WeibullAFT().fit(
      data.x, durations: data.t, events: [Bool](repeating: false, count: 50),
      featureNames: ["Intercept", "x", "group"], interceptIndex: 0)
  }
}

// MARK: - Configuration

@Test func weibullRidgeShrinksSlopesButNotIntercept() throws {
  let names = ["Intercept", "x", "group"]
  let data = simulate(n: 1_000, beta: [3, 0.6, -0.5], rho: 1.3, seed: 13)
  let plain = try WeibullAFT().fit(
    data.x, durations: data.t, events: data.e, featureNames: names, interceptIndex: 0)
  let ridge = try WeibullAFT(l2: 200).fit(
    data.x, durations: data.t, events: data.e, featureNames: names, interceptIndex: 0)
  #expect(ridge.converged)
  // The recorded gradient is that of the penalised objective, zero at its maximum.
  #expect(ridge.maxAbsGradient < 1e-8)
  for k in 1..<3 { #expect(abs(ridge.coefficients[k]) < abs(plain.coefficients[k])) }
  // The unpenalised log-likelihood is reported, so it can only be lower than the MLE's.
  #expect(ridge.logLikelihood < plain.logLikelihood)
}

@Test func weibullRecordsNonConvergence() throws {
  let data = simulate(n: 500, beta: [3, 0.3, -0.2], rho: 1.3, seed: 17)
  let fit = try WeibullAFT(convergence: ConvergenceCriteria(maxIterations: 1)).fit(
    data.x, durations: data.t, events: data.e, featureNames: ["Intercept", "x", "group"],
    interceptIndex: 0)
  #expect(!fit.converged)
  #expect(fit.convergenceRule == .maxIterations)
  #expect(fit.iterations == 1)
  #expect(!fit.diagnostics.isEmpty)
}

// The fit takes over its durations (their storage holds the log durations): a caller that
// keeps its copy finds it unchanged, and a copy handed over gives the same fit, bit for bit.
@Test func weibullFitLeavesTheCallersDurationsAndTakesOverAHandedCopy() throws {
  let g = try WeibullGolden("rossi")
  let kept = g.durations
  let fit = try WeibullAFT().fit(
    g.x, durations: kept, events: g.events, featureNames: g.names, interceptIndex: 0)
  #expect(kept == g.durations)
  let handed = try WeibullAFT().fit(
    g.x, durations: g.durations.map { $0 + 0 }, events: g.events, featureNames: g.names,
    interceptIndex: 0)
  #expect(handed.coefficients == fit.coefficients && handed.logRho == fit.logRho)
  #expect(handed.standardErrors == fit.standardErrors)
}

// Durations given as days, each at least a floor: read through a table of each whole day's
// log (or, for other values, an array of the durations), the fit equals the one on the
// durations made first, bit for bit, weighted or not; a day that is not a number is refused.
@Test(arguments: [false, true])
func weibullFitOfDaysEqualsTheFitOfTheirDurations(weighted: Bool) throws {
  let names = ["Intercept", "x", "group"]
  let data = simulate(n: 1_000, beta: [2.5, 0.4, -0.3], rho: 1.2, seed: 21)
  let weights = weighted ? (0..<1_000).map { Double($0 % 4) } : nil
  let whole = data.t.map { $0.rounded(.down) }
  #expect(whole.contains(0) && whole.contains { $0 > 30 })
  var negative = whole
  negative[3] = -2
  for days in [whole, data.t, negative] {
    let fromDays = try WeibullAFT(l2: 1).fit(
      data.x, days: days, atLeast: 0.5, events: data.e, weights: weights, featureNames: names,
      interceptIndex: 0)
    let fromDurations = try WeibullAFT(l2: 1).fit(
      data.x, durations: days.map { max($0, 0.5) }, events: data.e, weights: weights,
      featureNames: names, interceptIndex: 0)
    #expect(fromDays.coefficients == fromDurations.coefficients)
    #expect(fromDays.logRho == fromDurations.logRho)
    #expect(fromDays.standardErrors == fromDurations.standardErrors)
    #expect(fromDays.logLikelihood == fromDurations.logLikelihood)
    #expect(fromDays.iterations == fromDurations.iterations)
  }
  var missing = whole
  missing[17] = .nan
  #expect {
    try WeibullAFT().fit(
      data.x, days: missing, atLeast: 0.5, events: data.e, featureNames: names,
      interceptIndex: 0)
  } throws: { error in
    guard case FitError.invalidInput(let message) = error else { return false }
    return message.contains("row 17")
  }
}
