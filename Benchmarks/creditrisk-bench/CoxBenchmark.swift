import CreditModels
import Dispatch
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Times `CoxProportionalHazards.fit` (Efron ties) on simulated payment-time data and prints
/// the median wall time and the Newton iterations.
///
/// Data (seeded, reproducible): x ~ N(0, 1), β_j = 0.3 (−1)^j / √p, durations = days to
/// payment from an exponential hazard with rate 0.05 exp(x β), rounded up to whole days and
/// capped at `distinctTimes` days; about 15 % of rows are censored at a uniform day.
func runCoxBenchmark(
  rows: Int = 1_000_000, features: Int = 16, distinctTimes: Int = 100, repetitions: Int = 5
) {
  var random = SplitMix64(seed: 0x5EED)

  let beta = (0..<features).map { j in 0.3 * (j % 2 == 0 ? 1 : -1) / Double(features).squareRoot() }
  var storage = [Double](repeating: 0, count: rows * features)
  var durations = [Double](repeating: 0, count: rows)
  var events = [Bool](repeating: false, count: rows)
  let cap = Double(distinctTimes)
  for i in 0..<rows {
    var eta = 0.0
    for j in 0..<features {
      let v = random.normal()
      storage[i * features + j] = v
      eta += v * beta[j]
    }
    let t = min(cap, (-log(random.uniform()) / (0.05 * exp(eta))).rounded(.up))
    let censored = random.uniform() < 0.15
    durations[i] = censored ? min(t, (random.uniform() * cap).rounded(.up)) : t
    events[i] = !censored && t < cap
  }
  let x = DesignMatrix(observations: rows, features: features, storage: storage)
  let names = (0..<features).map { "x\($0)" }

  var seconds: [Double] = []
  var iterations = 0
  for _ in 0..<repetitions {
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      let fit = try CoxProportionalHazards().fit(
        x, durations: durations, events: events, featureNames: names)
      iterations = fit.iterations
    } catch {
      print("cox: fit failed: \(error)")
      return
    }
    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  seconds.sort()
  let median = seconds[seconds.count / 2]
  print(
    "cox efron: \(rows) rows x \(features) features, \(Set(durations).count) distinct days,"
      + " \(events.filter { $0 }.count) events: median \((median * 1000).rounded() / 1000) s"
      + " over \(repetitions) runs, \(iterations) Newton iterations (\(BLAS.backend))")
}
