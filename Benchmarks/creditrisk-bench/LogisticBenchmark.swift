@_spi(Benchmarks) import CreditModels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Times logistic regression on a seeded random design and prints median times in ms.
///
/// The design has an intercept and `features − 1` independent uniform features of unit
/// variance; outcomes are drawn from a logistic model with coefficients alternating ±0.3 / √p.
/// Reported: one Newton iteration (the fused pass over X plus the Cholesky solve), the weighted
/// Gram `XᵀWX` alone for comparison (a pass without η, μ or the score), and a full fit
/// (rank check + all iterations) with its per-iteration mean.
func runLogisticBenchmark(rows: Int = 1_000_000, features: Int = 32, repetitions: Int = 10) {
  let p = features
  var random = SplitMix64(seed: 20_261_122)
  let truth = (0..<p).map { j in (j % 2 == 0 ? 0.3 : -0.3) / Double(p).squareRoot() }
  var storage = [Double](repeating: 1, count: rows * p)
  var y = [Double](repeating: 0, count: rows)
  let halfWidth = 3.0.squareRoot()
  for i in 0..<rows {
    var eta = truth[0]
    for j in 1..<p {
      let v = (2 * random.uniform() - 1) * halfWidth
      storage[i * p + j] = v
      eta += truth[j] * v
    }
    y[i] = random.uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
  }
  let x = DesignMatrix(observations: rows, features: p, storage: storage)
  let names = ["Intercept"] + (1..<p).map { "x\($0)" }
  let model = LogisticRegression()
  let clock = ContinuousClock()
  func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
  }
  func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  print("logistic regression: \(rows) x \(p), \(BLAS.backend), \(repetitions) repetitions")
  var beta = [Double](repeating: 0, count: p)
  var iterationTimes: [Double] = []
  var sink = 0.0
  for _ in 0..<repetitions {
    let start = clock.now
    guard let result = try? model.newtonIteration(x, y, coefficients: beta, interceptIndex: 0)
    else {
      print("  information matrix not positive definite")
      return
    }
    iterationTimes.append(milliseconds(clock.now - start))
    sink += result.logLikelihood
    // Walk towards the optimum so later repetitions see realistic weights.
    for j in 0..<p { beta[j] += result.step[j] }
  }
  print("  Newton iteration (fused pass + solve): median \(format(median(iterationTimes))) ms")

  let weights = [Double](repeating: 0.25, count: rows)
  var gramTimes: [Double] = []
  for _ in 0..<repetitions {
    let start = clock.now
    sink += x.gram(weights: weights)[0, 0]
    gramTimes.append(milliseconds(clock.now - start))
  }
  print("  weighted Gram XᵀWX alone:             median \(format(median(gramTimes))) ms")

  var fitTimes: [Double] = []
  var perIteration: [Double] = []
  for _ in 0..<max(1, repetitions / 3) {
    let start = clock.now
    guard let fit = try? model.fit(x, y, featureNames: names, interceptIndex: 0) else {
      print("  fit failed")
      return
    }
    let ms = milliseconds(clock.now - start)
    fitTimes.append(ms)
    perIteration.append(ms / Double(fit.iterations))
    sink += fit.logLikelihood
  }
  print(
    "  full fit: median \(format(median(fitTimes))) ms"
      + " (\(format(median(perIteration))) ms per iteration incl. rank check)")
  if sink.isNaN { print("  (unexpected NaN)") }
}

private func format(_ value: Double) -> String {
  String(Int((value * 10).rounded()) / 10) + "." + String(Int((value * 10).rounded()) % 10)
}
