import ArgumentParser
import CreditEngine
import CreditModels

/// The model settings of `train` (and of `solve`, which trains from shard statistics).
struct TrainingSettingsOptions: ParsableArguments {
  @OptionGroup var late: LateDaysOption

  @Option(
    parsing: .unconditional,
    help: "Ridge penalty of the delinquency model on standardised features.")
  var l2: Double = Self.defaultL2

  /// The default ridge penalty (`TrainingOptions.l2`).
  static let defaultL2 = TrainingOptions().l2

  @Option(help: "Cox tie handling: efron or breslow.")
  var ties: CoxProportionalHazards.TieMethod = .efron

  func validate() throws {
    try OptionRange.check("--l2", l2, in: 0...1e6)
  }

  /// The training options these settings give (the input hash left to the caller).
  var options: TrainingOptions {
    var options = TrainingOptions()
    options.rule = late.rule
    options.l2 = l2
    options.ties = ties
    options.version = CreditRisk.version
    return options
  }

  /// With `train --shard` the settings are the training state's: one given here must agree.
  func check(against state: ShardTrainingState.Settings, statePath: String) throws {
    let given: [(String, String, String, String)] = [
      (
        "--late-days", "\(late.lateDays)", "\(DelinquencyRule.defaultLateDays)", "\(state.lateDays)"
      ),
      ("--l2", "\(l2)", "\(Self.defaultL2)", "\(state.l2)"),
      (
        "--ties", ties.rawValue, CoxProportionalHazards.TieMethod.efron.rawValue,
        state.ties.rawValue
      ),
    ]
    for (flag, value, standard, stated) in given where value != standard && value != stated {
      throw ValidationError(
        "\(flag) \(value) differs from the training state's \(stated) (\(statePath)); the settings are given to solve when a training starts"
      )
    }
  }
}
