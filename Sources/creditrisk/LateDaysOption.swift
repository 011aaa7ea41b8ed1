import ArgumentParser
import CreditEngine

/// `--late-days`, the delinquency target of the commands that train (`train`, `solve`,
/// `backtest`).
struct LateDaysOption: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: "Days past due that count as seriously late (the delinquency target).")
  var lateDays: Int = DelinquencyRule.defaultLateDays

  func validate() throws {
    try OptionRange.check("--late-days", lateDays, in: 1...OptionRange.days, unit: " days")
  }

  /// The delinquency rule of the option.
  var rule: DelinquencyRule { DelinquencyRule(lateDays: lateDays) }
}
