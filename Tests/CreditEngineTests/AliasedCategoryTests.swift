import CreditData
import CreditEngine
import CreditReport
import TestSupport
import Testing

@testable import CreditEngine

/// Industry levels that the region alone tells apart on the training invoices get no column:
/// training runs where the design would have collinear columns no user can drop, and gives
/// the model of a history without the industry.
@Suite("Industry levels the region tells apart")
struct AliasedCategoryTests {
  static func levels(_ pairs: [String: [String: Int]]) -> (
    regions: CategoryLevels, industries: CategoryLevels, aliased: [AliasedLevel]
  ) {
    var regions: [String: Int] = [:]
    var industries: [String: Int] = [:]
    for (region, row) in pairs {
      for (industry, n) in row {
        regions[region, default: 0] += n
        industries[industry, default: 0] += n
      }
    }
    return FeatureSpec.categoryLevels(regions: regions, industries: industries, pairs: pairs)
  }

  @Test func oneIndustryPerRegionAndBackIsAliased() {
    let l = Self.levels([
      "NA": ["Technology": 300], "EMEA": ["Retail": 200], "APAC": ["Healthcare": 100],
    ])
    #expect(l.regions.levels == ["APAC", "EMEA"])
    #expect(l.industries.baseline == "Technology")
    #expect(l.industries.levels.isEmpty)
    #expect(l.industries.pooled == ["Healthcare", "Retail"])
    #expect(
      l.aliased == [
        AliasedLevel(level: "Healthcare", regions: ["APAC"]),
        AliasedLevel(level: "Retail", regions: ["EMEA"]),
      ])
  }

  @Test func twoIndustriesOnlyInOneRegionLoseTheRarerColumn() {
    // EMEA's rows are Retail's and Wholesale's together: region=EMEA = Retail + Wholesale.
    let l = Self.levels([
      "NA": ["Technology": 300, "Energy": 50], "EMEA": ["Retail": 120, "Wholesale": 80],
      "APAC": ["Technology": 40, "Energy": 30],
    ])
    #expect(l.industries.levels == ["Energy", "Retail"])
    #expect(l.aliased == [AliasedLevel(level: "Wholesale", regions: ["EMEA"])])
  }

  @Test func crossedCategoriesKeepEveryColumn() {
    let l = Self.levels([
      "NA": ["Technology": 300, "Retail": 20], "EMEA": ["Retail": 200, "Technology": 15],
      "APAC": ["Healthcare": 100, "Retail": 12],
    ])
    #expect(l.aliased.isEmpty)
    #expect(l.industries.levels == ["Healthcare", "Retail"])
    #expect(l.industries.pooled.isEmpty)
  }

  @Test func aRegionBaselineWithItsOwnIndustryIsAliasedToo() {
    // NA (the region baseline) only with Retail, and Retail only in NA: the intercept is
    // Retail's column plus region=NA's, which has none.
    let l = Self.levels([
      "NA": ["Retail": 400], "EMEA": ["Technology": 200, "Healthcare": 50],
      "APAC": ["Technology": 300, "Healthcare": 60],
    ])
    #expect(l.regions.baseline == "NA")
    #expect(l.industries.baseline == "Technology")
    #expect(l.aliased == [AliasedLevel(level: "Retail", regions: ["NA"])])
  }

  @Test func pooledRareLevelsJoinTheirBaselinesNode() {
    // Mining (5 rows) is pooled with Technology, so EMEA is tied to the baseline through it.
    let l = Self.levels([
      "NA": ["Technology": 300], "EMEA": ["Retail": 200, "Mining": 5],
    ])
    #expect(l.industries.pooled == ["Mining"])
    #expect(l.aliased.isEmpty)
  }

  /// The sample's history alone (no customers file), its industry set from each invoice's
  /// region, or to one value.
  static func sample(industry: (String) -> String) throws -> Portfolio {
    var history = try HistoryLoader.load(path: repositoryRoot() + "/datasets/history.csv")
    let regions = try #require(history.region)
    history.industry = Categorical(
      values: regions.codes.map { industry(regions.levels[Int($0)]) })
    return Portfolio(history: history, customers: [:])
  }

  static func aliasedModel() throws -> TrainedModel {
    let byRegion = [
      "EMEA": "Retail", "NA": "Technology", "APAC": "Healthcare", "LATAM": "Construction",
    ]
    return try Trainer().train(try sample { byRegion[$0] ?? "Other" })
  }

  @Test func theTrainingSummarySaysWhichLevelsHaveNoColumn() throws {
    let text = TrainingSummary.render(try Self.aliasedModel())
    #expect(
      text.contains(
        "industry Construction, Healthcare, Retail: no column of their own, scored like "
          + "Technology: in training the region alone tells them apart (Construction with LATAM "
          + "only; Healthcare with APAC only; Retail with EMEA only)"))
  }

  @Test func trainingGivesTheModelWithoutTheIndustry() throws {
    let aliased = try Self.aliasedModel()
    let without = try Trainer().train(try Self.sample { _ in "" })
    #expect(aliased.features.industryLevels.isEmpty)
    #expect(
      aliased.features.aliasedIndustryLevels?.map(\.level) == [
        "Construction", "Healthcare", "Retail",
      ])
    #expect(aliased.features.columnNames == without.features.columnNames)
    for (a, b) in [
      (aliased.delinquency.coefficients, without.delinquency.coefficients),
      (aliased.timeToPaymentCox.coefficients, without.timeToPaymentCox.coefficients),
      (aliased.timeToPaymentWeibull.coefficients, without.timeToPaymentWeibull.coefficients),
    ] {
      #expect(a.count == b.count)
      #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
    }
  }
}
