import ArgumentParser
import CreditEngine
import CreditModels

/// The model settings of `train` (and of `solve`, which trains from shard statistics).
struct TrainingSettingsOptions: ParsableArguments {
  @Option(help: "Days past due that count as seriously late (the delinquency target).")
  var lateDays: Int = DelinquencyRule.defaultLateDays

  @Option(help: "Ridge penalty of the delinquency model on standardised features.")
  var l2: Double = 1.0

  @Option(help: "Cox tie handling: efron or breslow.")
  var ties: CoxProportionalHazards.TieMethod = .efron

  func validate() throws {
    try OptionRange.check("--late-days", lateDays, in: 1...OptionRange.days, unit: " days")
    try OptionRange.check("--l2", l2, in: 0...1e6)
  }

  /// The training options these settings give (the input hash left to the caller).
  var options: TrainingOptions {
    var options = TrainingOptions()
    options.rule = DelinquencyRule(lateDays: lateDays)
    options.l2 = l2
    options.ties = ties
    options.version = CreditRisk.version
    return options
  }
}
