import CreditModels
import Foundation
import LinearAlgebra
import TestSupport
import Testing

// A start (from a fit on a subsample, as training uses on large histories) only changes where
// Newton begins: the estimates agree with the default start to the stop rules' tolerance, and
// a hopeless start is set aside for the default.

private func rossi() throws -> (x: DesignMatrix, names: [String], weeks: [Double], arrest: [Bool]) {
  let csv = try NumericCSV.read(fixturesDirectory() + "/data/rossi.csv")
  let names = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
  let columns = names.map { NumericCSV.column($0, header: csv.header, columns: csv.columns) }
  let weeks = NumericCSV.column("week", header: csv.header, columns: csv.columns)
  let arrest = NumericCSV.column("arrest", header: csv.header, columns: csv.columns).map {
    $0 != 0
  }
  let ones = [Double](repeating: 1, count: weeks.count)
  return (DesignMatrix(columns: [ones] + columns), ["Intercept"] + names, weeks, arrest)
}

/// Every 4th row: a subsample in the spirit of the training warm start.
private func everyFourth<T>(_ values: [T]) -> [T] {
  Swift.stride(from: 0, to: values.count, by: 4).map { values[$0] }
}

private func expectSameEstimates(_ a: [Double], _ b: [Double], rtol: Double = 1e-8) {
  #expect(a.count == b.count)
  for (u, v) in zip(a, b) { #expect(isClose(u, v, rtol: rtol, atol: 1e-10), "\(u) vs \(v)") }
}

@Suite("Starting values")
struct StartingValueTests {
  @Test func logisticFromASubsampleFitReachesTheSameEstimates() throws {
    let (x, names, _, arrest) = try rossi()
    let y = arrest.map { $0 ? 1.0 : 0.0 }
    let model = LogisticRegression(l2: 0.5)
    let cold = try model.fit(x, y, featureNames: names, interceptIndex: 0)
    let rows = everyFourth(Array(0..<x.observations))
    let sub = try LogisticRegression(l2: 0.5 / 4).fit(
      x.selecting(rows: rows), rows.map { y[$0] }, featureNames: names, interceptIndex: 0)
    let warm = try model.fit(
      x, y, featureNames: names, interceptIndex: 0, start: sub.coefficients)
    expectSameEstimates(warm.coefficients, cold.coefficients)
    expectSameEstimates(warm.standardErrors, cold.standardErrors, rtol: 1e-6)
    #expect(isClose(warm.logLikelihood, cold.logLikelihood, rtol: 1e-12))
    #expect(warm.iterations <= cold.iterations)
    // A start far worse than the null model is set aside.
    let wild = try model.fit(
      x, y, featureNames: names, interceptIndex: 0,
      start: [Double](repeating: 40, count: names.count))
    expectSameEstimates(wild.coefficients, cold.coefficients)
    #expect(wild.iterations == cold.iterations)
  }

  @Test func weibullFromASubsampleFitReachesTheSameEstimates() throws {
    let (x, names, weeks, arrest) = try rossi()
    let model = WeibullAFT()
    let cold = try model.fit(
      x, durations: weeks, events: arrest, featureNames: names, interceptIndex: 0)
    let rows = everyFourth(Array(0..<x.observations))
    let sub = try model.fit(
      x.selecting(rows: rows), durations: rows.map { weeks[$0] },
      events: rows.map { arrest[$0] }, featureNames: names, interceptIndex: 0)
    let warm = try model.fit(
      x, durations: weeks, events: arrest, featureNames: names, interceptIndex: 0,
      start: (sub.coefficients, sub.logRho))
    expectSameEstimates(warm.coefficients + [warm.logRho], cold.coefficients + [cold.logRho])
    expectSameEstimates(warm.standardErrors, cold.standardErrors, rtol: 1e-6)
    #expect(warm.iterations <= cold.iterations)
    let wild = try model.fit(
      x, durations: weeks, events: arrest, featureNames: names, interceptIndex: 0,
      start: ([Double](repeating: 30, count: names.count), 5))
    expectSameEstimates(wild.coefficients + [wild.logRho], cold.coefficients + [cold.logRho])
  }

  @Test func coxFromASubsampleFitReachesTheSameEstimates() throws {
    let (x, names, weeks, arrest) = try rossi()
    let covariates = Array(names.dropFirst())
    let model = CoxProportionalHazards()
    let cold = try model.fit(
      x, durations: weeks, events: arrest, featureNames: covariates, skippingColumn: 0)
    let rows = everyFourth(Array(0..<x.observations))
    let sub = try model.fit(
      x.selecting(rows: rows), durations: rows.map { weeks[$0] },
      events: rows.map { arrest[$0] }, featureNames: covariates, skippingColumn: 0)
    let warm = try model.fit(
      x, durations: weeks, events: arrest, featureNames: covariates, skippingColumn: 0,
      start: sub.coefficients)
    expectSameEstimates(warm.coefficients, cold.coefficients)
    expectSameEstimates(warm.standardErrors, cold.standardErrors, rtol: 1e-6)
    #expect(warm.nullLogLikelihood == cold.nullLogLikelihood)
    #expect(warm.iterations <= cold.iterations)
    let wild = try model.fit(
      x, durations: weeks, events: arrest, featureNames: covariates, skippingColumn: 0,
      start: [Double](repeating: 25, count: covariates.count))
    expectSameEstimates(wild.coefficients, cold.coefficients)
    #expect(wild.iterations == cold.iterations)
  }
}

@Suite("Skipped checks")
struct SkippedCheckTests {
  // Training skips the rank check of a full fit after its subsample fit succeeded; on a
  // design of full rank the check changes nothing but the time taken.
  @Test func coxWithoutTheRankCheckGivesTheSameFit() throws {
    let (x, names, weeks, arrest) = try rossi()
    let covariates = Array(names.dropFirst())
    let checked = try CoxProportionalHazards().fit(
      x, durations: weeks, events: arrest, featureNames: covariates, skippingColumn: 0)
    var uncheckedModel = CoxProportionalHazards()
    uncheckedModel.checksRank = false
    let unchecked = try uncheckedModel.fit(
      x, durations: weeks, events: arrest, featureNames: covariates, skippingColumn: 0)
    #expect(unchecked.coefficients == checked.coefficients)
    #expect(unchecked.standardErrors == checked.standardErrors)
    #expect(unchecked.logLikelihood == checked.logLikelihood)
  }

  // A fit that stops on a Newton step below the tolerance, before evaluating the point it
  // steps to, still reports the log-likelihood of its estimate to rounding.
  @Test func logisticLogLikelihoodBelongsToTheEstimate() throws {
    let (x, names, _, arrest) = try rossi()
    let y = arrest.map { $0 ? 1.0 : 0.0 }
    // Only the step rule may stop it (rossi stops on the log-likelihood rule by default).
    let model = LogisticRegression(
      convergence: ConvergenceCriteria(relativeLogLikelihoodTolerance: 0))
    let fit = try model.fit(x, y, featureNames: names, interceptIndex: 0)
    #expect(fit.convergenceRule == .stepNorm)
    var direct = 0.0
    for i in 0..<x.observations {
      var eta = 0.0
      for j in 0..<x.features { eta += x[i, j] * fit.coefficients[j] }
      direct += y[i] * eta - (max(eta, 0) + log1p(exp(-abs(eta))))
    }
    #expect(isClose(fit.logLikelihood, direct, rtol: 1e-12))
  }
}

@Suite("Cox on rows already in risk-set order")
struct CoxRiskSetOrderTests {
  @Test func presortedRowsAreFittedInPlaceWithTheSameResult() throws {
    let (x, names, weeks, arrest) = try rossi()
    let covariates = Array(names.dropFirst())
    let model = CoxProportionalHazards()
    let unsorted = try model.fit(
      x, durations: weeks, events: arrest, featureNames: covariates, skippingColumn: 0)
    let order = CoxProportionalHazards.riskSetOrder(durations: weeks, events: arrest)
    #expect(Set(order) == Set(0..<weeks.count))
    for k in 1..<order.count {
      let (a, b) = (order[k - 1], order[k])
      #expect(weeks[a] > weeks[b] || (weeks[a] == weeks[b] && (arrest[a] || !arrest[b])))
    }
    // Whole weeks take the counting sort; the same times shifted by half a unit take the radix
    // sort. Both are stable, so the orders agree.
    #expect(
      order
        == CoxProportionalHazards.riskSetOrder(durations: weeks.map { $0 + 0.5 }, events: arrest))
    let sortedWeeks = order.map { weeks[$0] }
    let sortedArrest = order.map { arrest[$0] }
    // Intercept first: the covariates are contiguous and the design is used in place.
    let inPlace = try model.fit(
      x.selecting(rows: order), durations: sortedWeeks, events: sortedArrest,
      featureNames: covariates, skippingColumn: 0)
    expectSameEstimates(inPlace.coefficients, unsorted.coefficients, rtol: 1e-10)
    expectSameEstimates(inPlace.standardErrors, unsorted.standardErrors, rtol: 1e-10)
    #expect(isClose(inPlace.logLikelihood, unsorted.logLikelihood, rtol: 1e-12))
    #expect(inPlace.concordance == unsorted.concordance)
    expectSameEstimates(
      inPlace.baseline.cumulativeHazard, unsorted.baseline.cumulativeHazard, rtol: 1e-10)
  }

  // Whole days spanning far more days than there are rows take the radix sort (the counting
  // sort would need a bucket per day in every chunk): the same order.
  @Test func aLongSpanOfDaysIsOrderedAlike() {
    let durations: [Double] = [5, 1_000_000, 5, 0, 5, 700_000]
    let events = [false, true, true, true, true, false]
    #expect(
      CoxProportionalHazards.riskSetOrder(durations: durations, events: events)
        == [1, 5, 2, 4, 0, 3])
  }

  @Test func aNonFiniteCovariateInPresortedRowsNamesItsRow() throws {
    let (x, names, weeks, arrest) = try rossi()
    let covariates = Array(names.dropFirst())
    let order = CoxProportionalHazards.riskSetOrder(durations: weeks, events: arrest)
    var rows = x.selecting(rows: order).storage
    let p = names.count
    // Row 7 of the sorted design, covariate "age" (column 2 with the intercept).
    rows[7 * p + 2] = .nan
    let design = DesignMatrix(observations: weeks.count, features: p, storage: rows)
    #expect {
      try CoxProportionalHazards().fit(
        design, durations: order.map { weeks[$0] }, events: order.map { arrest[$0] },
        featureNames: covariates, skippingColumn: 0)
    } throws: { error in
      "\(error)".contains("'age' at row 7")
    }
  }
}
