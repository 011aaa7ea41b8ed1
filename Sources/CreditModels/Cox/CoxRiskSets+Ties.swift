import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension CoxRiskSets {
  /// The sums over the tied events of every event time that the scalar sweep needs, with
  /// `S0_k − S0D_k` and `S0D_k` given for each k (see the notation above `CoxRiskSets`).
  ///
  /// With Efron's ties and d_k > 1 events, over l = 0…d_k−1, f_l = l / d_k and
  /// φ_kl = (S0_k − S0D_k) + (1 − f_l) S0D_k:
  ///
  /// ```
  /// logs = Σ_l log φ_kl,  a = Σ_l 1/φ_kl,  b = Σ_l f_l/φ_kl,  α = Σ_l 1/φ_kl²,
  /// ratio = (Σ_l f_l/φ_kl²) / α,  δ = Σ_l (f_l − ratio)²/φ_kl²
  /// ```
  ///
  /// and with one event (or Breslow's ties) `logs = log S0_k` alone. A time's sums depend on
  /// its own two risk-set sums only, so the times are taken on all cores, in runs of about
  /// equal numbers of events; each sum runs over l in order as in one loop, so the values are
  /// the same bits on any number of cores. At a million invoices a day holds a thousand tied
  /// payments or more: a thousand logarithms per event time and evaluation.
  struct TiedSums {
    var logs = 0.0
    var a = 0.0
    var b = 0.0
    var alpha = 0.0
    var ratio = 0.0
    var delta = 0.0
  }

  /// `TiedSums` of every event time for `outside[k] = S0_k − S0D_k` and `tied[k] = S0D_k`.
  /// - Parameter runs: how many runs of event times to cut (default: one per 16,384 tied
  ///   events, at most 8; 1 with Breslow's ties, whose sums are one logarithm).
  func tiedSums(outside: [Double], tied: [Double], runs: Int? = nil) -> [TiedSums] {
    let k = groups
    let efron = ties == .efron
    let total = eventCount.reduce(0, +)
    let pieces = max(
      1, runs ?? (efron ? min(Parallel.maximumChunks, total / Parallel.minimumChunk) : 1))
    // Runs of event times with about equal numbers of tied events (the work of each).
    var ranges: [Range<Int>] = []
    var start = 0
    var seen = 0
    for g in 0..<k where ranges.count < pieces - 1 {
      seen += eventCount[g]
      if seen * pieces >= total * (ranges.count + 1) {
        ranges.append(start..<(g + 1))
        start = g + 1
      }
    }
    ranges.append(start..<k)
    return Parallel.array(count: k, ranges: ranges) { r, slice in
      for (m, g) in ranges[r].enumerated() {
        (slice.baseAddress.unsafelyUnwrapped + m).initialize(
          to: Self.tiedSums(
            before: outside[g], tied: tied[g], events: eventCount[g], efron: efron))
      }
    }.0
  }

  /// The sums of one event time with `d` tied events (see `TiedSums`).
  private static func tiedSums(before: Double, tied: Double, events d: Int, efron: Bool)
    -> TiedSums
  {
    if !efron || d == 1 { return TiedSums(logs: log(before + tied)) }
    var a = 0.0
    var b = 0.0
    var alpha = 0.0
    var beta2 = 0.0
    var logs = 0.0
    for l in 0..<d {
      let f = Double(l) / Double(d)
      let phi = before + (1 - f) * tied
      a += 1 / phi
      b += f / phi
      alpha += 1 / (phi * phi)
      beta2 += f / (phi * phi)
      logs += log(phi)
    }
    let ratio = beta2 / alpha
    var delta = 0.0
    for l in 0..<d {
      let f = Double(l) / Double(d)
      let phi = before + (1 - f) * tied
      delta += (f - ratio) * (f - ratio) / (phi * phi)
    }
    return TiedSums(logs: logs, a: a, b: b, alpha: alpha, ratio: ratio, delta: delta)
  }
}
