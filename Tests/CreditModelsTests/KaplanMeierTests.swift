import CreditModels
import Foundation
import TestSupport
import Testing

// Golden values: Tests/Fixtures/golden/kaplan_meier_*.json (scripts/golden/generate.py,
// lifelines KaplanMeierFitter). Band values below: lifelines 0.30.3,
// `KaplanMeierFitter().fit(df.week, df.arrest).confidence_interval_` on rossi.csv.

@Suite("Kaplan-Meier")
struct KaplanMeierTests {
  static func load(_ name: String) throws -> (golden: [String: Any], curve: KaplanMeierCurve) {
    let (golden, durations, events) = try sample(name)
    return (golden, try KaplanMeier().fit(durations: durations, events: events))
  }

  /// A golden file's values and the durations and events of its data set.
  static func sample(_ name: String) throws -> (
    golden: [String: Any], durations: [Double], events: [Bool]
  ) {
    let url = URL(fileURLWithPath: fixturesDirectory() + "/golden/" + name)
    let golden =
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    let (header, columns) = try NumericCSV.read(
      fixturesDirectory() + "/data/" + (golden["dataset"] as? String ?? ""))
    let durations = NumericCSV.column(
      golden["duration"] as? String ?? "", header: header, columns: columns)
    let events = NumericCSV.column(
      golden["event"] as? String ?? "", header: header, columns: columns
    )
    .map { $0 != 0 }
    return (golden, durations, events)
  }

  static func numbers(_ v: Any?) -> [Double] { (v as? [Any] ?? []).map(SurvivalFixture.double) }

  @Test(
    "matches lifelines KaplanMeierFitter",
    arguments: [
      "kaplan_meier_rossi_lifelines.json", "kaplan_meier_lung_lifelines.json",
    ])
  func golden(file: String) throws {
    let (golden, curve) = try Self.load(file)
    #expect(curve.timeline == Self.numbers(golden["timeline"]))
    #expect(curve.atRisk == Self.numbers(golden["at_risk"]))
    #expect(curve.events == Self.numbers(golden["events"]))
    #expect(curve.censored == Self.numbers(golden["censored"]))
    #expect(maxRelativeError(curve.survival, Self.numbers(golden["survival"])) <= 1e-12)
    #expect(curve.median == SurvivalFixture.double(golden["median_survival_time"]))
  }

  @Test func exponentialGreenwoodBand() throws {
    let (_, curve) = try Self.load("kaplan_meier_rossi_lifelines.json")
    let expected: [(t: Double, s: Double, lower: Double, upper: Double)] = [
      (1, 0.9976851851851845, 0.9836825045751392, 0.9996736025368231),
      (10, 0.9652777777777775, 0.9430645979599901, 0.9789209970666007),
      (30, 0.8611111111111105, 0.8247865403695618, 0.8904078160671426),
      (52, 0.7361111111111108, 0.6918597157964872, 0.7750631833746743),
    ]
    for e in expected {
      guard let k = curve.timeline.firstIndex(of: e.t) else {
        Issue.record("missing time \(e.t)")
        continue
      }
      #expect(isClose(curve.survival[k], e.s, rtol: 1e-12))
      #expect(isClose(curve.lower[k], e.lower, rtol: 1e-10))
      #expect(isClose(curve.upper[k], e.upper, rtol: 1e-10))
      #expect(curve.survival(at: e.t + 0.5) == curve.survival[k])
    }
    #expect(curve.survival(at: -1) == 1)
    #expect(curve.lower[0] == 1 && curve.upper[0] == 1)
    // Greenwood's variance of S is S² times the variance of log S.
    #expect(
      curve.variance[5] == curve.survival[5] * curve.survival[5] * curve.varianceOfLogSurvival[5])
  }

  @Test func weightsEqualReplication() throws {
    let durations: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0]
    let events = [true, false, true, true, false, true, true, false, true, true, false, true]
    let weights: [Double] = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]
    var rows: [Int] = []
    for i in durations.indices { rows += [Int](repeating: i, count: Int(weights[i])) }
    let weighted = try KaplanMeier().fit(durations: durations, events: events, weights: weights)
    let replicated = try KaplanMeier().fit(
      durations: rows.map { durations[$0] }, events: rows.map { events[$0] })
    #expect(weighted.timeline == replicated.timeline)
    #expect(weighted.atRisk == replicated.atRisk)
    #expect(maxRelativeError(weighted.survival, replicated.survival) < 1e-14)
    // A duration of 0 lands in lifelines' t = 0 row.
    #expect(weighted.timeline[0] == 0 && weighted.events[0] == 3)
  }

  /// `median` is the fit's median to the bit: weighted ratios as the open-date correction
  /// fits them (continuous, censored, fractional weights), a median at 0, and one that is
  /// never reached.
  @Test func medianAloneIsTheFitsMedian() throws {
    var state: UInt64 = 7
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    for n in [1, 2, 5, 60, 700] {
      let durations = (0..<n).map { _ in (uniform() * 400).rounded() / 100 }
      let events = (0..<n).map { _ in uniform() < 0.7 }
      let weights = events.map { $0 ? 1 : uniform() }
      let km = KaplanMeier()
      let fitted = try km.fit(durations: durations, events: events, weights: weights).median
      #expect(
        try km.median(durations: durations, events: events, weights: weights).bitPattern
          == fitted.bitPattern)
      #expect(
        try km.median(durations: durations, events: events)
          == km.fit(durations: durations, events: events).median)
    }
    let km = KaplanMeier()
    #expect(try km.median(durations: [0, 0, 3], events: [true, true, false]) == 0)
    let neverHalf: (durations: [Double], events: [Bool]) = (
      [1, 2, 3, 4], [false, true, false, false]
    )
    #expect(try km.median(durations: neverHalf.durations, events: neverHalf.events) == .infinity)
    #expect(
      try km.fit(durations: neverHalf.durations, events: neverHalf.events).median == .infinity)
    let (golden, lung, status) = try Self.sample("kaplan_meier_lung_lifelines.json")
    #expect(
      try km.median(durations: lung, events: status)
        == SurvivalFixture.double(golden["median_survival_time"]))
    #expect(throws: FitError.self) { try km.median(durations: [], events: []) }
  }

  @Test func invalidDurationsAreReported() {
    #expect {
      try KaplanMeier().fit(durations: [1, -2], events: [true, true])
    } throws: { error in
      guard case FitError.invalidInput(let why) = error else { return false }
      return why.contains("row 1")
    }
  }
}
