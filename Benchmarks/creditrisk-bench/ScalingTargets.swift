/// One of the scaling targets `creditrisk` is held to on a 2-core, 24 GiB machine.
///
/// Each is judged on the runs of `creditrisk-bench scale` it needs; a target whose sizes were
/// not run is not printed. The targets:
/// - peak RSS of `train` and of `score` at most 1 GiB at 10M invoices and 12 GiB at 100M;
/// - `train` + `score` wall time at 10M at most 11 times that at 1M (linear cost);
/// - `train` + `score` wall time at 100M within 5 minutes.
struct ScalingTarget {
  var label: String
  /// What was measured, as printed.
  var measured: String
  var met: Bool

  static func judged(_ runs: [ProcessRun]) -> [ScalingTarget] {
    func run(_ invoices: Int) -> ProcessRun? { runs.first { $0.invoices == invoices } }
    func wall(_ r: ProcessRun) -> Double { r.trainSeconds + r.scoreSeconds }
    var targets: [ScalingTarget] = []
    for (invoices, limitMiB) in [(10_000_000, 1_024.0), (100_000_000, 12_288.0)] {
      guard let r = run(invoices) else { continue }
      targets.append(
        ScalingTarget(
          label: "\(shortCount(invoices)) peak RSS <= \(fixed(limitMiB, 0)) MiB",
          measured: "train \(fixed(r.trainRSS, 0)), score \(fixed(r.scoreRSS, 0))",
          met: r.trainRSS <= limitMiB && r.scoreRSS <= limitMiB))
    }
    if let small = run(1_000_000), let large = run(10_000_000) {
      let ratio = wall(large) / wall(small)
      targets.append(
        ScalingTarget(
          label: "10M wall <= 11x the 1M wall", measured: fixed(ratio, 2) + "x",
          met: ratio <= 11))
    }
    if let r = run(100_000_000) {
      targets.append(
        ScalingTarget(
          label: "100M train + score <= 300 s", measured: fixed(wall(r), 1) + " s",
          met: wall(r) <= 300))
    }
    return targets
  }
}

/// Prints each target the runs can judge: what it asks, what was measured, met or not.
func printScalingTargets(_ runs: [ProcessRun]) {
  let targets = ScalingTarget.judged(runs)
  guard !targets.isEmpty else { return }
  print("targets")
  for target in targets {
    print(
      "  " + padRight(target.label, 30) + padRight(target.measured, 28)
        + (target.met ? "met" : "NOT MET"))
  }
}
