import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Times `WeibullAFT.fit` on a seeded simulated design and prints the median wall time per fit
/// and the Newton iterations.
///
/// Data (seeded, reproducible): an intercept and `features − 1` standard normal features,
/// log λ = 3.5 + x·β with β_j = 0.4 (−1)^j / √p, shape ρ = 1.4, T = λ (−log U)^(1/ρ),
/// censored at an independent exponential time with mean 3 e^3.5 (about a quarter of the rows
/// censored).
func runWeibullBenchmark(rows: Int = 1_000_000, features: Int = 21, repetitions: Int = 5) {
  let p = features
  var random = SplitMix64(seed: 0xAF7)

  let slopes = (1..<p).map { j in 0.4 * (j % 2 == 0 ? 1 : -1) / Double(p).squareRoot() }
  let rho = 1.4
  let censorMean = 3 * exp(3.5)
  var storage = [Double](repeating: 1, count: rows * p)
  var durations = [Double](repeating: 0, count: rows)
  var events = [Bool](repeating: false, count: rows)
  for i in 0..<rows {
    var eta = 3.5
    for j in 1..<p {
      let v = random.normal()
      storage[i * p + j] = v
      eta += slopes[j - 1] * v
    }
    let t = exp(eta) * pow(-log(random.uniform()), 1 / rho)
    let c = -log(random.uniform()) * censorMean
    durations[i] = min(t, c)
    events[i] = t <= c
  }
  let x = DesignMatrix(observations: rows, features: p, storage: storage)
  let names = ["Intercept"] + (1..<p).map { "x\($0)" }

  print(
    "weibull aft: \(rows) x \(p), \(events.filter { $0 }.count) events, \(BLAS.backend),"
      + " \(repetitions) repetitions")
  var times: [Double] = []
  var last: WeibullFit?
  for _ in 0..<repetitions {
    let start = now()
    do {
      last = try WeibullAFT().fit(
        x, durations: durations, events: events, featureNames: names, interceptIndex: 0)
    } catch {
      print("  fit failed: \(error)")
      return
    }
    times.append((now() - start) * 1e3)
  }
  guard let fit = last else { return }
  let median = medianOf(times)
  print(
    "  fit: median \(fixed(median, 1)) ms, \(fit.iterations) iterations"
      + " (\(fixed(median / Double(fit.iterations), 1)) ms per iteration incl. setup),"
      + " rule \(fit.convergenceRule.rawValue)")
  print(
    "  log-likelihood \(fit.logLikelihood), log ρ \(fit.logRho),"
      + " max |gradient| \(fit.maxAbsGradient)")
  print("  times: " + times.map { fixed($0, 1) }.joined(separator: " ") + " ms")
}
