import CreditModels
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The shifts fitted with rows weighted by group (`LogitShift.fitByGroups`) and along a
/// variable (`LogitLineShift`), each shrunk by its standard error clustered by group.
struct LogitGroupShiftTests {
  /// One customer with most of the rows does not move the shift of the others.
  ///
  /// Fifty customers of 20 invoices each, late half the time as the model says (offset 0),
  /// and one customer with 2,000 invoices late 90% of the time. Unweighted, the shift follows
  /// the big customer (overall rate 0.767, shift ≈ 1.19); by customer, its invoices share one
  /// departure and count as a few, so the shift stays near the others' 0; the unweighted
  /// shift's standard error clustered by customer is far above the one that counts every row.
  @Test func oneCustomerWithMostRowsDoesNotMoveEveryone() throws {
    var eta: [Double] = []
    var y: [Double] = []
    var groups: [Int] = []
    for g in 0..<50 {
      for i in 0..<20 {
        eta.append(0)
        y.append(Double(i % 2))
        groups.append(g)
      }
    }
    for i in 0..<2000 {
      eta.append(0)
      y.append(i < 1800 ? 1 : 0)
      groups.append(50)
    }
    let plain = try LogitShift().fit(linearPredictors: eta, outcomes: y)
    #expect(isClose(plain.shift, log(2300.0 / 700.0), rtol: 1e-8))
    let byGroups = try LogitShift().fitByGroups(linearPredictors: eta, outcomes: y, groups: groups)
    let rho = try #require(byGroups.groupCorrelation)
    let se = try #require(byGroups.clusteredStandardError)
    #expect(rho > 0.3)
    #expect(byGroups.shift > 0 && byGroups.shift < 0.3 * plain.shift)
    #expect(se > 0)
    // Unweighted, the rows' errors over customers are those of about one big customer.
    let clustered = try #require(
      LogitShift.clusteredStandardError(
        linearPredictors: eta, outcomes: y, groups: groups, shift: plain.shift))
    #expect(clustered > 5 * plain.standardError)
    #expect(abs(byGroups.usedShift) < abs(byGroups.shift))
    // The weighted fit matches the weighted rate: Σ w (y − q) = 0.
    let q = LogisticFit.sigmoid(byGroups.shift)
    let w = LogitShift.groupWeights(LogitShift.groupSizes(groups), correlation: rho)
    let score = zip(w, y).reduce(0) { $0 + $1.0 * ($1.1 - q) }
    #expect(abs(score) < 1e-8)
  }

  /// With every row its own group there are no pairs, `ρ` is 0, every weight is 1, and the
  /// shift is the unweighted one.
  @Test func singletonGroupsGiveTheUnweightedShift() throws {
    var generator = SeededGenerator(seed: 11)
    let eta = (0..<500).map { _ in generator.normal() }
    let y = eta.map { e in
      Double.random(in: 0..<1, using: &generator) < 1 / (1 + exp(-e - 0.4)) ? 1.0 : 0
    }
    let plain = try LogitShift().fit(linearPredictors: eta, outcomes: y)
    let byGroups = try LogitShift().fitByGroups(
      linearPredictors: eta, outcomes: y, groups: Array(0..<500))
    #expect(byGroups.groupCorrelation == 0)
    #expect(isClose(byGroups.shift, plain.shift, rtol: 1e-12))
    let se = try #require(byGroups.clusteredStandardError)
    // The sandwich and the model-based errors agree to sampling error here.
    #expect(se > 0.8 * plain.standardError && se < 1.25 * plain.standardError)
  }

  /// Two cells, late 25% at z = 0 and 50% at z = 1, 1,000 invoices each of 1,000 customers
  /// of two invoices (one in each cell): the fit goes through both cells exactly, the slope
  /// is log 3, and with 2,000 rows the shrinkage takes little of it.
  @Test func theLineThroughTwoCells() throws {
    var (eta, z, y, groups) = ([Double](), [Double](), [Double](), [Int]())
    for i in 0..<1000 {
      eta += [0, 0]
      z += [0, 1]
      y += [i % 4 == 0 ? 1 : 0, i % 2 == 0 ? 1 : 0]
      groups += [i, i]
    }
    let fit = try LogitLineShift().fit(
      linearPredictors: eta, variable: z, outcomes: y, groups: groups)
    #expect(fit.centre == 0.5)
    #expect(isClose(fit.slope, log(3.0), rtol: 1e-8))
    #expect(isClose(fit.shift - 0.5 * fit.slope, log(1.0 / 3), rtol: 1e-8))
    #expect(fit.rows == 2000 && fit.events == 750 && fit.groups == 1000)
    #expect(fit.usedSlope < fit.slope && fit.usedSlope > 0.95 * fit.slope)
    // The slope alone moves a probability at z and leaves it at z = 0.
    #expect(fit.slopeShifted(0.25, at: 0) == 0.25)
    let moved = fit.slopeShifted(0.25, at: 1)
    #expect(isClose(log(moved / (1 - moved)), log(1.0 / 3) + fit.usedSlope, rtol: 1e-12))
    #expect(fit.slopeShifted(1, at: 1) == 1)
  }

  /// A slope carried by a few customers that differ among themselves is shrunk more than the
  /// same outcomes spread over many: the cells above, the z = 1 invoices ten customers' of 100
  /// each, late 20% or 80% by customer (50% in all).
  @Test func aSlopeFromFewCustomersIsShrunkMore() throws {
    var (eta, z, y, few) = ([Double](), [Double](), [Double](), [Int]())
    for i in 0..<1000 {
      eta += [0, 0]
      z += [0, 1]
      let customer = i / 100
      let late = customer % 2 == 0 ? (i % 100) < 20 : (i % 100) < 80
      y += [i % 4 == 0 ? 1 : 0, late ? 1 : 0]
      few += [2000 + i, customer]
    }
    let fit = try LogitLineShift().fit(linearPredictors: eta, variable: z, outcomes: y, groups: few)
    let spread = try LogitLineShift().fit(
      linearPredictors: eta, variable: z, outcomes: y, groups: Array(0..<2000))
    #expect(isClose(fit.slope, spread.slope, rtol: 1e-8))
    #expect(fit.groupCorrelation > 0.2 && spread.groupCorrelation == 0)
    #expect(fit.slopeStandardError > 3 * spread.slopeStandardError)
    #expect(fit.usedSlope < spread.usedSlope)
  }

  @Test func refusesAConstantVariableAndOneGroup() {
    #expect(throws: FitError.self) {
      try LogitLineShift().fit(
        linearPredictors: [0, 0, 0, 0], variable: [1, 1, 1, 1], outcomes: [0, 1, 0, 1],
        groups: [0, 1, 2, 3])
    }
    #expect(throws: FitError.self) {
      try LogitLineShift().fit(
        linearPredictors: [0, 0, 0, 0], variable: [0, 1, 0, 1], outcomes: [0, 1, 1, 0],
        groups: [0, 0, 0, 0])
    }
  }
}
