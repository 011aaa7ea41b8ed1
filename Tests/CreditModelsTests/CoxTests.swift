import CreditModels
import Foundation
import LinearAlgebra
import TestSupport
import Testing

// Golden values: Tests/Fixtures/golden/cox_*.json, written by scripts/golden/generate.py from
// lifelines CoxPHFitter (Efron) and statsmodels PHReg (Efron and Breslow) fitted to precision
// 1e-14 on Tests/Fixtures/data/{rossi,lung,ibm_ar_surv}.csv.

/// Set CREDITRISK_PRINT_ERRORS=1 to print the observed maximum relative errors.
private func report(_ label: String, _ error: Double) {
  if ProcessInfo.processInfo.environment["CREDITRISK_PRINT_ERRORS"] != nil {
    print("golden \(label): \(error)")
  }
}

private func fit(_ f: SurvivalFixture, ties: CoxProportionalHazards.TieMethod) throws -> CoxFit {
  try CoxProportionalHazards(ties: ties).fit(
    f.x, durations: f.durations, events: f.events, featureNames: f.covariates)
}

/// The checks shared by every golden file: estimates, likelihoods, concordance, baseline and
/// the step-function survival predictions.
private func checkCommon(_ name: String, _ f: SurvivalFixture, _ fit: CoxFit) {
  #expect(fit.converged)
  #expect(fit.observations == Int(f.number("n_obs")))
  #expect(fit.events == Int(f.number("n_events")))

  let coef = maxRelativeError(fit.coefficients, f.byName("coefficients"))
  let se = maxRelativeError(fit.standardErrors, f.byName("standard_errors"))
  let ll = relativeError(fit.logLikelihood, f.number("log_likelihood"))
  let ll0 = relativeError(fit.nullLogLikelihood, f.number("null_log_likelihood"))
  let c = abs(fit.concordance - f.number("concordance"))
  report("\(name) coefficients", coef)
  report("\(name) standard errors", se)
  report("\(name) log-likelihood", max(ll, ll0))
  report("\(name) concordance (abs)", c)
  #expect(coef <= 1e-6, "\(name): coefficients")
  #expect(se <= 1e-5, "\(name): standard errors")
  #expect(ll <= 1e-8, "\(name): log-likelihood")
  #expect(ll0 <= 1e-8, "\(name): null log-likelihood")
  #expect(c <= 1e-12, "\(name): concordance \(fit.concordance)")

  let pairs = (f.golden["baseline_cumulative_hazard"] as? [[Any]] ?? []).map {
    (SurvivalFixture.double($0[0]), SurvivalFixture.double($0[1]))
  }
  #expect(!pairs.isEmpty)
  let baseline = maxRelativeError(
    pairs.map { fit.baseline.cumulativeHazard(at: $0.0) }, pairs.map(\.1))
  report("\(name) baseline", baseline)
  #expect(baseline <= 1e-6, "\(name): baseline")

  let rows = f.predictionRows
  let lp = fit.predictLogPartialHazard(rows)
  let expectedLP = f.prediction("linear_predictor")
  for (a, b) in zip(lp, expectedLP) { #expect(isClose(a, b, rtol: 1e-6, atol: 1e-10)) }
  let times = f.prediction("times")
  let step = fit.predictSurvivalFunction(rows, at: times)
  let stepError = maxRelativeError(
    step.flatMap { $0 }, f.predictionMatrix("survival_step").flatMap { $0 })
  report("\(name) survival (step)", stepError)
  #expect(stepError <= 1e-6, "\(name): survival_step")
}

@Suite("Cox proportional hazards")
struct CoxTests {
  static let lifelinesFiles = [
    "cox_rossi_efron_lifelines.json", "cox_lung_efron_lifelines.json",
    "cox_ibm_ar_surv_efron_lifelines.json",
  ]
  static let statsmodelsFiles = [
    "cox_rossi_efron_statsmodels.json", "cox_lung_efron_statsmodels.json",
    "cox_ibm_ar_surv_efron_statsmodels.json", "cox_rossi_breslow_statsmodels.json",
    "cox_lung_breslow_statsmodels.json", "cox_ibm_ar_surv_breslow_statsmodels.json",
  ]

  @Test("matches lifelines CoxPHFitter", arguments: lifelinesFiles)
  func lifelines(file: String) throws {
    let f = try SurvivalFixture(golden: file)
    let fit = try fit(f, ties: .efron)
    checkCommon(file, f, fit)

    // The baseline's knots are lifelines' index: every distinct training duration.
    let knots = (f.golden["baseline_cumulative_hazard"] as? [[Any]] ?? []).map {
      SurvivalFixture.double($0[0])
    }
    #expect(fit.baseline.times == knots)

    // lifelines reads the baseline with np.interp.
    let rows = f.predictionRows
    let times = f.prediction("times")
    let linear = fit.predictSurvivalFunction(rows, at: times, interpolation: .linear)
    let linearError = maxRelativeError(
      linear.flatMap { $0 }, f.predictionMatrix("survival").flatMap { $0 })
    report("\(file) survival (lifelines interp)", linearError)
    #expect(linearError <= 1e-6)

    // Medians: the first training duration with S ≤ 0.5, either reading.
    let medians = f.prediction("median")
    #expect(fit.predictMedian(rows) == medians)
    #expect(fit.predictMedian(rows, interpolation: .linear) == medians)

    // Conditional predictions, lifelines' conditional_after: remaining times from a.
    let after = f.prediction("conditional_after")
    let conditional = fit.predictSurvivalFunction(
      rows, at: times, conditionalAfter: after, interpolation: .linear)
    let conditionalError = maxRelativeError(
      conditional.flatMap { $0 }, f.predictionMatrix("conditional_survival").flatMap { $0 })
    report("\(file) conditional survival", conditionalError)
    #expect(conditionalError <= 1e-6)
    #expect(
      fit.predictMedian(rows, conditionalAfter: after, interpolation: .linear)
        == f.prediction("conditional_median"))

    // The step reading of the conditional curve is S(a + t) / S(a) exactly.
    let exact = fit.predictSurvivalFunction(rows, at: times, conditionalAfter: after)
    for i in 0..<rows.observations {
      let s = fit.predictSurvivalFunction(
        rows.selecting(rows: [i]), at: [after[i]] + times.map { $0 + after[i] })[0]
      for j in times.indices {
        #expect(isClose(exact[i][j], s[j + 1] / s[0], rtol: 1e-12))
      }
    }
  }

  @Test("matches statsmodels PHReg", arguments: statsmodelsFiles)
  func statsmodels(file: String) throws {
    let f = try SurvivalFixture(golden: file)
    let ties: CoxProportionalHazards.TieMethod = file.contains("breslow") ? .breslow : .efron
    let fit = try fit(f, ties: ties)
    #expect(fit.ties == ties)
    checkCommon(file, f, fit)
  }

  @Test func summaryAndDerivedQuantities() throws {
    let f = try SurvivalFixture(golden: "cox_rossi_efron_lifelines.json")
    let fit = try fit(f, ties: .efron)
    #expect(fit.aic == -2 * fit.logLikelihood + 2 * 7)
    let table = fit.summary(alpha: 0.05)
    #expect(table.rows.map(\.name) == f.covariates)
    #expect(table.facts.map(\.0).contains("concordance"))
    #expect(table.facts.first { $0.0 == "ties" }?.1 == "efron")
    for (k, row) in table.rows.enumerated() {
      #expect(row.estimate == fit.coefficients[k])
      #expect(isClose(row.z, fit.coefficients[k] / fit.standardErrors[k], rtol: 1e-15))
    }
    // Partial hazards are relative to x = 0, where the baseline is given.
    let ph = fit.predictPartialHazard(f.predictionRows)
    let h = fit.predictCumulativeHazard(f.predictionRows, at: [20])
    for i in ph.indices {
      #expect(isClose(h[i][0], fit.baseline.cumulativeHazard(at: 20) * ph[i], rtol: 1e-14))
    }
  }

  // MARK: - Simulated data

  /// Proportional-hazards data: x ~ N(0, 1) (last column Bernoulli), exponential baseline
  /// with rate 0.1, uniform censoring on (0, 30).
  static func simulate(
    n: Int, beta: [Double], seed: UInt64, roundToDays: Bool = false
  ) -> (x: DesignMatrix, durations: [Double], events: [Bool]) {
    var rng = SeededGenerator(seed: seed)
    let p = beta.count
    var rows: [[Double]] = []
    var durations: [Double] = []
    var events: [Bool] = []
    for _ in 0..<n {
      var row = (0..<(p - 1)).map { _ in rng.normal() }
      row.append(Double.random(in: 0..<1, using: &rng) < 0.4 ? 1 : 0)
      var eta = 0.0
      for j in 0..<p { eta += row[j] * beta[j] }
      let u = Double.random(in: Double.ulpOfOne..<1, using: &rng)
      var t = -log(u) / (0.1 * exp(eta))
      var c = Double.random(in: 0..<30, using: &rng)
      if roundToDays {
        t = t.rounded(.up)
        c = c.rounded(.up)
      }
      rows.append(row)
      durations.append(min(t, c))
      events.append(t <= c)
    }
    return (DesignMatrix(rows: rows), durations, events)
  }

  @Test("recovers the simulated coefficients within 4 standard errors", arguments: [11, 12, 13])
  func parameterRecovery(seed: UInt64) throws {
    let beta = [0.7, -0.4, 0.25]
    let data = Self.simulate(n: 20_000, beta: beta, seed: seed)
    let fit = try CoxProportionalHazards().fit(
      data.x, durations: data.durations, events: data.events, featureNames: ["a", "b", "c"])
    #expect(fit.converged)
    for j in beta.indices {
      // SE ∝ 1/√N, so this tolerance tightens with N.
      #expect(abs(fit.coefficients[j] - beta[j]) < 4 * fit.standardErrors[j])
    }
    // Baseline: exponential with rate 0.1, H₀(t) = 0.1 t.
    for t in [2.0, 5.0, 10.0] {
      #expect(abs(fit.baseline.cumulativeHazard(at: t) / (0.1 * t) - 1) < 0.1)
    }
  }

  @Test func breslowEqualsEfronWithoutTies() throws {
    let data = Self.simulate(n: 800, beta: [0.5, -0.2, 0.3], seed: 5)
    #expect(Set(data.durations).count == data.durations.count)
    let names = ["a", "b", "c"]
    let efron = try CoxProportionalHazards(ties: .efron).fit(
      data.x, durations: data.durations, events: data.events, featureNames: names)
    let breslow = try CoxProportionalHazards(ties: .breslow).fit(
      data.x, durations: data.durations, events: data.events, featureNames: names)
    #expect(maxRelativeError(efron.coefficients, breslow.coefficients) < 1e-12)
    #expect(maxRelativeError(efron.standardErrors, breslow.standardErrors) < 1e-12)
    #expect(relativeError(efron.logLikelihood, breslow.logLikelihood) < 1e-14)
    #expect(efron.baseline == breslow.baseline)
  }

  @Test func breslowWeightsEqualReplication() throws {
    let data = Self.simulate(n: 300, beta: [0.5, -0.2, 0.3], seed: 6, roundToDays: true)
    let weights = (0..<300).map { Double(1 + $0 % 3) }
    var rows: [Int] = []
    for i in 0..<300 { rows += [Int](repeating: i, count: Int(weights[i])) }
    let names = ["a", "b", "c"]
    let model = CoxProportionalHazards(ties: .breslow)
    let weighted = try model.fit(
      data.x, durations: data.durations, events: data.events, weights: weights,
      featureNames: names)
    let replicated = try model.fit(
      data.x.selecting(rows: rows), durations: rows.map { data.durations[$0] },
      events: rows.map { data.events[$0] }, featureNames: names)
    #expect(maxRelativeError(weighted.coefficients, replicated.coefficients) < 1e-9)
    #expect(maxRelativeError(weighted.standardErrors, replicated.standardErrors) < 1e-9)
    #expect(relativeError(weighted.logLikelihood, replicated.logLikelihood) < 1e-12)
    let times = [1.0, 5.0, 12.0]
    #expect(
      maxRelativeError(
        times.map { weighted.baseline.cumulativeHazard(at: $0) },
        times.map { replicated.baseline.cumulativeHazard(at: $0) }) < 1e-9)
  }

  /// Efron's weighted partial likelihood, score and information at β, computed directly as
  /// lifelines' `_get_efron_values_single` does (one pass from the longest duration down).
  static func referenceEfron(
    x: DesignMatrix, durations: [Double], events: [Bool], weights: [Double], beta: [Double]
  ) -> (ll: Double, gradient: [Double], information: [[Double]]) {
    let n = x.observations
    let p = x.features
    let order = (0..<n).sorted { durations[$0] > durations[$1] }
    var ll = 0.0
    var gradient = [Double](repeating: 0, count: p)
    var information = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    var s0 = 0.0
    var s1 = [Double](repeating: 0, count: p)
    var s2 = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    var m = 0
    while m < n {
      let t = durations[order[m]]
      var d = 0
      var wd = 0.0
      var t0 = 0.0
      var t1 = [Double](repeating: 0, count: p)
      var t2 = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
      var xsum = [Double](repeating: 0, count: p)
      while m < n, durations[order[m]] == t {
        let i = order[m]
        let xi = (0..<p).map { x[i, $0] }
        let eta = zip(xi, beta).reduce(0) { $0 + $1.0 * $1.1 }
        let r = weights[i] * exp(eta)
        s0 += r
        for a in 0..<p {
          s1[a] += r * xi[a]
          for b in 0..<p { s2[a][b] += r * xi[a] * xi[b] }
        }
        if events[i] {
          d += 1
          wd += weights[i]
          ll += weights[i] * eta
          t0 += r
          for a in 0..<p {
            xsum[a] += weights[i] * xi[a]
            t1[a] += r * xi[a]
            for b in 0..<p { t2[a][b] += r * xi[a] * xi[b] }
          }
        }
        m += 1
      }
      guard d > 0 else { continue }
      let omega = wd / Double(d)
      for a in 0..<p { gradient[a] += xsum[a] }
      for l in 0..<d {
        let f = Double(l) / Double(d)
        let phi = s0 - f * t0
        ll -= omega * log(phi)
        let z = (0..<p).map { (s1[$0] - f * t1[$0]) / phi }
        for a in 0..<p {
          gradient[a] -= omega * z[a]
          for b in 0..<p {
            information[a][b] += omega * ((s2[a][b] - f * t2[a][b]) / phi - z[a] * z[b])
          }
        }
      }
    }
    return (ll, gradient, information)
  }

  @Test("agrees with a direct Efron evaluation on multi-chunk weighted data with ties")
  func matchesDirectEfron() throws {
    // 40 000 rows: several parallel chunks; whole-day durations: many ties.
    let n = 40_000
    let data = Self.simulate(n: n, beta: [0.6, -0.3, 0.4], seed: 21, roundToDays: true)
    var rng = SeededGenerator(seed: 99)
    let weights = (0..<n).map { _ in Double.random(in: 0.5..<2, using: &rng) }
    let fit = try CoxProportionalHazards().fit(
      data.x, durations: data.durations, events: data.events, weights: weights,
      featureNames: ["a", "b", "c"])
    let reference = Self.referenceEfron(
      x: data.x, durations: data.durations, events: data.events, weights: weights,
      beta: fit.coefficients)
    #expect(relativeError(fit.logLikelihood, reference.ll) < 1e-10)
    // At the estimate the score vanishes (relative to the information's scale).
    for a in 0..<3 {
      #expect(abs(reference.gradient[a]) < 1e-8 * reference.information[a][a])
    }
    // Covariance = inverse information: check information × covariance = I.
    for a in 0..<3 {
      for b in 0..<3 {
        var s = 0.0
        for k in 0..<3 { s += reference.information[a][k] * fit.covariance[k, b] }
        #expect(abs(s - (a == b ? 1 : 0)) < 1e-8)
      }
    }
  }

  // MARK: - Errors

  @Test func collinearAndConstantColumnsAreNamed() throws {
    let data = Self.simulate(n: 200, beta: [0.5, -0.2, 0.3], seed: 7)
    let a = data.x.column(0)
    let b = data.x.column(1)
    let x = DesignMatrix(columns: [
      a, b, zip(a, b).map { $0 + 2 * $1 }, [Double](repeating: 3, count: 200),
    ])
    // A constant is reported first, as constant (not "all zeros", which it is only after
    // centring).
    #expect(throws: FitError.constantColumns(["constant"])) {
      try CoxProportionalHazards().fit(
        x, durations: data.durations, events: data.events,
        featureNames: ["a", "b", "a_plus_2b", "constant"])
    }
    #expect {
      try CoxProportionalHazards().fit(
        x.selecting(columns: [0, 1, 2]), durations: data.durations, events: data.events,
        featureNames: ["a", "b", "a_plus_2b"])
    } throws: { error in
      guard case FitError.collinearColumns(let groups) = error else { return false }
      return groups.count == 1 && Set(groups[0]) == Set(["a", "b", "a_plus_2b"])
    }
  }

  @Test func invalidInputIsReported() throws {
    let x = DesignMatrix(columns: [[1, 2, 3, 4], [0, 1, 0, 1]])
    let names = ["u", "v"]
    let model = CoxProportionalHazards()
    #expect {
      try model.fit(
        x, durations: [1, 2, 3, 4], events: [false, false, false, false], featureNames: names)
    } throws: { error in
      guard case FitError.invalidInput(let why) = error else { return false }
      return why.contains("no events")
    }
    #expect {
      try model.fit(
        x, durations: [1, 2, 3, -4], events: [true, true, false, true], featureNames: names)
    } throws: { error in
      guard case FitError.invalidInput(let why) = error else { return false }
      return why.contains("row 3")
    }
    #expect {
      try model.fit(
        x, durations: [1, .nan, 3, 4], events: [true, true, false, true], featureNames: names)
    } throws: { error in
      guard case FitError.invalidInput(let why) = error else { return false }
      return why.contains("row 1")
    }
    let bad = DesignMatrix(columns: [[1, 2, .infinity, 4], [0, 1, 0, 1]])
    #expect {
      try model.fit(
        bad, durations: [1, 2, 3, 4], events: [true, true, false, true], featureNames: names)
    } throws: { error in
      guard case FitError.invalidInput(let why) = error else { return false }
      return why.contains("'u'") && why.contains("row 2")
    }
  }

  @Test func percentileIsInfiniteWhenSurvivalStaysAbove() throws {
    // Few events, heavy censoring: the curve stays above 0.5.
    let data = Self.simulate(n: 400, beta: [0.1, 0.1, 0.1], seed: 8)
    let durations = data.durations.map { min($0, 0.5) }
    let events = zip(data.events, data.durations).map { $0 && $1 <= 0.5 }
    let fit = try CoxProportionalHazards().fit(
      data.x, durations: durations, events: events, featureNames: ["a", "b", "c"])
    let rows = data.x.selecting(rows: [0, 1])
    #expect(fit.predictMedian(rows).allSatisfy { $0 == .infinity })
    #expect(fit.predictPercentile(rows, p: 0.999).allSatisfy { $0.isFinite })
  }
}
