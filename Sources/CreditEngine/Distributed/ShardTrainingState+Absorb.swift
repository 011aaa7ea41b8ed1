import CreditData
import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Statistics that do not belong to the state's round.
public enum ShardTrainingError: Error, CustomStringConvertible, Equatable {
  /// A shard's statistics are for another round.
  case wrongRound(shard: String, found: String, expected: String)
  /// A shard's statistics are for an earlier or later round of the same kind (a Newton
  /// round's sums at another round's coefficients), by round number.
  case otherRoundNumber(shard: String, found: Int, expected: Int)
  /// A shard's statistics are for a training as of another date.
  case otherTraining(shard: String, found: Day, expected: Day)
  /// No statistics were given, the same shard twice, shards of different n or a shard
  /// missing.
  case shards(String)

  public var description: String {
    switch self {
    case .wrongRound(let shard, let found, let expected):
      return
        "shard \(shard): statistics of the '\(found)' round; expected the '\(expected)' round (run the shards with the current state file)"
    case .otherRoundNumber(let shard, let found, let expected):
      return
        "shard \(shard): statistics of round \(found); expected round \(expected) (run the shards with the current state file)"
    case .otherTraining(let shard, let found, let expected):
      return
        "shard \(shard): statistics of a training as of \(found.isoString); this state is as of \(expected.isoString) (run the shards with the current state file)"
    case .shards(let detail): return detail
    }
  }
}

extension ShardTrainingState {
  /// Adds up the shards' statistics for this round and moves to the next one.
  /// - Throws: `ShardTrainingError` (statistics of another round, a shard twice),
  ///   `TrainingError` when the whole sample cannot train the models, `FitError` from the
  ///   fits.
  public mutating func absorb(_ shards: [ShardStatistics]) throws {
    guard !shards.isEmpty else { throw ShardTrainingError.shards("no shard statistics given") }
    for s in shards where s.stage != stage {
      throw ShardTrainingError.wrongRound(
        shard: s.shard, found: s.stage.rawValue, expected: stage.rawValue)
    }
    for s in shards where s.asOf != asOf {
      throw ShardTrainingError.otherTraining(shard: s.shard, found: s.asOf, expected: asOf)
    }
    for s in shards where s.round != rounds + 1 {
      throw ShardTrainingError.otherRoundNumber(
        shard: s.shard, found: s.round, expected: rounds + 1)
    }
    let names = shards.map(\.shard)
    if let twice = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
      throw ShardTrainingError.shards("shard \(twice) is given twice")
    }
    try Self.checkComplete(names)
    switch stage {
    case .population: try settlePopulation(shards)
    case .moments: settleFeatures(shards)
    case .newton: try step(shards)
    case .final: try assemble(shards)
    case .done: return
    }
    rounds += 1
  }

  /// Refuses shards `i/n` that are not all of one n, or that leave a shard of it out: the
  /// sums of a round are over every customer.
  static func checkComplete(_ names: [String]) throws {
    var shards: [CustomerShard] = []
    for name in names {
      guard let shard = CustomerShard(argument: name) else {
        throw ShardTrainingError.shards("shard '\(name)' is not i/n with 1 <= i <= n")
      }
      if let first = shards.first, first.count != shard.count {
        throw ShardTrainingError.shards(
          "shard \(first.description) and shard \(name) are of different n: the statistics of one round are of the same shards"
        )
      }
      shards.append(shard)
    }
    guard let n = shards.first?.count else { return }
    let given = Set(shards.map(\.index))
    if let missing = (0..<n).first(where: { !given.contains($0) }) {
      throw ShardTrainingError.shards(
        "shard \(missing + 1)/\(n) is missing: a round needs the statistics of all \(n) shards"
      )
    }
  }

  /// Round 1: the sample's counts (checked as `TrainingSample` checks one history), the
  /// population counts and the category levels' rows.
  mutating func settlePopulation(_ shards: [ShardStatistics]) throws {
    let sample = shards.compactMap(\.sample).reduce(into: SampleTotals()) { $0.add($1) }
    let total = sample.counts
    guard total.used >= 10 else { throw TrainingError.tooFewInvoices(total.used, asOf: asOf) }
    guard total.events > 0 else { throw TrainingError.noPayments(asOf: asOf) }
    guard total.labelled > 0 else {
      throw TrainingError.noKnownOutcomes(asOf: asOf, lateDays: options.lateDays, firstDue: nil)
    }
    guard total.late > 0, total.late < Double(total.labelled) else {
      throw TrainingError.oneOutcomeOnly(
        late: Int(total.late), labelled: total.labelled, lateDays: options.lateDays)
    }
    self.sample = sample
    stage = .moments
  }

  /// Round 2: the scaling, and the three fits' starting points (those of the single-machine
  /// fits: the null logistic model, the exponential Weibull, β = 0 for Cox).
  mutating func settleFeatures(_ shards: [ShardStatistics]) {
    guard let sample else { preconditionFailure("moments before the population round") }
    let counts = sample.counts
    let moments = shards.compactMap(\.moments).dropFirst().reduce(
      shards.compactMap(\.moments)[0]
    ) { $0.adding($1) }
    let levels = FeatureSpec.categoryLevels(pairs: sample.pairs)
    let spec = FeatureSpec(
      rows: moments.rows, means: moments.means, squares: moments.squares,
      regions: levels.regions, industries: levels.industries, aliased: levels.aliased)
    features = spec
    let p = 1 + spec.columnNames.count
    let mean = counts.late / Double(counts.labelled)
    var start = [Double](repeating: 0, count: p)
    start[0] = log(mean / (1 - mean))
    logistic = NewtonProgress(start: start)
    var weibullStart = [Double](repeating: 0, count: p + 1)
    weibullStart[0] = log(counts.time / Double(counts.events))
    weibull = NewtonProgress(start: weibullStart, damping: true)
    cox = NewtonProgress(start: [Double](repeating: 0, count: p - 1))
    stage = .newton
  }

  /// A Newton round: each unfinished model takes its summed statistics.
  mutating func step(_ shards: [ShardStatistics]) throws {
    guard var logistic, var weibull, var cox else { preconditionFailure("no fits") }
    let l2 = options.l2
    if !logistic.isFinished {
      let sums = total(shards.compactMap(\.logistic), count: logistic.trial.count)
      var h = sums.informationMatrix
      var g = sums.gradient
      var penalty = 0.0
      let beta = logistic.trial
      for j in 1..<beta.count {
        h[j, j] += l2
        g[j] -= l2 * beta[j]
        penalty += 0.5 * l2 * beta[j] * beta[j]
      }
      try logistic.advance(
        objective: sums.logLikelihood - penalty, logLikelihood: sums.logLikelihood, gradient: g,
        information: h)
    }
    if !weibull.isFinished {
      let sums = total(shards.compactMap(\.weibull), count: weibull.trial.count)
      try weibull.advance(
        objective: sums.logLikelihood, gradient: sums.gradient,
        information: sums.informationMatrix)
    }
    if !cox.isFinished {
      let sums = coxTotal(shards, p: cox.trial.count).evaluate(
        beta: cox.trial, ties: options.ties)
      try cox.advance(
        objective: sums.logLikelihood, gradient: sums.gradient,
        information: sums.informationMatrix)
    }
    self.logistic = logistic
    self.weibull = weibull
    self.cox = cox
    if logistic.isFinished, weibull.isFinished, cox.isFinished { stage = .final }
  }

  func total(_ sums: [NewtonSums], count: Int) -> NewtonSums {
    sums.reduce(into: NewtonSums.zero(count)) { $0.add($1) }
  }

  func coxTotal(_ shards: [ShardStatistics], p: Int) -> CoxShardSums {
    shards.compactMap(\.cox).reduce(CoxShardSums(p: p)) { $0.adding($1) }
  }
}
