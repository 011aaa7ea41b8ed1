import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// Evaluation of the Cox partial log-likelihood, its gradient and its information matrix.
//
// Goals, in order of priority:
// 1. Exactly the Efron (or Breslow) partial likelihood of lifelines/statsmodels/R, weighted
//    as lifelines weights it.
// 2. Numerical safety: covariates are centred where it matters (the second moments), exp(η)
//    is shifted by max η (no overflow), and Efron's denominators are formed without
//    cancellation.
// 3. About one pass over X per iteration, parallel over row chunks, deterministic.
//
// Layout. Rows are sorted by duration, descending, events first within a duration. Let
// e₁ > e₂ > … > e_K be the distinct event times. Group k holds the rows with
// e_k ≤ T < e_{k-1}: they join the risk set at e_k and stay in it for every later (smaller)
// event time. Within group k the events at e_k are one contiguous segment. Rows with T < e_K
// are in no risk set and drop out of the fit ("inactive"); the active rows are a prefix.
//
// Sums. With r_i = w_i exp(η_i − c) (c = max η), S0_k = Σ_{groups ≤ k} Σ r, the event sums
// S0D_k, S1D_k = Σ_{events at e_k} r x, d_k events of total weight W_k, ω_k = W_k / d_k and
// Efron's fractions f_l = l / d_k (l = 0…d_k−1; f_l = 0 for Breslow):
//
//   φ_kl = S0_k − f_l S0D_k
//   ℓ    = Σ_events w η − Σ_k ω_k Σ_l log φ_kl − c Σ_k W_k
//   ∇ℓ   = Σ_events w x − Σ_k ω_k Σ_l (S1_k − f_l S1D_k) / φ_kl
//   −∇²ℓ = Σ_k ω_k Σ_l [(S2_k − f_l S2D_k) / φ_kl − z_kl z_klᵀ],  z_kl = (S1_k − f_l S1D_k) / φ_kl
//
// The second moments never need to be formed per group. With a_k = Σ_l 1/φ_kl,
// b_k = Σ_l f_l/φ_kl and A_g = Σ_{k ≥ g} ω_k a_k (every event time whose risk set holds group
// g), exchanging the sums gives one weighted Gram matrix over the rows:
//
//   Σ_k ω_k (a_k S2_k − b_k S2D_k) = Σ_i c_i x_i x_iᵀ,   c_i = r_i (A_g(i) − [event] ω_g b_g) ≥ 0
//
// and likewise the first moments collapse to ∇ℓ = Xᵀ(w∘E − c). Only S0 (scalars) is needed
// to form c, so an iteration is: pass 1, η = X β and r (one read of X); scalar work per group;
// pass 2, the weighted Gram (tiles scaled by √c into a cache-resident buffer, one dsyrk per
// tile), the gradient and the per-group S1 sums, fused in one read of X. The outer products
// Σ_l z zᵀ use α = Σ 1/φ², β = Σ f/φ², δ = Σ (f − β/α)²/φ²:
//
//   Σ_l z_kl z_klᵀ = α (S1 − (β/α) S1D)(S1 − (β/α) S1D)ᵀ + δ S1D S1Dᵀ
//
// i.e. at most two rows per event time, added with dsyrk after the per-group S1 are known.

/// Training data sorted into risk-set groups, ready for repeated evaluation.
struct CoxRiskSets: Sendable {
  /// Features.
  let p: Int
  /// Rows in at least one risk set (a prefix of the sorted order).
  let active: Int
  /// Active rows, sorted, as given (not centred): feature j of row m is `x[m, columns[j]]`
  /// (the rows may be those of a wider design, read in place).
  let x: DesignMatrix
  let columns: Range<Int>
  /// Column means of the active rows.
  ///
  /// Pass 2 centres each row on the fly (the information's sums of squares then do not
  /// cancel); pass 1 does not need it, since the partial likelihood does not change when
  /// every η moves by the same x̄ β.
  let mean: [Double]
  /// Case weights of the rows; nil when every weight is 1 (no array of ones to hold: a
  /// product with 1 is the other factor exactly, so the sums are the same bits).
  let weights: [Double]?
  let isEvent: [Bool]
  /// Group k is rows `groupStart[k] ..< groupStart[k + 1]`; its events come first.
  let groupStart: [Int]
  /// Events of positive weight at each event time (Efron's d_k).
  let eventCount: [Int]
  /// Total weight of the events at each event time.
  let eventWeight: [Double]
  let ties: CoxProportionalHazards.TieMethod

  var groups: Int { eventWeight.count }

  /// Per-β quantities from pass 1 and the scalar sweep over groups.
  struct State: Sendable {
    var beta: [Double]
    /// Shifted relative risks `w exp(η − shift)` of the active rows (empty once taken).
    var risk: [Double]
    var shift: Double
    /// Log partial likelihood (unpenalised).
    var logLikelihood: Double
    /// Shifted risk-set sums `S0_k`.
    var riskSetSum: [Double]
    /// The part of `S0_k` outside the events at `e_k` (`S0_k − S0D_k`, formed without
    /// cancellation): ≈ 0 relative to `S0_k` when those events dominate their risk set.
    var riskOutsideEvents: [Double]
    /// Row factors: `c_i = r_i * (event ? eventFactor : restFactor)[group]`.
    var restFactor: [Double]
    var eventFactor: [Double]
    /// Outer-product coefficients: `ω α`, `β / α`, `ω δ`.
    var zScale: [Double]
    var zRatio: [Double]
    var zResidual: [Double]

    /// `risk`, emptied here, for the next evaluation to write over: only pass 2 at this state
    /// (`derivatives`) reads it, so once that is made the state does not need it.
    mutating func takeRisk() -> [Double] {
      var taken: [Double] = []
      swap(&taken, &risk)
      return taken
    }
  }

  /// Index of the group holding active row `m`.
  func group(of m: Int) -> Int {
    var lo = 0
    var hi = groups
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if groupStart[mid] <= m { lo = mid } else { hi = mid }
    }
    return lo
  }

  // MARK: - Pass 1 and the scalar sweep

  /// The log partial likelihood at `beta` and everything pass 2 needs.
  /// - Parameter storage: an earlier state's risks (`State.takeRisk`), written over when
  ///   they are as many as the rows, so that a fit holds one array of risks, not one a state.
  /// - Complexity: O(n p) for `X β`, O(n + events) for the rest.
  func evaluate(_ beta: [Double], reusing storage: consuming [Double] = []) -> State {
    let n = active
    // η = X β, turned into the shifted risks w exp(η − shift) in place below: one buffer,
    // each chunk first touching its own part. At β = 0 (the null model) every η is 0: no pass
    // over X.
    let null = p == 0 || beta.allSatisfy { $0 == 0 }
    var risk = storage
    if risk.count != n {
      // (Every value is written below before it is read.)
      risk = [Double](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
    }
    let maxima: [Double] = risk.withUnsafeMutableBufferPointer { buffer in
      let out = SendablePointer(buffer.start)
      return beta.withUnsafeBufferPointer { b in
        Parallel.map(n) { r in
          if null {
            (out.pointer + r.lowerBound).update(repeating: 0, count: r.count)
            return 0
          }
          x.linearPredictor(
            rows: r, columns: columns, beta: b.start, into: out.pointer + r.lowerBound)
          var m = -Double.infinity
          for i in r { m = Swift.max(m, out.pointer[i]) }
          return m
        }
      }
    }
    let shift = maxima.max() ?? 0

    // Shifted risks, per-group sums over events and over the other rows, Σ_events w η.
    struct Partial {
      var firstGroup: Int
      var eventSum: [Double]
      var restSum: [Double]
      var weightedEta: Double
    }
    let partials: [Partial] = risk.withUnsafeMutableBufferPointer { rp in
      let out = SendablePointer(rp.start)
      return Parallel.map(n) { r in
        let g0 = group(of: r.lowerBound)
        let g1 = group(of: r.upperBound - 1)
        var part = Partial(
          firstGroup: g0, eventSum: [Double](repeating: 0, count: g1 - g0 + 1),
          restSum: [Double](repeating: 0, count: g1 - g0 + 1), weightedEta: 0)
        var g = g0
        var m = r.lowerBound
        while m < r.upperBound {
          while groupStart[g + 1] <= m { g += 1 }
          let end = Swift.min(r.upperBound, groupStart[g + 1])
          var ev = 0.0
          var rest = 0.0
          for i in m..<end {
            let eta = out.pointer[i]
            let wi = weights?[i] ?? 1
            let ri = wi * exp(eta - shift)
            out.pointer[i] = ri
            if isEvent[i] {
              ev += ri
              part.weightedEta += wi * eta
            } else {
              rest += ri
            }
          }
          part.eventSum[g - g0] += ev
          part.restSum[g - g0] += rest
          m = end
        }
        return part
      }
    }
    var eventSum = [Double](repeating: 0, count: groups)
    var restSum = [Double](repeating: 0, count: groups)
    var weightedEta = 0.0
    for part in partials {
      for k in part.eventSum.indices {
        eventSum[part.firstGroup + k] += part.eventSum[k]
        restSum[part.firstGroup + k] += part.restSum[k]
      }
      weightedEta += part.weightedEta
    }

    // Sweep over event times, largest first.
    var state = State(
      beta: beta, risk: risk, shift: shift, logLikelihood: 0,
      riskSetSum: [Double](repeating: 0, count: groups),
      riskOutsideEvents: [Double](repeating: 0, count: groups),
      restFactor: [Double](repeating: 0, count: groups),
      eventFactor: [Double](repeating: 0, count: groups),
      zScale: [Double](repeating: 0, count: groups), zRatio: [Double](repeating: 0, count: groups),
      zResidual: [Double](repeating: 0, count: groups))
    var omegaA = [Double](repeating: 0, count: groups)
    var omegaB = [Double](repeating: 0, count: groups)
    var cumulative = 0.0
    var logTerm = 0.0
    var totalEventWeight = 0.0
    for k in 0..<groups {
      // φ_l = S0 − f S0D = (risk set without the tied events) + (1 − f) S0D, no cancellation.
      let before = cumulative + restSum[k]
      let tied = eventSum[k]
      cumulative = before + tied
      state.riskSetSum[k] = cumulative
      state.riskOutsideEvents[k] = before
      let d = eventCount[k]
      let w = eventWeight[k]
      totalEventWeight += w
      if ties == .breslow || d == 1 {
        let phi = cumulative
        logTerm += w * log(phi)
        omegaA[k] = w / phi
        state.zScale[k] = w / (phi * phi)
      } else {
        let omega = w / Double(d)
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
        logTerm += omega * logs
        omegaA[k] = omega * a
        omegaB[k] = omega * b
        state.zScale[k] = omega * alpha
        state.zRatio[k] = ratio
        state.zResidual[k] = omega * delta
      }
    }
    var suffix = 0.0
    for k in stride(from: groups - 1, through: 0, by: -1) {
      suffix += omegaA[k]
      state.restFactor[k] = suffix
      state.eventFactor[k] = suffix - omegaB[k]
    }
    state.logLikelihood = weightedEta - logTerm - shift * totalEventWeight
    return state
  }

  // MARK: - Pass 2

  /// The gradient and the information matrix (full symmetric) at `state.beta`.
  /// - Complexity: O(n p²) arithmetic in dsyrk, one read of X; O(K p²) for the outer products.
  func derivatives(_ state: State) -> (gradient: [Double], information: Matrix) {
    BLAS.useSingleThreadedKernels()
    let partials = rowSums(state)
    let tileRows = DesignMatrix.tileRows
    var gram = partials[0].gram
    var gradient = partials[0].gradient
    var eventS1 = [Double](repeating: 0, count: groups * p)
    var restS1 = [Double](repeating: 0, count: groups * p)
    for (c, part) in partials.enumerated() {
      if c > 0 {
        for k in 0..<(p * p) { gram[k] += part.gram[k] }
        for j in 0..<p { gradient[j] += part.gradient[j] }
      }
      let base = part.firstGroup * p
      for k in part.eventS1.indices {
        eventS1[base + k] += part.eventS1[k]
        restS1[base + k] += part.restS1[k]
      }
    }

    // Σ_k ω_k Σ_l z zᵀ, two rows per event time, through dsyrk.
    var outer = [Double](repeating: 0, count: p * p)
    var tile = [Double](repeating: 0, count: tileRows * p)
    var filled = 0
    var s1 = [Double](repeating: 0, count: p)
    func flush() {
      guard filled > 0 else { return }
      tile.withUnsafeBufferPointer { t in
        outer.withUnsafeMutableBufferPointer { o in
          BLAS.syrkUpper(
            n: p, k: filled, alpha: 1, a: t.start, lda: p, beta: 1, c: o.start,
            ldc: p)
        }
      }
      filled = 0
    }
    for k in 0..<groups {
      for j in 0..<p { s1[j] += restS1[k * p + j] + eventS1[k * p + j] }
      let scale = state.zScale[k].squareRoot()
      let ratio = state.zRatio[k]
      for j in 0..<p { tile[filled * p + j] = scale * (s1[j] - ratio * eventS1[k * p + j]) }
      filled += 1
      if state.zResidual[k] > 0 {
        let residual = state.zResidual[k].squareRoot()
        for j in 0..<p { tile[filled * p + j] = residual * eventS1[k * p + j] }
        filled += 1
      }
      if filled + 2 > tileRows { flush() }
    }
    flush()

    var information = Matrix(rows: p, columns: p)
    for j in 0..<p {
      for i in 0...j { information[i, j] = gram[i + j * p] - outer[i + j * p] }
    }
    information.symmetrizeFromUpper()
    return (gradient, information)
  }
}
