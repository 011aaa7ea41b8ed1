import CreditModels
import Foundation
import LinearAlgebra
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Golden values

/// Reference fits from statsmodels (`Logit` and `GLM(..., freq_weights=)`), produced by
/// `scripts/golden/generate.py`; see `Tests/Fixtures/README.md`.
@Suite("Logistic regression against statsmodels")
struct LogisticGoldenTests {
  struct Golden {
    var names: [String]
    var x: DesignMatrix
    var y: [Double]
    var weights: [Double]?
    var json: [String: Any]

    func values(_ key: String) throws -> [Double] {
      let map = try #require(json[key] as? [String: Double], "missing \(key)")
      return try names.map { try #require(map[$0], "\(key) has no \($0)") }
    }

    func number(_ key: String) throws -> Double {
      try #require(json[key] as? Double, "missing \(key)")
    }
  }

  static func load(_ file: String) throws -> Golden {
    let path = fixturesDirectory() + "/golden/" + file
    let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let dataset = try #require(json["dataset"] as? String)
    let covariates = try #require(json["covariates"] as? [String])
    let target = try #require(json["target"] as? String)
    let csv = try NumericCSV.read(fixturesDirectory() + "/data/" + dataset)
    func column(_ name: String) throws -> [Double] {
      csv.columns[try #require(csv.header.firstIndex(of: name), "no column \(name)")]
    }
    let y = try column(target)
    let columns = try [[Double](repeating: 1, count: y.count)] + covariates.map(column)
    let weights = (json["weights_list"] as? [NSNumber])?.map(\.doubleValue)
    return Golden(
      names: ["Intercept"] + covariates, x: DesignMatrix(columns: columns), y: y,
      weights: weights, json: json)
  }

  @Test(arguments: [
    "logistic_spector_statsmodels.json",
    "logistic_spector_weighted_statsmodels.json",
    "logistic_ibm_ar_logit_statsmodels.json",
  ])
  func matchesStatsmodels(file: String) throws {
    let golden = try Self.load(file)
    let fit = try LogisticRegression().fit(
      golden.x, golden.y, weights: golden.weights, featureNames: golden.names,
      interceptIndex: 0)
    #expect(fit.converged)
    #expect(fit.featureNames == golden.names)

    let coefficients = try golden.values("coefficients")
    let standardErrors = try golden.values("standard_errors")
    for j in golden.names.indices {
      #expect(
        relativeError(fit.coefficients[j], coefficients[j]) <= 1e-6,
        "\(golden.names[j]): \(fit.coefficients[j]) vs \(coefficients[j])")
      #expect(
        relativeError(fit.standardErrors[j], standardErrors[j]) <= 1e-5,
        "SE \(golden.names[j]): \(fit.standardErrors[j]) vs \(standardErrors[j])")
    }
    let logLikelihood = try golden.number("log_likelihood")
    let nullLogLikelihood = try golden.number("null_log_likelihood")
    let aic = try golden.number("aic")
    let r2 = try golden.number("mcfadden_r2")
    #expect(relativeError(fit.logLikelihood, logLikelihood) <= 1e-8)
    #expect(relativeError(fit.nullLogLikelihood, nullLogLikelihood) <= 1e-8)
    #expect(relativeError(fit.aic, aic) <= 1e-8)
    #expect(relativeError(fit.mcFaddenR2, r2) <= 1e-7)

    // Wald statistics follow from the estimates and SEs; p-values get the SE tolerance, scaled
    // by |z| (d log p / d log z ≈ z² in the tail).
    let z = try golden.values("z")
    let p = try golden.values("p_values")
    for j in golden.names.indices {
      #expect(relativeError(fit.zValues[j], z[j]) <= 1e-5)
      #expect(relativeError(fit.pValues[j], p[j]) <= 1e-5 * max(1, z[j] * z[j]))
    }

    let predictions = try #require(golden.json["predictions"] as? [String: Any])
    let rows = try #require(predictions["rows"] as? [Int])
    let probability = try #require(predictions["probability"] as? [Double])
    let predicted = fit.predictProbability(golden.x.selecting(rows: rows))
    for k in rows.indices { #expect(relativeError(predicted[k], probability[k]) <= 1e-6) }
  }
}

// MARK: - Simulated data

/// Seeded logistic data: an intercept column and `beta.count − 1` standard normal features.
func simulateLogistic(
  n: Int, beta: [Double], seed: UInt64
) -> (x: DesignMatrix, y: [Double], names: [String]) {
  var rng = SeededGenerator(seed: seed)
  let p = beta.count
  var storage = [Double](repeating: 1, count: n * p)
  var y = [Double](repeating: 0, count: n)
  for i in 0..<n {
    var eta = beta[0]
    for j in 1..<p {
      let v = rng.normal()
      storage[i * p + j] = v
      eta += beta[j] * v
    }
    y[i] = Double.random(in: 0..<1, using: &rng) < 1 / (1 + exp(-eta)) ? 1 : 0
  }
  let names = ["Intercept"] + (1..<p).map { "x\($0)" }
  return (DesignMatrix(observations: n, features: p, storage: storage), y, names)
}

@Suite("Logistic regression on simulated data")
struct LogisticSimulationTests {
  /// The halvings are counted in words a reader says: "once", not "1 times".
  @Test func halvingsAreCountedInWords() {
    #expect(FitWarning.stepHalving(count: 1).description == "Newton steps were halved once")
    #expect(FitWarning.stepHalving(count: 2).description == "Newton steps were halved twice")
    #expect(FitWarning.stepHalving(count: 5).description == "Newton steps were halved 5 times")
    // A model file's messages read back as the findings they were, older wording too.
    for n in [1, 2, 5] {
      #expect(
        FitWarning(message: FitWarning.stepHalving(count: n).description) == .stepHalving(count: n))
    }
    #expect(FitWarning(message: "Newton steps were halved 1 times") == .stepHalving(count: 1))
    #expect(FitWarning(message: FitWarning.dampedSteps.description) == .dampedSteps)
    #expect(FitWarning.dampedSteps.isStepDetail && !FitWarning.note("x").isStepDetail)
    #expect(
      FitWarning(message: "Newton steps were halved often")
        == .note("Newton steps were halved often"))
  }

  // Estimates are within 4 standard errors (∝ 1/√N) of the truth; sizes straddle the
  // parallel chunking threshold.
  @Test(arguments: [(2_000, UInt64(1)), (50_000, UInt64(2))])
  func recoversParameters(n: Int, seed: UInt64) throws {
    let truth = [-1.0, 0.5, -0.8, 0.3, 0.0]
    let data = simulateLogistic(n: n, beta: truth, seed: seed)
    let fit = try LogisticRegression().fit(
      data.x, data.y, featureNames: data.names, interceptIndex: 0)
    #expect(fit.converged)
    #expect(fit.convergenceRule != .maxIterations)
    #expect(fit.iterations < 15)
    #expect(fit.diagnostics.allSatisfy { if case .stepHalving = $0 { true } else { false } })
    for j in truth.indices {
      #expect(
        abs(fit.coefficients[j] - truth[j]) < 4 * fit.standardErrors[j],
        "\(data.names[j]): \(fit.coefficients[j]) ± \(fit.standardErrors[j]) vs \(truth[j])")
    }
    #expect(fit.logLikelihood > fit.nullLogLikelihood)
    #expect(fit.observations == n)
  }

  @Test func scoreVanishesAtTheMaximum() throws {
    let data = simulateLogistic(n: 3_000, beta: [0.3, 1, -1], seed: 5)
    let fit = try LogisticRegression().fit(
      data.x, data.y, featureNames: data.names, interceptIndex: 0)
    let score = gradient(data.x, data.y, fit.coefficients)
    for g in score { #expect(abs(g) < 1e-8) }
  }

  @Test func weightsEqualToFrequenciesMatchDuplicatedRows() throws {
    let data = simulateLogistic(n: 400, beta: [0.2, 0.7, -0.4], seed: 9)
    let counts = (0..<400).map { Double(($0 * 7) % 4) }  // 0, 3, 2, 1, ...
    var duplicated: [Int] = []
    for i in 0..<400 { duplicated += [Int](repeating: i, count: Int(counts[i])) }
    let model = LogisticRegression()
    let weighted = try model.fit(
      data.x, data.y, weights: counts, featureNames: data.names, interceptIndex: 0)
    let expanded = try model.fit(
      data.x.selecting(rows: duplicated), duplicated.map { data.y[$0] },
      featureNames: data.names, interceptIndex: 0)
    for j in data.names.indices {
      #expect(isClose(weighted.coefficients[j], expanded.coefficients[j], rtol: 1e-10))
      #expect(isClose(weighted.standardErrors[j], expanded.standardErrors[j], rtol: 1e-10))
    }
    #expect(isClose(weighted.logLikelihood, expanded.logLikelihood, rtol: 1e-12))
    #expect(isClose(weighted.nullLogLikelihood, expanded.nullLogLikelihood, rtol: 1e-12))
    #expect(weighted.totalWeight == Double(duplicated.count))
  }

  @Test func iterationLimitIsRecordedNotThrown() throws {
    let data = simulateLogistic(n: 1_000, beta: [0.5, 2, -1], seed: 10)
    let model = LogisticRegression(convergence: ConvergenceCriteria(maxIterations: 2))
    let fit = try model.fit(data.x, data.y, featureNames: data.names, interceptIndex: 0)
    #expect(!fit.converged)
    #expect(fit.convergenceRule == .maxIterations)
    #expect(fit.iterations == 2)
    #expect(fit.standardErrors.allSatisfy { $0.isFinite && $0 > 0 })
  }

  @Test func parallelPassIsDeterministic() throws {
    let data = simulateLogistic(n: 70_000, beta: [0.1, 0.4, -0.2], seed: 3)
    let model = LogisticRegression()
    let a = try model.fit(data.x, data.y, featureNames: data.names, interceptIndex: 0)
    let b = try model.fit(data.x, data.y, featureNames: data.names, interceptIndex: 0)
    #expect(a.coefficients == b.coefficients)
    #expect(a.logLikelihood == b.logLikelihood)
    #expect(a.covariance == b.covariance)
  }

  @Test func withoutInterceptTheNullModelIsOneHalf() throws {
    let data = simulateLogistic(n: 500, beta: [0, 0.8, 0.5], seed: 4)
    let x = DesignMatrix(columns: [data.x.column(1), data.x.column(2)])
    let fit = try LogisticRegression().fit(
      x, data.y, featureNames: ["x1", "x2"], interceptIndex: nil)
    #expect(isClose(fit.nullLogLikelihood, -500 * log(2.0), rtol: 1e-14))
  }

  @Test func summaryAndPredictionsAreConsistent() throws {
    let data = simulateLogistic(n: 1_000, beta: [-0.5, 1, 0.25], seed: 8)
    let fit = try LogisticRegression().fit(
      data.x, data.y, featureNames: data.names, interceptIndex: 0)
    let table = fit.summary(alpha: 0.1)
    #expect(table.rows.map(\.name) == data.names)
    #expect(table.confidence == 0.9)
    let intervals = fit.confidenceIntervals(alpha: 0.1)
    for j in data.names.indices {
      #expect(table.rows[j].estimate == fit.coefficients[j])
      #expect(isClose(table.rows[j].lower, intervals[j].lower, rtol: 1e-14))
      #expect(isClose(table.rows[j].p, fit.pValues[j], rtol: 1e-14))
    }
    let facts = Dictionary(uniqueKeysWithValues: table.facts)
    let logLikelihood = try #require(facts["log-likelihood"].flatMap(Double.init))
    #expect(abs(logLikelihood - fit.logLikelihood) <= 0.00005)
    #expect(facts["log-likelihood"]?.split(separator: ".").last?.count == 4)
    let r2 = try #require(facts["McFadden R²"].flatMap(Double.init))
    #expect(abs(r2 - fit.mcFaddenR2) <= 0.0000005)
    let eta = fit.predictLinear(data.x)
    let probability = fit.predictProbability(data.x)
    for i in [0, 17, 999] {
      let row = (0..<3).map { data.x[i, $0] }
      #expect(isClose(fit.contributions(row: row).reduce(0, +), eta[i], rtol: 1e-12, atol: 1e-14))
      #expect(isClose(probability[i], 1 / (1 + exp(-eta[i])), rtol: 1e-14))
    }
  }
}

/// `Xᵀ(y − μ)` computed naively.
func gradient(_ x: DesignMatrix, _ y: [Double], _ beta: [Double]) -> [Double] {
  var g = [Double](repeating: 0, count: x.features)
  for i in 0..<x.observations {
    var eta = 0.0
    for j in 0..<x.features { eta += x[i, j] * beta[j] }
    let r = y[i] - 1 / (1 + exp(-eta))
    for j in 0..<x.features { g[j] += x[i, j] * r }
  }
  return g
}

// MARK: - Errors, separation and the ridge penalty

@Suite("Logistic regression failures and penalties")
struct LogisticFailureTests {
  /// 200 rows: intercept, a normal noise feature, `score` uniform on [0, 6), another noise
  /// feature; y = 1 exactly when score > 3 (complete separation by `score`).
  static func separated() -> (x: DesignMatrix, y: [Double], names: [String]) {
    var rng = SeededGenerator(seed: 21)
    var rows: [[Double]] = []
    var y: [Double] = []
    for _ in 0..<200 {
      let score = Double.random(in: 0..<6, using: &rng)
      rows.append([1, rng.normal(), score, rng.normal()])
      y.append(score > 3 ? 1 : 0)
    }
    return (DesignMatrix(rows: rows), y, ["Intercept", "noise1", "score", "noise2"])
  }

  @Test func collinearColumnsAreNamed() throws {
    let data = simulateLogistic(n: 300, beta: [0, 1, 1], seed: 6)
    let x1 = data.x.column(1)
    let x2 = data.x.column(2)
    let x3 = zip(x1, x2).map { $0 + 2 * $1 }
    let x = DesignMatrix(columns: [data.x.column(0), x1, x2, x3])
    #expect {
      try LogisticRegression().fit(
        x, data.y, featureNames: ["Intercept", "a", "b", "a_plus_2b"], interceptIndex: 0)
    } throws: { error in
      guard case FitError.collinearColumns(let groups) = error else { return false }
      return groups.count == 1 && Set(groups[0]) == ["a", "b", "a_plus_2b"]
    }
  }

  @Test func zeroColumnIsNamed() throws {
    let data = simulateLogistic(n: 300, beta: [0, 1], seed: 7)
    let x = DesignMatrix(columns: [
      data.x.column(0), data.x.column(1), [Double](repeating: 0, count: 300),
    ])
    // Beside an intercept a column of zeros is one of the constants; without one it is zero.
    #expect(throws: FitError.constantColumns(["empty"])) {
      try LogisticRegression().fit(
        x, data.y, featureNames: ["Intercept", "x1", "empty"], interceptIndex: 0)
    }
    #expect(throws: FitError.collinearColumns([["empty"]])) {
      try LogisticRegression().fit(
        DesignMatrix(columns: [data.x.column(1), [Double](repeating: 0, count: 300)]), data.y,
        featureNames: ["x1", "empty"], interceptIndex: nil)
    }
  }

  @Test func badOutcomeNamesTheRow() throws {
    let data = simulateLogistic(n: 10, beta: [0, 1], seed: 1)
    var y = data.y
    y[3] = 2
    #expect {
      try LogisticRegression().fit(data.x, y, featureNames: data.names, interceptIndex: 0)
    } throws: { error in
      guard case FitError.invalidInput(let message) = error else { return false }
      return message.contains("row 4")
    }
  }

  @Test func negativeWeightAndSingleClassAreRejected() throws {
    let data = simulateLogistic(n: 10, beta: [0, 1], seed: 1)
    var w = [Double](repeating: 1, count: 10)
    w[6] = -1
    #expect {
      try LogisticRegression().fit(
        data.x, data.y, weights: w, featureNames: data.names, interceptIndex: 0)
    } throws: { error in
      guard case FitError.invalidInput(let message) = error else { return false }
      return message.contains("row 7")
    }
    #expect {
      try LogisticRegression().fit(
        data.x, [Double](repeating: 0, count: 10), featureNames: data.names, interceptIndex: 0)
    } throws: { error in
      if case FitError.invalidInput = error { return true } else { return false }
    }
  }

  @Test func completeSeparationThrowsNamingTheFeature() throws {
    let data = Self.separated()
    #expect(throws: FitError.perfectSeparation(feature: "score")) {
      try LogisticRegression().fit(data.x, data.y, featureNames: data.names, interceptIndex: 0)
    }
  }

  @Test func separationByABinaryFeatureWithoutIntercept() throws {
    var rng = SeededGenerator(seed: 4)
    var rows: [[Double]] = []
    var y: [Double] = []
    for i in 0..<100 {
      let flag = Double(i % 2)
      rows.append([rng.normal(), flag * 2 - 1])
      y.append(flag)
    }
    #expect(throws: FitError.perfectSeparation(feature: "flag")) {
      try LogisticRegression().fit(
        DesignMatrix(rows: rows), y, featureNames: ["noise", "flag"], interceptIndex: nil)
    }
  }

  @Test func quasiSeparationWarnsNamingTheFeature() throws {
    // `flag` = 1 forces y = 1; among flag = 0 rows y depends on x noisily.
    var rng = SeededGenerator(seed: 12)
    var rows: [[Double]] = []
    var y: [Double] = []
    for i in 0..<400 {
      let flag = i % 5 == 0 ? 1.0 : 0.0
      let x = rng.normal()
      rows.append([1, x, flag])
      let p = 1 / (1 + exp(-(0.2 + x)))
      y.append(flag == 1 || Double.random(in: 0..<1, using: &rng) < p ? 1 : 0)
    }
    let fit = try LogisticRegression().fit(
      DesignMatrix(rows: rows), y, featureNames: ["Intercept", "x", "flag"], interceptIndex: 0)
    #expect(fit.diagnostics.contains(.quasiSeparation(feature: "flag")))
    #expect(fit.coefficients.allSatisfy { $0.isFinite })
    #expect(fit.standardErrors.allSatisfy { $0.isFinite })
    #expect(fit.coefficients[2] > 10)
    // The other coefficients are still estimated sensibly.
    #expect(abs(fit.coefficients[1] - 1) < 4 * fit.standardErrors[1])
  }

  @Test func ridgePenaltyFitsSeparatedDataFinitely() throws {
    let data = Self.separated()
    let fit = try LogisticRegression(l2: 1).fit(
      data.x, data.y, featureNames: data.names, interceptIndex: 0)
    #expect(fit.converged)
    #expect(fit.coefficients.allSatisfy { $0.isFinite })
    #expect(fit.standardErrors.allSatisfy { $0.isFinite && $0 > 0 })
    #expect(fit.coefficients[2] > 1)
    #expect(fit.l2 == 1)
    #expect(!fit.diagnostics.contains { if case .quasiSeparation = $0 { true } else { false } })
  }

  // At the penalised maximum, Xᵀ(y − μ) = λβ on penalised coefficients and 0 on the intercept.
  @Test(arguments: [0.5, 10.0])
  func ridgeGradientCondition(lambda: Double) throws {
    let data = simulateLogistic(n: 2_000, beta: [0.4, 1.5, -2, 0.5], seed: 31)
    let fit = try LogisticRegression(l2: lambda).fit(
      data.x, data.y, featureNames: data.names, interceptIndex: 0)
    let score = gradient(data.x, data.y, fit.coefficients)
    #expect(abs(score[0]) < 1e-8)
    for j in 1..<4 {
      #expect(abs(score[j] - lambda * fit.coefficients[j]) < 1e-8)
    }
    // The penalty shrinks towards zero.
    let plain = try LogisticRegression().fit(
      data.x, data.y, featureNames: data.names, interceptIndex: 0)
    let penalisedNorm = fit.coefficients[1...].reduce(0) { $0 + $1 * $1 }
    let plainNorm = plain.coefficients[1...].reduce(0) { $0 + $1 * $1 }
    #expect(penalisedNorm < plainNorm)
  }

  @Test func extremeScalesStayFinite() throws {
    // A feature in the millions and one in millionths: the stable forms keep everything finite.
    let data = simulateLogistic(n: 1_000, beta: [0, 1, -1], seed: 14)
    let x = DesignMatrix(columns: [
      data.x.column(0), data.x.column(1).map { $0 * 1e6 }, data.x.column(2).map { $0 * 1e-6 },
    ])
    let fit = try LogisticRegression().fit(x, data.y, featureNames: data.names, interceptIndex: 0)
    #expect(fit.coefficients.allSatisfy { $0.isFinite })
    #expect(fit.standardErrors.allSatisfy { $0.isFinite })
    #expect(isClose(fit.coefficients[1] * 1e6, 1, rtol: 0.2))
  }
}

@Suite struct SummaryStatisticTests {
  @Test(arguments: [
    (-2179.2654759131565, 4, "-2179.2655"), (0.22341358343369522, 6, "0.223414"),
    (4402.5, 4, "4402.5000"), (-0.00001, 4, "0.0000"), (0.00005, 4, "0.0001"),
    (12.5, 0, "13"), (-7.0, 2, "-7.00"), (0.0, 3, "0.000"),
  ])
  func roundsToFixedPlaces(value: Double, decimals: Int, text: String) {
    #expect(CoefficientTable.statistic(value, decimals: decimals) == text)
  }

  @Test func keepsWhatCannotBeRounded() {
    #expect(CoefficientTable.statistic(.nan, decimals: 4) == "nan")
    #expect(CoefficientTable.statistic(-.infinity, decimals: 4) == "-inf")
    #expect(CoefficientTable.statistic(1e300, decimals: 4) == "1e+300")
  }
}
