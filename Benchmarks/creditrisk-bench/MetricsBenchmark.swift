import CreditModels

#if canImport(Glibc)
  import Glibc
#endif

/// Times the in-sample metrics of training, `Concordance.counts` and
/// `ClassificationMetrics.auc`, and prints the median wall time of each together with the
/// result (exact counts, the AUC's bit pattern), so runs on different code can be compared
/// for identical output as well as for speed.
///
/// Data (seeded, reproducible): a latent x ~ N(0, 1); durations are whole days
/// `min(730, ⌈−log U / (0.01 eˣ)⌉)`, about 10 % censored at a uniform day no later than the
/// payment; the concordance score is `−(x + ε)` with ε ~ N(0, 0.5²) (continuous, like a
/// predicted median or `−exp(x β)`); the AUC scores are `p = 1 / (1 + e^(1 − x − ε))` with
/// outcomes drawn as Bernoulli(p). The tied variants round the scores to two (concordance) or
/// three (AUC) decimals, a few hundred to a thousand distinct values.
func runMetricsBenchmark(rows: Int = 1_000_000, repetitions: Int = 9) {
  var random = SplitMix64(seed: 0xC0C0)

  var durations = [Double](repeating: 0, count: rows)
  var events = [Bool](repeating: false, count: rows)
  var scores = [Double](repeating: 0, count: rows)
  var probabilities = [Double](repeating: 0, count: rows)
  var outcomes = [Double](repeating: 0, count: rows)
  for i in 0..<rows {
    let x = random.normal()
    let noise = 0.5 * random.normal()
    let t = min(730, (-log(random.uniform()) / (0.01 * exp(x))).rounded(.up))
    let censored = random.uniform() < 0.1
    durations[i] = censored ? (random.uniform() * t).rounded(.down) : t
    events[i] = !censored
    scores[i] = -(x + noise)
    let p = 1 / (1 + exp(1 - x - noise))
    probabilities[i] = p
    outcomes[i] = random.uniform() < p ? 1 : 0
  }
  let tiedScores = scores.map { ($0 * 100).rounded() / 100 }
  let tiedProbabilities = probabilities.map { ($0 * 1000).rounded() / 1000 }

  let (load, cores) = machineLoad()
  print(
    "metrics: \(shortCount(rows)) rows, \(Set(durations).count) distinct days,"
      + " \(events.filter { $0 }.count) events, \(Int(outcomes.reduce(0, +))) positive outcomes,"
      + " \(repetitions) repetitions (load \(fixed(load, 2)) on \(cores) cores)")

  /// Runs `body` `repetitions` times; returns the last result and the times in ms.
  func time<R>(_ body: () -> R) -> (R, [Double]) {
    var times: [Double] = []
    var result: R?
    for _ in 0..<repetitions {
      let start = now()
      result = body()
      times.append((now() - start) * 1e3)
    }
    guard let result else { fatalError("no repetitions") }
    return (result, times)
  }
  func report(_ label: String, _ times: [Double], _ result: String) {
    print(
      "  \(padRight(label, 24)) median \(padLeft(fixed(medianOf(times), 1), 6)) ms"
        + "  (min \(fixed(times.min() ?? .nan, 1)), max \(fixed(times.max() ?? .nan, 1)))  \(result)"
    )
  }

  for (label, s) in [("concordance continuous", scores), ("concordance tied", tiedScores)] {
    let (c, times) = time { Concordance.counts(durations: durations, scores: s, events: events) }
    report(
      label, times,
      "concordant \(c.concordant), tied \(c.tied), admissible \(c.admissible), C \(c.index)")
  }
  for (label, p) in [("auc continuous", probabilities), ("auc tied", tiedProbabilities)] {
    let (auc, times) = time { ClassificationMetrics.auc(scores: p, outcomes: outcomes) }
    let value = auc ?? .nan
    report(label, times, "AUC \(value) (0x\(String(value.bitPattern, radix: 16)))")
  }
}
