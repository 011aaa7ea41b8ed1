import CreditModels
import LinearAlgebra
import TestSupport
import Testing

/// A design shared with the logistic and Weibull fits carries an intercept column; Cox must
/// give exactly the same fit when told to leave that column out.
@Test func coxIgnoresTheInterceptColumnItIsGiven() throws {
  let csv = try NumericCSV.read(fixturesDirectory() + "/data/rossi.csv")
  let names = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
  let columns = names.map { NumericCSV.column($0, header: csv.header, columns: csv.columns) }
  let durations = NumericCSV.column("week", header: csv.header, columns: csv.columns)
  let events = NumericCSV.column("arrest", header: csv.header, columns: csv.columns).map { $0 != 0 }
  let ones = [Double](repeating: 1, count: durations.count)
  let model = CoxProportionalHazards()
  let plain = try model.fit(
    DesignMatrix(columns: columns), durations: durations, events: events, featureNames: names)
  for position in [0, 3, names.count] {
    var withIntercept = columns
    withIntercept.insert(ones, at: position)
    let shared = try model.fit(
      DesignMatrix(columns: withIntercept), durations: durations, events: events,
      featureNames: names, skippingColumn: position)
    #expect(shared.coefficients == plain.coefficients)
    #expect(shared.standardErrors == plain.standardErrors)
    #expect(shared.logLikelihood == plain.logLikelihood)
    #expect(shared.concordance == plain.concordance)
    #expect(shared.baseline.cumulativeHazard == plain.baseline.cumulativeHazard)
  }
}
