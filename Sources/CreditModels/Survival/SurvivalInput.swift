/// The input checks the survival fits share (Kaplan-Meier and Cox).
enum SurvivalInput {
  /// Checks that every duration is finite and ≥ 0 and every weight (if any) finite and ≥ 0;
  /// rows are numbered from 0 in the messages.
  /// - Returns: the number of rows with positive weight (all of them without weights).
  /// - Throws: `FitError.invalidInput` naming the first row with a bad duration, then the
  ///   first with a bad weight.
  static func checkDurationsAndWeights(_ durations: [Double], weights: [Double]?) throws -> Int {
    for i in durations.indices where !(durations[i].isFinite && durations[i] >= 0) {
      throw FitError.invalidInput(
        "duration at row \(i) is \(durations[i]); durations must be finite and non-negative")
    }
    return try DesignRank.positiveRows(weights, count: durations.count) { i, w in
      .invalidInput("weight at row \(i) is \(w); weights must be finite and non-negative")
    }
  }
}
