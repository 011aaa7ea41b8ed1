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
    let rule = DelinquencyRule(lateDays: 30)
    let sample = try TrainingSample(portfolio, rule: rule)
    let placement = try #require(
      InvoicePlacement(portfolio, invoices: sample.rows, at: sample.positions()))
    var builder = FeatureBuilder(rule: rule)
    builder.population = builder.populationCounts(portfolio)
    return (portfolio, placement, builder)
  }

  // The coded sweep's features are the plain sweep's; the spec, the drift profile and the
  // design written out are the same. The IBM sample leaves out two coded features and a
  // plain one (constant in it), so the design keeps 5 codes and 6 Doubles a row.
  @Test func codedFeaturesAndDesignEqualThePlainOnes() throws {
    let (portfolio, placement, builder) = try Self.placed(asOf: "2013-06-30")
    let plain = builder.features(portfolio, placement)
    let coded = builder.features(portfolio, placement, coding: true)
    let layout = try #require(coded.coded)
    #expect(
      layout.features == [
        .terms, .disputed, .paperless, .logPriorInvoices, .logDaysSinceLate, .hasCreditLimit,
        .logTenure,
      ])
    #expect(coded.storage.count == coded.count * 7 && layout.codes.count == coded.count * 7)
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
    #expect(c.design.multiplied(by: beta) == x.design.multiplied(by: beta))
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
