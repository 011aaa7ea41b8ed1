import ArgumentParser
import CreditEngine

/// `--max-model-age`, shared by the commands that score with a given model.
struct ModelAgeOption: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Warn when the model was trained more than this many days before the as-of date.",
      valueName: "days"))
  var maxModelAge: Int = RunWarnings.defaultMaxModelAgeDays

  func validate() throws {
    try OptionRange.check("--max-model-age", maxModelAge, in: 0...36_500, unit: " days")
  }
}

/// Prints each warning as a `warning:` line on standard error.
func printWarnings(_ warnings: [String]) {
  for w in warnings { note("warning: \(w)") }
}
