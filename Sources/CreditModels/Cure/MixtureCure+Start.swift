import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension MixtureCure {
  /// The validated rows: log durations, outcomes and the weighted counts that identify the
  /// model.
  struct Rows {
    var logT: [Double]
    var outcome: [CureOutcome]
    /// Payments (rows with positive weight).
    var events: Int
    /// Write-offs (rows with positive weight).
    var neverPays: Int
  }

  /// Checks the user data (typed errors naming the row, numbered from 1); shapes are
  /// preconditions of the caller.
  static func validate(
    z: DesignMatrix, x: DesignMatrix, durations: [Double], events: [Bool], neverPays: [Bool]?,
    weights: [Double]?, incidenceNames: [String], latencyNames: [String]
  ) throws -> Rows {
    let n = durations.count
    let positiveRows = try DesignRank.positiveRows(weights, count: n) { i, w in
      .invalidInput("row \(i + 1): weight must be a finite number >= 0, found \(w)")
    }
    var rows = Rows(
      logT: [Double](repeating: 0, count: n),
      outcome: [CureOutcome](repeating: .open, count: n), events: 0, neverPays: 0)
    var weightOpen = 0.0
    for i in 0..<n {
      let w = weights?[i] ?? 1
      if neverPays?[i] == true {
        guard !events[i] else {
          throw FitError.invalidInput("row \(i + 1) is both paid and written off")
        }
        rows.outcome[i] = .neverPays
        if w > 0 { rows.neverPays += 1 }
        continue
      }
      guard durations[i] > 0 && durations[i].isFinite else {
        throw FitError.invalidInput(
          "row \(i + 1): duration is \(durations[i]); durations must be finite and > 0")
      }
      rows.logT[i] = log(durations[i])
      if events[i] {
        rows.outcome[i] = .paid
        if w > 0 { rows.events += 1 }
      } else {
        weightOpen += w
      }
    }
    for (design, names) in [(z, incidenceNames), (x, latencyNames)] where !design.knownFinite {
      if let bad = design.firstNonFinite() {
        throw FitError.invalidInput(
          "row \(bad.row + 1), feature '\(names[bad.column])': value \(bad.value) is not finite")
      }
    }
    guard rows.events > 0 else {
      throw FitError.invalidInput("no payments (with positive weight): nothing to fit")
    }
    guard rows.neverPays > 0 || weightOpen > 0 else {
      throw FitError.invalidInput(
        "every invoice is paid: the share that never pays cannot be estimated (it is 0);"
          + " fit the Weibull model instead")
    }
    try DesignRank.requireRows(positiveRows, coefficients: z.features + x.features + 1)
    return rows
  }

  /// Starting values `(γ, β, a)`.
  ///
  /// The latency part starts from the Weibull AFT fit to the payments alone (every payer's
  /// time is then observed, so there is no cure to confuse it with; it is biased toward short
  /// times, which Newton corrects). The incidence intercept starts at the share of payers that
  /// EM gives with that latency and no covariates: π ← (W_paid + Σ_open w q) / W with
  /// `q = σ(logit π − H(t))` the posterior payer probability of an open invoice; 50 of these
  /// O(n) iterations cost less than one Newton step. Other incidence coefficients start at 0.
  static func start(
    _ problem: CureProblem, durations: [Double], events: [Bool], weights: [Double]?,
    latencyNames: [String], incidenceIntercept: Int?, latencyIntercept: Int?
  ) throws -> [Double] {
    let n = durations.count
    let paid = problem.outcome.map { $0 == .paid }
    let weibull = try WeibullAFT().fit(
      problem.x, durations: (0..<n).map { paid[$0] ? durations[$0] : 1 }, events: paid,
      weights: (0..<n).map { paid[$0] ? weights?[$0] ?? 1 : 0 }, featureNames: latencyNames,
      interceptIndex: latencyIntercept)
    let q = problem.incidenceCount
    var gamma = [Double](repeating: 0, count: q)
    if let c = incidenceIntercept {
      let eta = problem.x.multiplied(by: weibull.coefficients)
      let rho = weibull.rho
      var total = 0.0
      var payers = 0.0
      var openHazards: [(weight: Double, hazard: Double)] = []
      for i in 0..<n {
        let w = weights?[i] ?? 1
        guard w > 0 else { continue }
        total += w
        switch problem.outcome[i] {
        case .paid: payers += w
        case .neverPays: break
        case .open: openHazards.append((w, exp(rho * (problem.logT[i] - eta[i]))))
        }
      }
      var pi = payers / total
      for _ in 0..<50 {
        pi = min(max(pi, 1e-6), 1 - 1e-6)
        let logit = log(pi / (1 - pi))
        var expected = payers
        for (w, h) in openHazards { expected += w / (1 + exp(h - logit)) }
        pi = expected / total
      }
      pi = min(max(pi, 1e-6), 1 - 1e-6)
      gamma[c] = log(pi / (1 - pi))
    }
    return gamma + weibull.coefficients + [weibull.logRho]
  }
}
