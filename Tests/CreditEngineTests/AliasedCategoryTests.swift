import CreditData
import CreditEngine
import CreditReport
import LinearAlgebra
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
    FeatureSpec.categoryLevels(pairs: pairs)
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

/// Numeric features that other columns fix on every training invoice are left out (R's
/// aliased coefficients), where training stopped at collinear columns.
@Suite("Features other columns fix")
struct DependentFeatureTests {
  /// The sample with credit limits for the EMEA customers only: `has_credit_limit` is then
  /// `region=EMEA` on every invoice.
  static func limitsInEMEAOnly() throws -> Portfolio {
    let root = repositoryRoot()
    let history = try HistoryLoader.load(path: root + "/datasets/history.csv")
    var customers = CustomerInfo.byID(
      try CustomerLoader.load(path: root + "/datasets/customers.csv"))
    for (id, info) in customers where info.region != "EMEA" { customers[id]?.creditLimit = nil }
    return Portfolio(history: history, customers: customers)
  }

  @Test func aFeatureThatRestatesARegionIsLeftOut() throws {
    let model = try Trainer().train(try Self.limitsInEMEAOnly())
    #expect(
      model.features.dependentFeatures == [
        DependentFeature(feature: "has_credit_limit", columns: ["region=EMEA"])
      ])
    #expect(!model.features.numeric.map { $0.name }.contains("has_credit_limit"))
    #expect(model.features.regionLevels.contains("EMEA"))
    #expect(
      TrainingSummary.render(model).contains(
        "left out (fixed by other columns on every training invoice): has a credit limit "
          + "(by region: EMEA)"))
  }

  /// The sample's last three months (issued after 2025-10-01): no invoice whose outcome is
  /// known by the as-of date had a late invoice of its customer before it, so the days since
  /// the last late payment are the same on each; they vary only on invoices too recent to know.
  static func lastThreeMonths() throws -> Portfolio {
    let text = try String(contentsOfFile: EngineFixtures.samplePath, encoding: .utf8)
    let lines = text.split(separator: "\n")
    let kept = lines.dropFirst().filter { $0.split(separator: ",")[2] > "2025-10-01" }
    let csv = ([lines[0]] + kept).joined(separator: "\n") + "\n"
    return Portfolio(
      history: try HistoryLoader.parse(bytes: Array(csv.utf8), fileName: "history.csv"))
  }

  @Test func aFeatureTheSameOnEveryKnownOutcomeIsLeftOut() throws {
    let model = try Trainer().train(try Self.lastThreeMonths())
    #expect(
      model.features.dependentFeatures == [
        DependentFeature(feature: "log_days_since_late", columns: [])
      ])
    #expect(!model.features.numeric.map { $0.name }.contains("log_days_since_late"))
    #expect(
      TrainingSummary.render(model).contains(
        "left out (the same on every invoice with a known outcome): days since the last late "
          + "payment (log)"))
  }

  /// A design of an intercept, two features and one category column, its Gram matrix.
  static func gram(_ rows: [[Double]]) -> Matrix {
    let p = rows[0].count
    var g = Matrix(rows: p, columns: p)
    for r in rows { for a in 0..<p { for b in a..<p { g[a, b] += r[a] * r[b] } } }
    return g
  }

  @Test func theLaterOfTwoDependentColumnsGoesCategoriesFirst() throws {
    let spec = try Trainer().train(SampleData.portfolio).features
    let q = spec.numeric.count
    let p = 1 + spec.columnNames.count
    // Rows: intercept, numeric features (noise), categories; numeric feature 2 is
    // 3 + 2 × the first category column, feature 0 is 1.5 × feature 1 − 4.
    // Spread values, the same every run.
    func spread(_ i: Int, _ j: Int) -> Double { Double((i * 7919 + j * 104_729) % 1000) / 500 - 1 }
    let rows = (0..<400).map { i -> [Double] in
      var row = [Double](repeating: 0, count: p)
      row[0] = 1
      for j in 1...q { row[j] = spread(i, j) }
      if p > q + 1 { row[q + 1] = i % 3 == 0 ? 1 : 0 }
      row[3] = 3 + 2 * row[q + 1]
      row[1] = 1.5 * row[2] - 4
      return row
    }
    let found = spec.dependentNumeric(Self.gram(rows))
    #expect(found.map(\.column) == [2, 3])
    #expect(found.first { $0.column == 3 }?.of == [q + 1])
    #expect(found.first { $0.column == 2 }?.of == [1])
    // Off by noise of 1e-3 of a column's spread: kept.
    let noisy = rows.enumerated().map { i, r -> [Double] in
      var r = r
      r[3] += 1e-3 * spread(i, 101)
      r[1] += 1e-3 * spread(i, 103)
      return r
    }
    #expect(spec.dependentNumeric(Self.gram(noisy)).isEmpty)
  }
}
