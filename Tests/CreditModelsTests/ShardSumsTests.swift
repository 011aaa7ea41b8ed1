import CreditModels
import Foundation
import LinearAlgebra
import TestSupport
import Testing

// Fits iterated on sums over shards of the rows reach the single-machine fits: the rossi data
// (432 rows, weeks with many ties) split into 1, 3 and 5 shards of interleaved rows.

private struct Rossi {
  var x: DesignMatrix
  var names: [String]
  var weeks: [Double]
  var arrest: [Bool]

  init() throws {
    let csv = try NumericCSV.read(fixturesDirectory() + "/data/rossi.csv")
    let covariates = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
    let columns = covariates.map {
      NumericCSV.column($0, header: csv.header, columns: csv.columns)
    }
    weeks = NumericCSV.column("week", header: csv.header, columns: csv.columns)
    arrest = NumericCSV.column("arrest", header: csv.header, columns: csv.columns).map { $0 != 0 }
    x = DesignMatrix(columns: [[Double](repeating: 1, count: weeks.count)] + columns)
    names = ["Intercept"] + covariates
  }

  /// Row indices of shard `s` of `n` (every n-th row).
  func shard(_ s: Int, of n: Int) -> [Int] {
    Array(Swift.stride(from: s, to: x.observations, by: n))
  }
}

private func expectClose(_ a: [Double], _ b: [Double], rtol: Double) {
  #expect(a.count == b.count)
  for (u, v) in zip(a, b) { #expect(relativeError(u, v) <= rtol, "\(u) vs \(v)") }
}

@Suite("Fits from shard sums")
struct ShardSumsTests {
  @Test(arguments: [1, 3, 5]) func logisticMatchesTheSingleFit(shards: Int) throws {
    let d = try Rossi()
    let y = d.arrest.map { $0 ? 1.0 : 0.0 }
    let l2 = 0.5
    let single = try LogisticRegression(l2: l2).fit(
      d.x, y, featureNames: d.names, interceptIndex: 0)
    let mean = y.reduce(0, +) / Double(y.count)
    var progress = NewtonProgress(
      start: [log(mean / (1 - mean))] + [Double](repeating: 0, count: d.names.count - 1))
    while !progress.isFinished {
      var sums = NewtonSums.zero(d.names.count)
      for s in 0..<shards {
        let rows = d.shard(s, of: shards)
        sums.add(
          LogisticRegression.shardSums(
            d.x.selecting(rows: rows), rows.map { y[$0] }, weights: nil,
            coefficients: progress.trial))
      }
      var h = sums.informationMatrix
      var g = sums.gradient
      var penalty = 0.0
      for j in 1..<g.count {
        h[j, j] += l2
        g[j] -= l2 * progress.trial[j]
        penalty += 0.5 * l2 * progress.trial[j] * progress.trial[j]
      }
      try progress.advance(
        objective: sums.logLikelihood - penalty, logLikelihood: sums.logLikelihood, gradient: g,
        information: h)
    }
    let fit = try progress.logisticFit(
      featureNames: d.names, observations: y.count, positiveWeight: y.reduce(0, +),
      totalWeight: Double(y.count), l2: l2, interceptIndex: 0)
    expectClose(fit.coefficients, single.coefficients, rtol: 1e-9)
    expectClose(fit.standardErrors, single.standardErrors, rtol: 1e-6)
    #expect(relativeError(fit.logLikelihood, single.logLikelihood) < 1e-9)
    #expect(relativeError(fit.nullLogLikelihood, single.nullLogLikelihood) < 1e-12)
    #expect(fit.converged)
  }

  @Test(arguments: [1, 3, 5]) func weibullMatchesTheSingleFit(shards: Int) throws {
    let d = try Rossi()
    let single = try WeibullAFT().fit(
      d.x, durations: d.weeks, events: d.arrest, featureNames: d.names, interceptIndex: 0)
    let p = d.names.count
    // The exponential start of `WeibullAFT.fit`: ρ = 1, intercept log(Σ t / Σ d).
    let events = Double(d.arrest.filter { $0 }.count)
    var start = [Double](repeating: 0, count: p + 1)
    start[0] = log(d.weeks.reduce(0, +) / events)
    var progress = NewtonProgress(start: start, damping: true)
    while !progress.isFinished {
      var sums = NewtonSums.zero(p + 1)
      for s in 0..<shards {
        let rows = d.shard(s, of: shards)
        sums.add(
          WeibullAFT.shardSums(
            d.x.selecting(rows: rows), durations: rows.map { d.weeks[$0] },
            events: rows.map { d.arrest[$0] }, coefficients: Array(progress.trial[..<p]),
            logRho: progress.trial[p]))
      }
      try progress.advance(
        objective: sums.logLikelihood, gradient: sums.gradient,
        information: sums.informationMatrix)
    }
    let fit = try progress.weibullFit(
      featureNames: d.names, observations: d.weeks.count, events: Int(events), interceptIndex: 0)
    expectClose(fit.coefficients, single.coefficients, rtol: 1e-9)
    #expect(relativeError(fit.logRho, single.logRho) < 1e-9)
    expectClose(fit.standardErrors, single.standardErrors, rtol: 1e-6)
    #expect(relativeError(fit.logLikelihood, single.logLikelihood) < 1e-9)
  }

  @Test(arguments: [1, 3, 5]) func coxMatchesTheSingleFit(shards: Int) throws {
    let d = try Rossi()
    let names = Array(d.names.dropFirst())
    let columns = Array(1..<d.names.count)
    for ties in CoxProportionalHazards.TieMethod.allCases {
      let single = try CoxProportionalHazards(ties: ties).fit(
        d.x, durations: d.weeks, events: d.arrest, featureNames: names, skippingColumn: 0)
      func sums(at beta: [Double]) -> CoxShardSums {
        (0..<shards).map { s -> CoxShardSums in
          let rows = d.shard(s, of: shards)
          return CoxShardSums(
            d.x.selecting(rows: rows), columns: columns, durations: rows.map { d.weeks[$0] },
            events: rows.map { d.arrest[$0] }, beta: beta)
        }.reduce(CoxShardSums(p: names.count)) { $0.adding($1) }
      }
      var progress = NewtonProgress(start: [Double](repeating: 0, count: names.count))
      while !progress.isFinished {
        let e = sums(at: progress.trial).evaluate(beta: progress.trial, ties: ties)
        try progress.advance(
          objective: e.logLikelihood, gradient: e.gradient, information: e.informationMatrix)
      }
      let fit = try progress.coxFit(
        featureNames: names, observations: d.weeks.count, final: sums(at: progress.trial),
        ties: ties, concordance: single.concordance)
      expectClose(fit.coefficients, single.coefficients, rtol: 1e-9)
      expectClose(fit.standardErrors, single.standardErrors, rtol: 1e-6)
      #expect(relativeError(fit.logLikelihood, single.logLikelihood) < 1e-9)
      #expect(relativeError(fit.nullLogLikelihood, single.nullLogLikelihood) < 1e-12)
      #expect(fit.events == single.events)
      #expect(fit.baseline.times == single.baseline.times)
      expectClose(fit.baseline.cumulativeHazard, single.baseline.cumulativeHazard, rtol: 1e-9)
      expectClose(fit.trainingMean, single.trainingMean, rtol: 1e-12)
    }
  }
}
