import CreditData
import CreditModels
import LinearAlgebra

/// One shard's part of a training from statistics: its customers' invoices, evaluated for
/// the round a `ShardTrainingState` says.
///
/// Every feature of an invoice comes from its own customer's history and from the
/// population's outcome counts, which the first round adds up over the shards; so with the
/// state's counts and scaling, a shard builds exactly the design rows the whole history
/// would give its invoices, and its sums are its part of the whole history's.
public enum ShardTrainer {
  /// The statistics of `portfolio` (one shard's customers, at the state's as-of date) for the
  /// state's next round.
  /// - Parameter shard: the shard, as `i/n` (recorded in the statistics).
  public static func statistics(
    _ portfolio: Portfolio, shard: String, state: ShardTrainingState
  ) throws -> ShardStatistics {
    precondition(portfolio.asOf == state.asOf, "the portfolio is at another as-of date")
    let rule = state.options.rule
    let sample = try TrainingSample(portfolio, rule: rule, validating: false)
    var stats = ShardStatistics(
      stage: state.stage, round: state.rounds + 1, asOf: state.asOf, shard: shard)
    var builder = FeatureBuilder(rule: rule, shrinkage: state.options.shrinkage)
    let sortedRows = sample.order.map { sample.rows[$0] }
    switch state.stage {
    case .population:
      let (regions, industries) = (
        portfolio.regions(rows: sortedRows), portfolio.industries(rows: sortedRows)
      )
      stats.sample = SampleTotals(
        counts: counts(portfolio, sample), population: builder.populationCounts(portfolio),
        pairs: FeatureSpec.pairCounts(regions: regions, industries: industries))
      return stats
    case .done:
      return stats
    case .moments, .newton, .final:
      break
    }
    builder.population = state.sample?.population
    let raw = builder.features(portfolio, invoices: sample.rows, outputRows: sample.positions())
    if state.stage == .moments {
      stats.moments = FeatureMoments(raw)
      return stats
    }
    guard let spec = state.features else { preconditionFailure("no features before Newton") }
    let categories = (portfolio.regions(rows: sortedRows), portfolio.industries(rows: sortedRows))
    let x = spec.design(
      raw: raw, regions: categories.0, industries: categories.1, intercept: true
    ).design
    let p = x.features
    if let m = state.logistic, state.stage == .newton, !m.isFinished {
      stats.logistic = LogisticRegression.shardSums(
        x, sample.late, weights: sample.known, coefficients: m.trial)
    }
    if let m = state.logistic, state.stage == .final {
      let pd = x.multiplied(by: m.trial).map(LogisticFit.sigmoid)
      var brier = 0.0
      for i in pd.indices {
        let d = sample.late[i] - pd[i]
        brier += sample.known[i] * d * d
      }
      stats.brier = brier
    }
    if let m = state.weibull, state.stage == .newton, !m.isFinished {
      stats.weibull = WeibullAFT.shardSums(
        x, durations: sample.durations.map { max($0, 0.5) }, events: sample.events,
        coefficients: Array(m.trial[..<p]), logRho: m.trial[p])
    }
    if let m = state.cox, state.stage == .final || !m.isFinished {
      stats.cox = CoxShardSums(
        x, columns: Array(1..<p), durations: sample.durations, events: sample.events,
        beta: m.trial)
    }
    if state.stage == .final {
      stats.rows = rows(portfolio, sample, x, raw: raw, categories: categories, state)
    }
    return stats
  }

  static func counts(_ portfolio: Portfolio, _ sample: TrainingSample) -> SampleCounts {
    SampleCounts(
      invoicesRead: portfolio.history.count, issuedAfterAsOf: sample.issuedAfterAsOf,
      nonPositiveAmounts: sample.nonPositiveAmounts, used: sample.rows.count,
      labelled: sample.labelled, late: sample.lateCount, unknown: sample.unknown,
      events: sample.events.filter { $0 }.count, customers: portfolio.history.customerIDs.count,
      time: sample.durations.reduce(0) { $0 + max($1, 0.5) })
  }

  /// The sample rows of the customers `state.sendsRows(of:)` picks, in risk-set order.
  static func rows(
    _ portfolio: Portfolio, _ sample: TrainingSample, _ x: DesignMatrix, raw: RawFeatures,
    categories: (Categorical, Categorical), _ state: ShardTrainingState
  ) -> SampleRows {
    let h = portfolio.history
    let picked = h.customerIDs.map { state.sendsRows(of: $0) }
    let yearStart = state.asOf.adding(days: -PopulationProfile.recentDays)
    var rows = SampleRows(columns: x.features)
    for m in 0..<x.observations {
      let k = sample.rows[sample.order[m]]
      guard picked[Int(h.customerIndex[k])] else { continue }
      rows.raw += NumericFeature.allCases.map { raw[$0, m] }
      rows.regions.append(categories.0[m])
      rows.industries.append(categories.1[m])
      rows.recent.append(h.issueDate[k] > yearStart)
      rows.design += x.storage[(m * x.features)..<((m + 1) * x.features)]
      rows.durations.append(sample.durations[m])
      rows.events.append(sample.events[m])
      rows.late.append(sample.late[m])
      rows.known.append(sample.known[m])
      rows.recentOutcome.append(sample.recentOutcome[m])
      rows.neverPays.append(h.writtenOff[k] && portfolio.paidByAsOf(k) == nil)
      rows.customers.append(h.customerIDs[Int(h.customerIndex[k])])
      rows.issueDays.append(h.issueDate[k].rawValue)
      rows.dueDays.append(h.dueDate[k].rawValue)
      rows.paidDays.append(portfolio.paidByAsOf(k)?.rawValue)
    }
    return rows
  }
}
