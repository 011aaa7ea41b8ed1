import Testing

@testable import CreditSimulation

@Suite("Simulation settings")
struct SimulationSettingsTests {
  /// The configuration's and the collections model's checks name the first bad setting and
  /// say what it must be, in the message the command prints.
  @Test func aBadSettingIsNamedWithWhatItMustBe() {
    let base = SimulationConfiguration(customerCount: 10, invoiceCount: 100, seed: 5)
    var noCustomers = base
    noCustomers.customerCount = 0
    var distressed = base
    distressed.distressedShare = 2
    var promises = base
    promises.collections.promiseShare = 1.5
    var discount = base
    discount.collections.discountDays = 0
    let cases: [(SimulationConfiguration, String, String)] = [
      (noCustomers, "customer count", "must be at least 1"),
      (distressed, "distressed share", "must be between 0 and 1"),
      (promises, "promise share", "must be between 0 and 1"),
      (discount, "discount", "needs at least 1 day and a percent in (0, 100)"),
    ]
    for (config, setting, reason) in cases {
      #expect(throws: SimulationError.invalidSetting(setting: setting, reason: reason)) {
        try config.validate()
      }
    }
    #expect(
      "\(SimulationError.invalid("customer count", "must be at least 1"))"
        == "invalid customer count: must be at least 1")
    #expect(throws: Never.self) { try base.validate() }
  }
}
