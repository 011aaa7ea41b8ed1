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
// Cost per iteration: X β (one pass, O(n p)), the per-row scalars below (O(n)), Xᵀ diag(ρ² w H) X
// (one `gram` pass, O(n p²)) and Xᵀ [r₁ r₂] (one fused `dgemm` pass, O(n p)).

/// The per-row quantities of one evaluation at (β, a), given η = X β.
struct RowTerms {
  /// ℓ, unpenalised.
  var logLikelihood: Double
  /// ∂ℓ/∂a.
  var scoreA: Double
  /// −∂²ℓ/∂a².
  var informationAA: Double
  /// ρ² w H, the weights of the β-block of the information.
  var hessianWeights: [Double]
  /// [r₁; r₂], n x 2 column-major.
  var residuals: [Double]
  /// ρ.
  var rho: Double
}

/// The data of one fit, with the evaluations Newton needs.
struct Problem {
  let x: DesignMatrix
  let logT: [Double]
  let d: [Double]
  let w: [Double]
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

  /// Row scalars and their sums, chunks in parallel, sums in chunk order (deterministic).
  func rowTerms(eta: [Double], a: Double) -> RowTerms {
    let n = eta.count
    let rho = exp(a)
    var hw = [Double](repeating: 0, count: n)
    var r = [Double](repeating: 0, count: 2 * n)
    // Each chunk writes its own rows of `hw` and `r`.
    let sums: [(Double, Double, Double)] = hw.withUnsafeMutableBufferPointer { hwp in
      r.withUnsafeMutableBufferPointer { rp in
        Parallel.map(n) { range in
          var ll = 0.0
          var ga = 0.0
          var iaa = 0.0
          for i in range {
            let z = rho * (logT[i] - eta[i])
            let h = exp(z)
            let wi = w[i]
            let di = d[i]
            ll += wi * (di * (a - logT[i] + z) - h)
            ga += wi * (di * (1 + z) - z * h)
            iaa += wi * (z * (h - di) + z * z * h)
            hwp[i] = rho * rho * wi * h
            rp[i] = wi * (h - di)
            rp[n + i] = wi * (h - di + z * h)
          }
          return (ll, ga, iaa)
        }
      }
    }
    var total = (0.0, 0.0, 0.0)
    for s in sums {
      total.0 += s.0
      total.1 += s.1
      total.2 += s.2
    }
    return RowTerms(
      logLikelihood: total.0, scoreA: total.1, informationAA: total.2, hessianWeights: hw,
      residuals: r, rho: rho)
  }

  /// Gradient of the penalised objective and its observed information (negative Hessian),
  /// both over (β, a), at the point `rows` was evaluated at.
  func derivatives(beta: [Double], rows: RowTerms) -> ([Double], Matrix) {
    let p = x.features
    let xr = transposeMultipliedTwo(rows.residuals)
    let rho = rows.rho
    var gradient = [Double](repeating: 0, count: p + 1)
    var information = Matrix(rows: p + 1, columns: p + 1)
    let gram = x.gram(weights: rows.hessianWeights)
    for j in 0..<p {
      gradient[j] = rho * xr[j] - (penalised[j] ? l2 * beta[j] : 0)
      for k in 0..<p { information[k, j] = gram[k, j] }
      if penalised[j] { information[j, j] += l2 }
      information[j, p] = -rho * xr[p + j]
      information[p, j] = information[j, p]
    }
    gradient[p] = rows.scoreA
    information[p, p] = rows.informationAA
    return (gradient, information)
  }

  /// `Xᵀ V` for an n x 2 column-major `V`, in one pass over X; p x 2 column-major.
  ///
  /// One `dgemm` per chunk of rows, chunk results summed in order (deterministic).
  func transposeMultipliedTwo(_ v: [Double]) -> [Double] {
    let n = x.observations
    let p = x.features
    let zero = [Double](repeating: 0, count: 2 * p)
    let partials: [[Double]] = x.storage.withUnsafeBufferPointer { xs in
      v.withUnsafeBufferPointer { vs in
        guard let xb = xs.baseAddress, let vb = vs.baseAddress else { return [zero] }
        return Parallel.map(n) { range in
          var c = zero
          c.withUnsafeMutableBufferPointer { cp in
            guard let cb = cp.baseAddress else { return }
            BLAS.gemm(
              m: p, n: 2, k: range.count, a: xb + range.lowerBound * p, lda: p,
              b: vb + range.lowerBound, ldb: n, c: cb, ldc: p)
          }
          return c
        }
      }
    }
    var total = partials[0]
    for part in partials.dropFirst() { for k in total.indices { total[k] += part[k] } }
    return total
  }

  /// Starting values from least squares of log t on X over the events (see `WeibullAFT.fit`);
  /// nil when the events alone do not determine β.
  func leastSquaresStart(interceptIndex: Int?) -> (beta: [Double], a: Double)? {
    let n = x.observations
    let de = (0..<n).map { w[$0] * d[$0] }
    let totalEvents = de.reduce(0, +)
    guard totalEvents > Double(x.features) else { return nil }
    let gram = x.gram(weights: de)
    guard let factor = try? CholeskyFactorization(gram),
      factor.reciprocalConditionEstimate > 1e-12
    else { return nil }
    var beta = factor.solve(x.transposeMultiplied(by: (0..<n).map { de[$0] * logT[$0] }))
    let eta = x.multiplied(by: beta)
    var ss = 0.0
    for i in 0..<n where de[i] > 0 {
      let e = logT[i] - eta[i]
      ss += de[i] * e * e
    }
    let sigma = (ss / totalEvents).squareRoot()
    let eulerGamma = 0.577_215_664_901_532_9
    let rho = sigma > 0 ? min(20, max(0.05, Double.pi / (sigma * 6.0.squareRoot()))) : 1
    if let k = interceptIndex { beta[k] += eulerGamma / rho }
    guard beta.allSatisfy(\.isFinite) else { return nil }
    return (beta, log(rho))
  }
}
