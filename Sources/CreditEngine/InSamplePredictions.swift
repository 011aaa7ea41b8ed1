import CreditData
import CreditModels

/// The delinquency model's predictions on its own training rows, with their outcomes: the
/// data of the report's in-sample diagnostics.
struct InSamplePredictions: Sendable {
  /// P(late) at issue of each training invoice.
  var probabilities: [Double]
  /// 1 = late, 0 = not (0 too where the outcome is not known yet), weighing 1 where the
  /// delinquency outcome is known, else 0.
  var targets: BinaryTargets
  /// Days from issue to payment or to the as-of date, and whether paid by then.
  var durations: [Double]
  var events: [Bool]

  /// PD at issue against the known outcomes, and the Kaplan-Meier curve of time to payment of
  /// each risk grade at issue (open invoices censored at the as-of date).
  /// - Throws: `FitError` if a Kaplan-Meier fit fails (it cannot on valid histories).
  func diagnostics(policy: CreditPolicy, asOf: Day) throws -> ModelDiagnostics {
    var probabilities: [Double] = []
    var outcomes: [Double] = []
    let late = targets.outcomes
    let known = targets.weights ?? [Double](repeating: 1, count: late.count)
    for i in known.indices where known[i] > 0 {
      probabilities.append(self.probabilities[i])
      outcomes.append(late[i])
    }
    let curves = try Scorer.paymentCurves(
      grades: self.probabilities.map { policy.grade(pd: $0) }, order: policy.gradeNames,
      durations: durations, events: events)
    return ModelDiagnostics(
      source:
        "in-sample: \(outcomes.count) training invoices with a known outcome as of \(asOf)",
      probabilities: probabilities, outcomes: outcomes, paymentCurves: curves)
  }
}
