import CreditData
import CreditEngine
import CreditReport
import TestSupport
import Testing

/// Training from shard statistics on the bundled sample (8,000 simulated invoices): the
/// history split by customer into 1, 3 and 5 shards, every round's state and statistics
/// passed through their files' JSON, gives the single-machine model.
@Suite("Training from shard statistics")
struct ShardTrainingTests {
  static func trainFromShards(_ n: Int) throws -> (model: TrainedModel, rounds: Int) {
    let root = repositoryRoot()
    let history = try HistoryLoader.load(path: root + "/datasets/history.csv")
    let customers = CustomerInfo.byID(
      try CustomerLoader.load(path: root + "/datasets/customers.csv"))
    let asOf = SampleData.portfolio.asOf
    let parts = (0..<n).map { s -> Portfolio in
      Portfolio(
        history: history.keeping(CustomerShard(index: s, count: n)), customers: customers,
        asOf: asOf)
    }
    var state = ShardTrainingState(asOf: asOf, options: TrainingOptions())
    while !state.isDone {
      let sent = try ShardTrainingFiles.encode(state)
      let received = try ShardTrainingFiles.state(sent, path: "state.json")
      let stats = try parts.enumerated().flatMap { s, part in
        let bytes = try ShardTrainingFiles.encode(
          try ShardTrainer.statistics(part, shard: "\(s + 1)/\(n)", state: received))
        return try ShardTrainingFiles.statistics(bytes, path: "stats.json")
      }
      try state.absorb(stats)
      #expect(state.rounds < 60)
    }
    return (try #require(state.model), state.rounds)
  }

  static let single: TrainedModel = {
    do { return try Trainer().train(SampleData.portfolio) } catch { fatalError("\(error)") }
  }()

  func expectClose(_ a: [Double], _ b: [Double], rtol: Double, _ what: String) {
    #expect(a.count == b.count, "\(what): \(a.count) vs \(b.count) values")
    let worst = zip(a, b).map { relativeError($0, $1) }.max() ?? 0
    #expect(worst <= rtol, "\(what): largest relative difference \(worst)")
  }

  @Test(arguments: [1, 3, 5]) func shardsGiveTheSingleMachineModel(shards: Int) throws {
    let (m, rounds) = try Self.trainFromShards(shards)
    let s = Self.single
    #expect(rounds > 3)
    // The features: the same columns, levels and (to rounding) scaling.
    #expect(m.features.numeric == s.features.numeric)
    #expect(m.features.regionLevels == s.features.regionLevels)
    #expect(m.features.industryLevels == s.features.industryLevels)
    #expect(m.features.regionBaseline == s.features.regionBaseline)
    #expect(m.features.dropped == s.features.dropped)
    expectClose(m.features.means, s.features.means, rtol: 1e-12, "means")
    expectClose(m.features.standardDeviations, s.features.standardDeviations, rtol: 1e-12, "sds")
    // The three fits.
    expectClose(m.delinquency.coefficients, s.delinquency.coefficients, rtol: 1e-9, "logistic")
    expectClose(m.delinquency.standardErrors, s.delinquency.standardErrors, rtol: 1e-7, "SE")
    #expect(relativeError(m.delinquency.logLikelihood, s.delinquency.logLikelihood) < 1e-9)
    #expect(relativeError(m.delinquency.nullLogLikelihood, s.delinquency.nullLogLikelihood) < 1e-12)
    let (mw, sw) = (m.timeToPaymentWeibull, s.timeToPaymentWeibull)
    expectClose(mw.coefficients + [mw.logRho], sw.coefficients + [sw.logRho], rtol: 1e-9, "Weibull")
    expectClose(mw.standardErrors, sw.standardErrors, rtol: 1e-7, "Weibull SE")
    let (mc, sc) = (m.timeToPaymentCox, s.timeToPaymentCox)
    expectClose(mc.coefficients, sc.coefficients, rtol: 1e-9, "Cox")
    expectClose(mc.standardErrors, sc.standardErrors, rtol: 1e-7, "Cox SE")
    #expect(relativeError(mc.logLikelihood, sc.logLikelihood) < 1e-9)
    #expect(mc.baseline.times == sc.baseline.times)
    expectClose(
      mc.baseline.cumulativeHazard, sc.baseline.cumulativeHazard, rtol: 1e-9, "Cox baseline")
    // The centring means of standardised columns are near 0: compared in absolute terms.
    #expect(zip(mc.trainingMean, sc.trainingMean).allSatisfy { abs($0 - $1) < 1e-13 })
    #expect(mc.events == sc.events)
    // The cure model (fitted on every row, as the single machine does below 50,000).
    let (mk, sk) = (try #require(m.timeToPaymentCure), try #require(s.timeToPaymentCure))
    expectClose(
      mk.incidenceCoefficients + mk.latencyCoefficients + [mk.logRho],
      sk.incidenceCoefficients + sk.latencyCoefficients + [sk.logRho], rtol: 1e-7, "cure")
    // The drift profile (from every row: deciles, bin shares and levels alike).
    #expect(m.trainingPopulation != nil)
    #expect(m.trainingPopulation == s.trainingPopulation)
    // The metrics.
    let (a, b) = (m.metrics, s.metrics)
    #expect(a.invoicesRead == b.invoicesRead && a.invoicesUsed == b.invoicesUsed)
    #expect(a.labelled == b.labelled && a.unlabelled == b.unlabelled)
    #expect(a.paymentEvents == b.paymentEvents && a.customers == b.customers)
    #expect(a.issuedAfterAsOf == b.issuedAfterAsOf && a.lateRate == b.lateRate)
    expectClose(
      [a.auc, a.brier, a.concordance, a.weibullConcordance],
      [b.auc, b.brier, b.concordance, b.weibullConcordance], rtol: 1e-9, "metrics")
  }

  @Test func statisticsOfAnotherRoundAreRefused() throws {
    let asOf = SampleData.portfolio.asOf
    let state = ShardTrainingState(asOf: asOf, options: TrainingOptions())
    let stats = try ShardTrainer.statistics(SampleData.portfolio, shard: "1/1", state: state)
    var next = state
    try next.absorb([stats])
    #expect(throws: ShardTrainingError.self) { try next.absorb([stats]) }
    var twice = state
    #expect(throws: ShardTrainingError.self) { try twice.absorb([stats, stats]) }
  }

  /// The sample split into `n` shards by customer, as of `asOf`.
  static func parts(_ n: Int, asOf: Day) throws -> [Portfolio] {
    let root = repositoryRoot()
    let history = try HistoryLoader.load(path: root + "/datasets/history.csv")
    let customers = CustomerInfo.byID(
      try CustomerLoader.load(path: root + "/datasets/customers.csv"))
    return (0..<n).map { s in
      Portfolio(
        history: history.keeping(CustomerShard(index: s, count: n)), customers: customers,
        asOf: asOf)
    }
  }

  /// Every shard's statistics of `parts` for `state`'s next round.
  static func statistics(_ parts: [Portfolio], _ state: ShardTrainingState) throws
    -> [ShardStatistics]
  {
    try parts.enumerated().map { s, part in
      try ShardTrainer.statistics(part, shard: "\(s + 1)/\(parts.count)", state: state)
    }
  }

  /// A Newton round's statistics are sums at that round's coefficients: those of the round
  /// before (a shard that did not rerun), of a shard left out, of another n or of a training
  /// at another as-of date would give another model, and are refused, the state unchanged.
  @Test func statisticsOfAnEarlierNewtonRoundOrAnIncompleteSetAreRefused() throws {
    let asOf = SampleData.portfolio.asOf
    let three = try Self.parts(3, asOf: asOf)
    var state = ShardTrainingState(asOf: asOf, options: TrainingOptions())
    while state.stage != .newton { try state.absorb(try Self.statistics(three, state)) }
    let firstNewton = try Self.statistics(three, state)
    try state.absorb(firstNewton)
    try #require(state.stage == .newton)
    let rounds = state.rounds
    #expect(throws: ShardTrainingError.otherRoundNumber(shard: "1/3", found: 3, expected: 4)) {
      try state.absorb(firstNewton)
    }
    let current = try Self.statistics(three, state)
    #expect(
      throws: ShardTrainingError.shards(
        "shard 2/3 is missing: a round needs the statistics of all 3 shards")
    ) { try state.absorb([current[0], current[2]]) }
    let two = try Self.statistics(try Self.parts(2, asOf: asOf), state)
    #expect(
      throws: ShardTrainingError.shards(
        "shard 1/2 and shard 2/3 are of different n: the statistics of one round are of the same shards"
      )
    ) { try state.absorb([two[0], current[1], current[2]]) }
    #expect(state.rounds == rounds)
    try state.absorb(current)
    #expect(state.rounds == rounds + 1)

    let earlier = asOf.adding(days: -30)
    let other = ShardTrainingState(asOf: earlier, options: TrainingOptions())
    let otherStats = try Self.statistics(try Self.parts(3, asOf: earlier), other)
    var fresh = ShardTrainingState(asOf: asOf, options: TrainingOptions())
    #expect(
      throws: ShardTrainingError.otherTraining(shard: "1/3", found: earlier, expected: asOf)
    ) { try fresh.absorb(otherStats) }
  }

  /// A file that is not a training state says which command writes one: solve --state-out
  /// (train has no --from-stats option).
  @Test func aFileThatIsNotAStateNamesTheCommandThatWritesOne() throws {
    let bytes = Array(#"{"format": "something else"}"#.utf8)
    #expect {
      try ShardTrainingFiles.state(bytes, path: "model.json")
    } throws: { error in
      let text = "\(error)"
      return text.contains("model.json") && text.contains("(from creditrisk solve --state-out)")
    }
  }
}
