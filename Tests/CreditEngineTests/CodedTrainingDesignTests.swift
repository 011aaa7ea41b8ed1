import CreditData
import Foundation
import LinearAlgebra
import Testing

@testable import CreditEngine

/// Training keeps the features of whole-number values as 16-bit codes on large histories
/// (`FeatureSpec.codedDesignRows`), from the sweep to the fits; its features, design and
/// model must be those made without codes, bit for bit.
@Suite("Training designs with coded features")
struct CodedTrainingDesignTests {
  /// The IBM sample's training invoices placed in risk-set order, and the builder that makes
  /// their features.
  static func placed(asOf: String) throws -> (Portfolio, InvoicePlacement, FeatureBuilder) {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: try #require(Day(iso: asOf)))
    let (placement, builder) = try placed(portfolio)
    return (portfolio, placement, builder)
  }

  /// `portfolio`'s training invoices placed in risk-set order, and their feature builder.
  static func placed(_ portfolio: Portfolio) throws -> (InvoicePlacement, FeatureBuilder) {
    let rule = DelinquencyRule(lateDays: 30)
    let sample = try TrainingSample(portfolio, rule: rule)
    let placement = try #require(
      InvoicePlacement(portfolio, invoices: sample.rows, at: sample.positions()))
    var builder = FeatureBuilder(rule: rule)
    builder.population = builder.populationCounts(portfolio)
    return (placement, builder)
  }

  // The coded sweep's features are the plain sweep's; the spec, the drift profile and the
  // design written out are the same. In the IBM sample every invoice has 30 days' terms and
  // no customer a credit limit: both are fixed (kept once, no code a row), and left out of
  // the design (constant) with a plain feature, so the design keeps 5 codes and 6 Doubles.
  @Test func codedFeaturesAndDesignEqualThePlainOnes() throws {
    let (portfolio, placement, builder) = try Self.placed(asOf: "2013-06-30")
    let plain = builder.features(portfolio, placement)
    let coded = builder.features(portfolio, placement, coding: true)
    let layout = try #require(coded.coded)
    #expect(
      layout.features == [.disputed, .paperless, .logPriorInvoices, .logDaysSinceLate, .logTenure])
    #expect(layout.fixed == [.terms, .hasCreditLimit] && layout.fixedValues == [1, 0])
    #expect(coded.storage.count == coded.count * 7 && layout.codes.count == coded.count * 5)
    for row in 0..<plain.count {
      for feature in NumericFeature.allCases {
        #expect(coded[feature, row].bitPattern == plain[feature, row].bitPattern)
      }
    }
    let (regions, industries) = portfolio.categories(placement)
    let spec = FeatureSpec(raw: plain, regions: regions, industries: industries)
    #expect(FeatureSpec(raw: coded, regions: regions, industries: industries) == spec)
    #expect(spec.dropped == ["terms_30", "utilisation", "has_credit_limit"])
    let rows = PopulationProfile.recentRows(placement, portfolio)
    #expect(
      PopulationProfile(
        raw: coded, features: spec.numeric, regions: regions, industries: industries, rows: rows)
        == PopulationProfile(
          raw: plain, features: spec.numeric, regions: regions, industries: industries,
          rows: rows))
    let x = spec.design(reusing: plain, regions: regions, industries: industries)
    let c = spec.design(reusing: coded, regions: regions, industries: industries)
    let columns = try #require(c.design.coded)
    #expect(columns.positions.count == 5 && c.design.storage.count == coded.count * 6)
    #expect(c.design.knownFinite && c.unseenLevels == x.unseenLevels)
    #expect(
      c.design.storingEveryColumn().storage.map(\.bitPattern)
        == x.design.storingEveryColumn().storage.map(\.bitPattern))
    let beta = (0..<x.design.features).map { 0.01 * Double($0) - 0.1 }
    #expect(Self.linearPredictor(c.design, beta) == Self.linearPredictor(x.design, beta))
  }

  /// The design's linear predictor, a tile of rows at a time: each row in the same BLAS call
  /// whether the design is coded or not (`multiplied(by:)` splits the rows in chunks that
  /// depend on the cores free, and a row's sum can differ in its last bit between calls of
  /// different sizes).
  static func linearPredictor(_ x: DesignMatrix, _ beta: [Double]) -> [Double] {
    var eta = [Double](repeating: 0, count: x.observations)
    eta.withUnsafeMutableBufferPointer { out in
      beta.withUnsafeBufferPointer { b in
        for start in stride(from: 0, to: x.observations, by: DesignMatrix.tileRows) {
          x.linearPredictor(
            rows: start..<min(start + DesignMatrix.tileRows, x.observations),
            columns: 0..<x.features, beta: b.start, into: out.start + start)
        }
      }
    }
    return eta
  }

  // The credit limit flag is fixed only when it has one value over the training rows: kept
  // as a code a row when some customers have a limit and some not, fixed at 1 when all do.
  @Test func creditLimitFlagIsFixedOnlyWhenItHasOneValue() throws {
    let history = try EngineFixtures.ibm()
    let asOf = try #require(Day(iso: "2013-06-30"))
    let ids = history.customerIDs
    let half = Dictionary(
      uniqueKeysWithValues: ids.enumerated().map {
        ($1, CustomerInfo(creditLimit: $0 % 2 == 0 ? 5_000 : nil))
      })
    let every = Dictionary(uniqueKeysWithValues: ids.map { ($0, CustomerInfo(creditLimit: 5_000)) })
    for (limits, fixed) in [(half, false), (every, true)] {
      let portfolio = Portfolio(history: history, customers: limits, asOf: asOf)
      let (placement, builder) = try Self.placed(portfolio)
      let plain = builder.features(portfolio, placement)
      let coded = builder.features(portfolio, placement, coding: true)
      let layout = try #require(coded.coded)
      #expect(layout.fixed == (fixed ? [.terms, .hasCreditLimit] : [.terms]))
      #expect(layout.features.contains(.hasCreditLimit) == !fixed)
      #expect(layout.codes.count == coded.count * layout.features.count)
      let flags = Set((0..<plain.count).map { plain[.hasCreditLimit, $0] })
      #expect(flags == (fixed ? [1] : [0, 1]))
      for row in 0..<plain.count {
        for feature in NumericFeature.allCases {
          #expect(coded[feature, row].bitPattern == plain[feature, row].bitPattern)
        }
      }
      try expectSameModel(portfolio)
    }
  }

  // A model trained with the features coded is the model trained without, byte for byte
  // (IBM at two cutoffs, and the sample history with its customers' credit limits).
  @Test(arguments: ["2013-06-30", "2013-09-30"])
  func codedTrainingGivesTheSameModel(asOf: String) throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: try #require(Day(iso: asOf)))
    try expectSameModel(portfolio)
  }

  @Test func codedTrainingGivesTheSameModelWithCreditLimits() throws {
    try expectSameModel(SampleData.portfolio)
  }

  private func expectSameModel(_ portfolio: Portfolio) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let plain = try encoder.encode(Trainer().train(portfolio))
    var trainer = Trainer()
    trainer.codingFrom = 0
    let coded = try encoder.encode(trainer.train(portfolio))
    #expect(coded == plain)
  }
}
