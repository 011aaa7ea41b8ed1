import CreditData
import LinearAlgebra
import Testing

@testable import CreditEngine

@Suite("Customer tallies")
struct CustomerTallyTests {
  @Test func typicalInvoiceIsTheMedianAmountAndTheMostFrequentTerms() {
    var odd = [3.0, 1, 2]
    var even = [4.0, 1, 3, 2]
    var none: [Double] = []
    #expect(SampleStatistics.median(sorting: &odd) == 2)
    #expect(SampleStatistics.median(sorting: &even) == 2.5)
    #expect(SampleStatistics.median(sorting: &none) == nil)
    // 30 and 60 are equally frequent: the smaller wins.
    var terms = [60, 30, 45, 60, 30]
    var noTerms: [Int] = []
    #expect(SampleStatistics.mode(sorting: &terms) == 30)
    #expect(SampleStatistics.mode(sorting: &noTerms) == nil)
  }

  // Quickselect against sorting, on small samples full of ties (like invoice amounts), and
  // the mode's sorting fallback beyond 16 distinct values.
  @Test func medianAndModeAgreeWithSorting() {
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for size in 1...60 {
      for distinct in [1, 3, 40] {
        var amounts = (0..<size).map { _ in Double(next(distinct)) * 12.5 }
        let sorted = amounts.sorted()
        let m = size / 2
        let expected = size % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
        #expect(SampleStatistics.median(sorting: &amounts) == expected, "size \(size)")
        // Every order statistic, and the drift's quantiles, by selection as by sorting.
        for k in [0, m, size - 1] {
          var values = Array(amounts.reversed())
          #expect(SampleStatistics.select(k, from: &values) == sorted[k], "size \(size)")
          #expect(values[..<k].allSatisfy { $0 <= sorted[k] })
          #expect(values[(k + 1)...].allSatisfy { $0 >= sorted[k] })
        }
        for p in [0.1, 0.5, 0.9] {
          var values = amounts
          #expect(
            PopulationProfile.quantile(selecting: &values, p)
              == PopulationProfile.quantile(sortedValues: sorted, p))
        }

        var terms = (0..<size).map { _ in 15 * next(distinct) }
        var counts: [Int: Int] = [:]
        for t in terms { counts[t, default: 0] += 1 }
        let top = counts.values.max()!
        let mode = counts.filter { $0.value == top }.keys.min()
        #expect(SampleStatistics.mode(sorting: &terms) == mode, "size \(size)")
      }
    }
  }

  /// The tally counts a customer's payment record invoice by invoice as the feature sweep
  /// counts it from the customer's events up to the as-of date (the paces to the sweep's
  /// `Float` precision), at the sample's as-of date and at one in the middle of it.
  @Test func paymentRecordIsTheSweepsAtTheDayAfterTheAsOfDate() {
    for portfolio in SampleData.atTwoDates {
      let builder = FeatureBuilder()
      let issued = IssuedInvoices(portfolio)
      let tallies = CustomerTally.all(portfolio, issued: issued, volumeLookbackDays: 365)
      var events: [FeatureBuilder.Event] = []
      var keys: [UInt64] = []
      var scratch: [FeatureBuilder.Event] = []
      var lateSeen = 0
      for (c, tally) in tallies.enumerated() {
        _ = builder.customerEvents(
          portfolio, .issued(issued), customer: c, into: &events, keys: &keys,
          scratch: &scratch)
        var state = FeatureBuilder.SweepState()
        for e in events { state.apply(e) }
        let (swept, counted) = (state.record, tally.record)
        #expect(
          [swept.issued, swept.known, swept.late, swept.paid]
            == [counted.issued, counted.known, counted.late, counted.paid], "customer \(c)")
        #expect(swept.sumDaysLate == counted.sumDaysLate && swept.lastLate == counted.lastLate)
        #expect(abs(swept.sumPace - counted.sumPace) <= 1e-6 * Double(max(swept.paid, 1)))
        lateSeen += counted.late
      }
      #expect(lateSeen > 0)
    }
  }
}

@Suite("Design built from raw features")
struct FeatureDesignTests {
  // The design's finiteness is checked while it is written, so the fits can skip their scan;
  // a non-finite raw value must leave it unmarked (and the fits then name the row).
  @Test func designIsMarkedFiniteOnlyWhenEveryEntryIs() {
    let width = NumericFeature.allCases.count
    let rows = 40
    var values = (0..<(rows * width)).map { Double(($0 * 37) % 11) + 0.5 * Double($0 % width) }
    let regions = (0..<rows).map { ["EMEA", "APAC", "LATAM"][$0 % 3] }
    let industries = (0..<rows).map { ["Retail", "Wholesale"][$0 % 2] }
    let spec = FeatureSpec(
      raw: RawFeatures(storage: values, count: rows), regions: regions, industries: industries)
    let finite = spec.design(
      raw: RawFeatures(storage: values, count: rows), regions: regions, industries: industries,
      intercept: true
    ).design
    #expect(finite.knownFinite)
    #expect(finite.selecting(rows: [3, 1]).knownFinite)
    values[7 * width] = .infinity
    let infinite = spec.design(
      raw: RawFeatures(storage: values, count: rows), regions: regions, industries: industries,
      intercept: true
    ).design
    #expect(!infinite.knownFinite)
  }

  // Training makes the design in the raw features' own storage, the intercept and the
  // categories kept as levels. From compact rows and from rows laid out inside wider ones, over
  // several row chunks, with and without a dropped (constant) feature, its rows must be the
  // copied design's bit for bit, with the same scaling.
  @Test func designMadeInPlaceEqualsTheCopiedDesign() {
    let width = NumericFeature.allCases.count
    let rows = 50_000
    let levels = ["EMEA", "APAC", "LATAM", "NA"]
    let regions = Categorical(values: (0..<rows).map { levels[($0 * 7) % 4] })
    let industries = Categorical(values: (0..<rows).map { ["Retail", "Wholesale"][$0 % 2] })
    let wide = width + 3
    for constant in [nil, NumericFeature.hasCreditLimit] {
      var state: UInt64 = 11
      var compact = [Double](repeating: 0, count: rows * width)
      var laidOut = [Double](repeating: .nan, count: rows * wide)
      for i in 0..<rows {
        for f in 0..<width {
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          let v = f == constant?.position ? 1 : Double(state >> 11) * 0x1p-53 * Double(f + 1)
          compact[i * width + f] = v
          laidOut[i * wide + 1 + f] = v
        }
      }
      let raw = RawFeatures(storage: compact, count: rows)
      let inRows = RawFeatures(storage: laidOut, count: rows, rowStride: wide, firstColumn: 1)
      #expect(inRows[.logTenure, 17] == raw[.logTenure, 17])
      let spec = FeatureSpec(raw: raw, regions: regions, industries: industries)
      #expect(FeatureSpec(raw: inRows, regions: regions, industries: industries) == spec)
      #expect(spec.dropped == (constant.map { [$0.name] } ?? []))
      let copied = spec.design(raw: raw, regions: regions, industries: industries, intercept: true)
      for source in [raw, inRows] {
        let inPlace = spec.design(reusing: source, regions: regions, industries: industries)
        #expect(inPlace.design.features == copied.design.features)
        #expect(inPlace.design.observations == rows)
        #expect(inPlace.design.knownFinite && copied.design.knownFinite)
        #expect(inPlace.unseenLevels == copied.unseenLevels)
        // Only the numeric features are stored; the intercept and categories are levels.
        #expect(inPlace.design.storage.count == rows * spec.numeric.count)
        #expect(inPlace.design.levels != nil && copied.design.levels == nil)
        let full = inPlace.design.storingEveryColumn()
        #expect(full.storage.map(\.bitPattern) == copied.design.storage.map(\.bitPattern))
        #expect(inPlace.design[rows - 1, 0] == 1 && inPlace.design[17, 3] == copied.design[17, 3])
      }
    }
  }
}
