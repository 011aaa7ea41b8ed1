import CreditData
import Testing

@testable import CreditEngine

/// Population drift: PSI arithmetic, the training profile kept in the model, and warnings on
/// a shifted book but not on the book the model was trained on.
@Suite("Population drift")
struct PopulationDriftTests {
  /// Four equal bins against 10/20/30/40%: Σ (a − e) ln(a/e) =
  /// −0.15·ln 0.4 − 0.05·ln 0.8 + 0.05·ln 1.2 + 0.15·ln 1.6 = 0.2282174095733918 (by hand,
  /// checked with Python's math.log).
  @Test func psiOfEqualBinsMatchesTheHandComputedValue() {
    let psi = PopulationDrift.psi(
      expected: [0.25, 0.25, 0.25, 0.25], actual: [0.1, 0.2, 0.3, 0.4])
    #expect(abs(psi - 0.22821740957339182) < 1e-15)
    #expect(PopulationDrift.psi(expected: [0.25, 0.75], actual: [0.25, 0.75]) == 0)
  }

  /// An empty training bin counts as ε = 0.0001: 2 · (−0.1 · ln 0.8) + (0.2 − 0.0001) ·
  /// ln(0.2 / 0.0001) = 1.5640491119253044.
  @Test func anEmptyBinCountsAsEpsilon() {
    #expect(PopulationDrift.epsilon == 0.0001)
    let psi = PopulationDrift.psi(expected: [0.5, 0.5, 0], actual: [0.4, 0.4, 0.2])
    #expect(abs(psi - 1.5640491119253044) < 1e-14)
  }

  /// Bin counts against counting each value's cut points below it, on every row and on
  /// chosen rows, with values on the cut points and beyond both ends.
  @Test func binCountsCountTheCutPointsBelowEachValue() {
    let width = NumericFeature.allCases.count
    let rows = 70_000
    let storage = (0..<(rows * width)).map { Double(($0 * 7_919) % 23) / 2 - 3 }
    let raw = RawFeatures(storage: storage, count: rows)
    let features: [NumericFeature] = [.logAmount, .terms, .utilisation, .logTenure]
    let cutPoints = [[-1.0, 0, 2.5, 4], [0.5], [], [-2.5, -2, 1, 1.5, 3, 7.5]]
    for selected in [nil, Array(stride(from: 5, to: rows, by: 3))] {
      let counts = PopulationProfile.binCounts(
        raw, features: features, cutPoints: cutPoints, rows: selected)
      for (j, f) in features.enumerated() {
        var expected = [Int](repeating: 0, count: cutPoints[j].count + 1)
        for i in selected ?? Array(0..<rows) {
          expected[cutPoints[j].filter { raw[f, i] > $0 }.count] += 1
        }
        #expect(counts[j] == expected, "\(f)")
      }
    }
  }

  /// Deciles: distinct, below the maximum; a yes/no feature gets one cut at 0.
  @Test func cutPointsAreDistinctDecilesBelowTheMaximum() {
    let values = (1...100).map(Double.init)
    #expect(
      PopulationProfile.cutPoints(sortedValues: values) == [10, 20, 30, 40, 50, 60, 70, 80, 90])
    let flags = [Double](repeating: 0, count: 70) + [Double](repeating: 1, count: 30)
    #expect(PopulationProfile.cutPoints(sortedValues: flags) == [0])
    #expect(PopulationProfile.cutPoints(sortedValues: [3, 3, 3]).isEmpty)
  }

  static let trained: (Portfolio, TrainedModel) = {
    let portfolio = SampleData.portfolio
    do {
      return (portfolio, try Trainer().train(portfolio))
    } catch {
      fatalError("cannot train on the sample: \(error)")
    }
  }()

  @Test func theModelKeepsItsTrainingProfile() throws {
    let (_, model) = Self.trained
    let profile = try #require(model.trainingPopulation)
    #expect(profile.numeric.map(\.feature) == model.features.numeric)
    #expect(profile.categories.map(\.name) == ["region", "industry"])
    for d in profile.numeric {
      #expect(d.proportions.count == d.cutPoints.count + 1)
      #expect(abs(d.proportions.reduce(0, +) - 1) < 1e-12)
      #expect(d.proportions.allSatisfy { $0 > 0 }, "\(d.feature.name): an empty training bin")
    }
    // The last year of the sample's training invoices (about half of its two years).
    #expect(profile.rows > 3_000 && profile.rows < model.metrics.invoicesUsed)
  }

  /// Scored at its own as-of date, the sample does not drift.
  @Test func theTrainingSnapshotDoesNotDrift() throws {
    let (portfolio, model) = Self.trained
    let result = Scorer(model: model).score(portfolio)
    let drift = try #require(result.populationDrift)
    #expect(drift.isJudged)
    #expect(drift.features.count == model.features.numeric.count + 2)
    #expect(drift.drifted.isEmpty, "\(drift.drifted.map { "\($0.feature) \($0.psi)" })")
    let warnings = RunWarnings.scoring(result, portfolio: portfolio, model: model)
    #expect(!warnings.contains { $0.hasPrefix("population drift") })
  }

  /// Every amount × 5: the amounts drift and the warning names the feature, its PSI and the
  /// medians.
  @Test func amountsTimesFiveDrift() throws {
    let (portfolio, model) = Self.trained
    var shifted = portfolio
    shifted.history.amount = portfolio.history.amount.map { $0 * 5 }
    let result = Scorer(model: model).score(shifted)
    let drift = try #require(result.populationDrift)
    let amount = try #require(drift.features.first { $0.feature == "log_amount" })
    #expect(amount.psi > 1, "PSI \(amount.psi)")
    #expect(amount.status == "drifted")
    let warnings = RunWarnings.scoring(result, portfolio: shifted, model: model)
    let line = try #require(warnings.first { $0.hasPrefix("population drift in log_amount") })
    #expect(line.contains("PSI \(PopulationDrift.format(amount.psi)) (above 0.25)"))
    #expect(line.contains("median invoice of"))
    // Region and industry did not move.
    #expect(
      drift.features.filter { ["region", "industry"].contains($0.feature) }.allSatisfy {
        $0.psi < PopulationDrift.watchThreshold
      })
  }

  /// A book of fewer than 100 open invoices is not judged.
  @Test func aSmallBookIsNotJudged() throws {
    let profile = try #require(Self.trained.1.trainingPopulation)
    let raw = RawFeatures(
      storage: [Double](repeating: 3, count: 10 * NumericFeature.allCases.count), count: 10)
    let regions = Categorical(values: [String](repeating: "Nowhere", count: 10))
    let drift = PopulationDrift(profile, raw: raw, regions: regions, industries: regions)
    #expect(!drift.isJudged)
    #expect(drift.drifted.isEmpty && drift.warnings.isEmpty)
    #expect(drift.features.allSatisfy { $0.psi > PopulationDrift.threshold })
  }

  @Test func edgesAndMediansThatReadTheSameAreSaidOnce() {
    // Shrunk late rates packed between 12.6% and 13.4%: the bin 13.1%-13.3% reads "13%" at
    // both ends, and so do both medians.
    let d = NumericDistribution(
      feature: .priorLateRate, cutPoints: [0.126, 0.131, 0.133], proportions: [0.3, 0.3, 0.1, 0.3],
      median: 0.130)
    let drift = FeatureDrift(d, actual: [0.1, 0.1, 0.7, 0.1], median: 0.132)
    #expect(
      drift.moved
        == "median 13% of earlier invoices late in training and now; at about 13% of earlier "
        + "invoices late: 10.0% of training invoices, 70.0% of open invoices")
  }
}
