import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Log-likelihood, gradient and Hessian
//
// Parameters θ = (β, a), ρ = e^a, ηᵢ = xᵢ·β = log λᵢ. With
//
//   uᵢ = log tᵢ − ηᵢ,   zᵢ = ρ uᵢ = log Hᵢ,   Hᵢ = (tᵢ/λᵢ)^ρ = e^{zᵢ},
//   log hᵢ = log ρ − log λᵢ + (ρ − 1)(log tᵢ − log λᵢ) = a − log tᵢ + zᵢ,
//
// the right-censored log-likelihood (dᵢ = 1 for an event, wᵢ the case weight) is
//
//   ℓ = Σ wᵢ [ dᵢ (a − log tᵢ + zᵢ) − e^{zᵢ} ].
//
// Derivatives of z: ∂zᵢ/∂β = −ρ xᵢ, ∂zᵢ/∂a = zᵢ (z is linear in ρ = e^a).
//
//   ∂ℓ/∂β  = Σ wᵢ (dᵢ − Hᵢ)(−ρ xᵢ)            = ρ Xᵀ r₁,        r₁ = w (H − d)
//   ∂ℓ/∂a  = Σ wᵢ [ dᵢ (1 + zᵢ) − zᵢ Hᵢ ]
//
// Second derivatives (the observed information is their negative):
//
//   ∂²ℓ/∂β∂βᵀ = ρ Σ wᵢ xᵢ Hᵢ ∂zᵢ/∂βᵀ            = −ρ² Xᵀ diag(w H) X
//   ∂²ℓ/∂β∂a  = ∂/∂a [ρ Σ wᵢ xᵢ (Hᵢ − dᵢ)]
//             = ρ Σ wᵢ xᵢ (Hᵢ − dᵢ) + ρ Σ wᵢ xᵢ Hᵢ zᵢ = ρ Xᵀ r₂,   r₂ = w (H − d + z H)
//   ∂²ℓ/∂a²   = Σ wᵢ [ dᵢ zᵢ − zᵢ Hᵢ − zᵢ² Hᵢ ]   = Σ wᵢ [ zᵢ (dᵢ − Hᵢ) − zᵢ² Hᵢ ]
//
// Numerics: everything is formed from z, never from (t/λ)^ρ by a separate power, and
// log ρ is the parameter, so ρ > 0 without constraints. If z overflows (H = ∞) the
// log-likelihood is −∞ and the line search halves the step; accepted points are finite.
// ℓ is not globally concave in (β, a), so far from the optimum the information may be
// indefinite; `WeibullAFT.factorise` then damps the Newton step.
//
// Cost per Newton iteration: one fused pass over X (`DesignMatrix.fusedGramPass`): per tile,
// η by `gemv`, the row scalars below, Xᵀ diag(w H) X by `syrk` on the √(w H)-scaled tile and
// Xᵀ [r₁ r₂] by two `gemv`s on the same in-cache tile; O(n p²). A rejected step is re-tried
// with value-only passes (η and ℓ, O(n p)).

/// The penalised objective at one (β, a) and, when requested, its derivatives.
struct Evaluation {
  /// ℓ, unpenalised.
  var logLikelihood: Double
  /// ℓ minus the ridge penalty: the objective Newton maximises.
  var objective: Double
  /// Gradient of the objective over (β, a); empty for a value-only evaluation.
  var gradient: [Double]
  /// Observed information (negative Hessian of the objective) over (β, a); 0 x 0 for a
  /// value-only evaluation.
  var information: Matrix

  var hasDerivatives: Bool { !gradient.isEmpty }
}

/// The row sums of the Weibull pass.
struct WeibullSums: AdditiveSums {
  /// ℓ.
  var logLikelihood = 0.0
  /// ∂ℓ/∂a.
  var scoreA = 0.0
  /// −∂²ℓ/∂a².
  var informationAA = 0.0

  static var sums: [WritableKeyPath<Self, Double>] { [\.logLikelihood, \.scoreA, \.informationAA] }
}

/// The sums of the least-squares start: Σ w d and Σ w d (log t)².
struct EventSums: AdditiveSums {
  var events = 0.0
  var squares = 0.0

  static var sums: [WritableKeyPath<Self, Double>] { [\.events, \.squares] }
}

/// The data of one fit, with the evaluations Newton needs.
struct Problem {
  let x: DesignMatrix
  let logT: LogDurations
  let events: [Bool]
  /// Case weights; nil means all 1.
  let weights: [Double]?
  let l2: Double
  /// Coefficients under the ridge penalty (all but the intercept).
  let penalised: [Bool]

  /// `(l2 / 2) Σ_{penalised} β_j²`.
  func penalty(_ beta: [Double]) -> Double {
    guard l2 > 0 else { return 0 }
    var s = 0.0
    for j in beta.indices where penalised[j] { s += beta[j] * beta[j] }
    return 0.5 * l2 * s
  }

  /// The objective at (β, a) and, if `derivatives`, its gradient and information, in one pass
  /// over X.
  func evaluate(beta: [Double], a: Double, derivatives: Bool) -> Evaluation {
    let p = x.features
    let rho = exp(a)
    let pass: FusedPassResult<WeibullSums> = logT.withRows { logT in
      events.withUnsafeBufferPointer { es in
        withOptionalPointer(weights) { w in
          x.fusedGramPass(coefficients: beta, residualColumns: 2, derivatives: derivatives) {
            rows, tile, sums in
            guard let e = es.baseAddress else { return }
            let r1 = tile.residuals
            let r2 = tile.residuals + tile.stride
            for i in 0..<tile.count {
              let row = rows.lowerBound + i
              let wi = w?[row] ?? 1
              guard wi > 0 else {
                // A row of weight 0 is a no-op, even where its H would overflow (0 · ∞).
                tile.rootWeights[i] = 0
                r1[i] = 0
                r2[i] = 0
                continue
              }
              let di = e[row] ? 1.0 : 0.0
              let z = rho * (logT[row] - tile.eta[i])
              let h = exp(z)
              sums.logLikelihood += wi * (di * (a - logT[row] + z) - h)
              sums.scoreA += wi * (di * (1 + z) - z * h)
              sums.informationAA += wi * (z * (h - di) + z * z * h)
              tile.rootWeights[i] = (wi * h).squareRoot()
              r1[i] = wi * (h - di)
              r2[i] = wi * (h - di + z * h)
            }
          }
        }
      }
    }
    let logLikelihood = pass.sums.logLikelihood
    var result = Evaluation(
      logLikelihood: logLikelihood, objective: logLikelihood - penalty(beta), gradient: [],
      information: Matrix(rows: 0, columns: 0))
    guard derivatives else { return result }
    // ∂ℓ/∂β = ρ Xᵀ r₁, −∂²ℓ/∂β∂βᵀ = ρ² Xᵀ diag(w H) X, −∂²ℓ/∂β∂a = −ρ Xᵀ r₂.
    let xr = pass.products
    var gradient = [Double](repeating: 0, count: p + 1)
    var information = Matrix(rows: p + 1, columns: p + 1)
    let rho2 = rho * rho
    for j in 0..<p {
      gradient[j] = rho * xr[j] - (penalised[j] ? l2 * beta[j] : 0)
      for k in 0..<p { information[k, j] = rho2 * pass.gram[k, j] }
      if penalised[j] { information[j, j] += l2 }
      information[j, p] = -rho * xr[p + j]
      information[p, j] = information[j, p]
    }
    gradient[p] = pass.sums.scoreA
    information[p, p] = pass.sums.informationAA
    result.gradient = gradient
    result.information = information
    return result
  }

  /// The covariance from the information on rows shifted by `shift` (`CentredCovariance`).
  ///
  /// The Gram block `ρ² X̃ᵀ diag(w H) X̃` from one more pass, the first
  /// moments `−ρ X̃ᵀ r₂` and `∂²/∂a²` from `information`. Nil when it is not positive definite.
  func shiftedCovariance(
    beta: [Double], a: Double, information: Matrix, shift: [Double], intercept c: Int
  ) throws -> Matrix? {
    let p = x.features
    let rho = exp(a)
    let eta = x.multiplied(by: beta)
    let v = (0..<eta.count).map { i -> Double in
      let w = weights?[i] ?? 1
      return w > 0 ? w * rho * rho * exp(rho * (logT[i] - eta[i])) : 0
    }
    var shifted = information
    let gram = x.gram(weights: v, shift: shift)
    let cross = CentredCovariance.shiftFirstMoments(
      (0..<p).map { information[$0, p] }, shift: shift, intercept: c)
    for j in 0..<p {
      for k in 0..<p { shifted[k, j] = gram[k, j] }
      if penalised[j] { shifted[j, j] += l2 }
      shifted[j, p] = cross[j]
      shifted[p, j] = cross[j]
    }
    guard let factor = try? CholeskyFactorization(shifted) else { return nil }
    return CentredCovariance.unshift(factor.inverse(), shift: shift + [0], intercept: c)
  }

  /// Starting values from least squares of log t on X over the events (see `WeibullAFT.fit`);
  /// nil when the events alone do not determine β.
  ///
  /// One pass over X for `Xᵀ diag(w d) X` and `Xᵀ (w d log t)`; the residual sum of squares
  /// follows from the normal equations, `Σ w d (log t)² − βᵀ Xᵀ (w d log t)`.
  func leastSquaresStart(interceptIndex: Int?) -> (beta: [Double], a: Double)? {
    let p = x.features
    let pass: FusedPassResult<EventSums> = logT.withRows { logT in
      events.withUnsafeBufferPointer { es in
        withOptionalPointer(weights) { w in
          x.fusedGramPass(
            coefficients: [Double](repeating: 0, count: p), residualColumns: 1
          ) { rows, tile, sums in
            guard let e = es.baseAddress else { return }
            for i in 0..<tile.count {
              let row = rows.lowerBound + i
              let de = e[row] ? w?[row] ?? 1 : 0
              let lt = logT[row]
              sums.events += de
              sums.squares += de * lt * lt
              tile.rootWeights[i] = de.squareRoot()
              tile.residuals[i] = de * lt
            }
          }
        }
      }
    }
    let totalEvents = pass.sums.events
    guard totalEvents > Double(p) else { return nil }
    guard let factor = try? CholeskyFactorization(pass.gram),
      factor.reciprocalConditionEstimate > 1e-12
    else { return nil }
    var beta = factor.solve(pass.products)
    var fitted = 0.0
    for j in 0..<p { fitted += beta[j] * pass.products[j] }
    let sigma = (max(0, pass.sums.squares - fitted) / totalEvents).squareRoot()
    let eulerGamma = 0.577_215_664_901_532_9
    let rho = sigma > 0 ? min(20, max(0.05, Double.pi / (sigma * 6.0.squareRoot()))) : 1
    if let k = interceptIndex { beta[k] += eulerGamma / rho }
    guard beta.allSatisfy(\.isFinite) else { return nil }
    return (beta, log(rho))
  }
}
