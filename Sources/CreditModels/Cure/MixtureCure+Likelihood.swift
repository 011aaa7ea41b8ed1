import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Log-likelihood, gradient and observed information
//
// Parameters θ = (γ, β, a): ζᵢ = zᵢ·γ (incidence), ηᵢ = xᵢ·β = log λᵢ (latency), ρ = e^a.
// With π = σ(ζ), zᵢ = ρ (log tᵢ − ηᵢ), Hᵢ = e^{zᵢ} (the payers' Weibull cumulative hazard),
// each row of weight w contributes w Lᵢ:
//
//   paid at t (event):        L = log π + log f(t) = −softplus(−ζ) + a − log t + z − H
//   open at t (censored):     L = log(1 − π + π e^{−H}) = softplus(ζ − H) − softplus(ζ)
//   written off (never pays): L = log(1 − π) = −softplus(ζ)
//
// The censored form follows from 1 − π + π e^{−H} = (1 + e^{ζ−H}) / (1 + e^ζ); it never
// subtracts nearly equal numbers and never overflows (H = ∞ gives −softplus(ζ)). Its
// derivatives come through u = ζ − H and q = σ(u), the posterior probability that an open
// row is a payer (the E-step weight of EM, here only a by-product):
//
//   L_ζ = q − π,   L_H = −q,   L_ζζ = q(1 − q) − π(1 − π),   L_ζH = −q(1 − q),   L_HH = q(1 − q)
//
// and the chain rule through H(η, a): H_η = −ρH, H_a = zH, H_ηη = ρ²H, H_ηa = −ρH(1 + z),
// H_aa = zH(1 + z):
//
//   L_η  = ρ qH                       L_a  = −z qH
//   L_ζη = ρ q(1−q)H                  L_ζa = −z q(1−q)H
//   L_ηη = ρ² [q(1−q)H² − qH]         L_ηa = ρ [(1 + z) qH − z q(1−q)H²]
//   L_aa = z² q(1−q)H² − z(1 + z) qH
//
// qH, q(1−q)H and q(1−q)H² are formed on the log scale (log q = −softplus(−u)), so they go to
// 0 where H overflows instead of becoming 0 · ∞. A paid row has L_ζ = 1 − π, L_ζζ = −π(1 − π)
// and the Weibull terms L_η = ρ(H − 1), L_a = 1 + z − zH, L_ηη = −ρ²H,
// L_ηa = ρ(H − 1 + zH), L_aa = z − zH − z²H. The gradient and the observed information
// (−∇²ℓ) are then sums over rows of these scalars times zᵢ, xᵢ and their outer products:
// three dgemm per tile of rows (Z diag(v) Zᵀ, Z diag(v) Xᵀ, X diag(v) Xᵀ; v may be negative,
// so the tiles are scaled on one side only) and four dgemv.

/// The status of one row.
enum CureOutcome: UInt8, Sendable {
  case open = 0
  case paid = 1
  case neverPays = 2
}

/// The objective at one θ and, when requested, its gradient and observed information.
struct CureEvaluation {
  var logLikelihood: Double
  /// ∂ℓ/∂θ over (γ, β, a); empty without derivatives.
  var gradient: [Double]
  /// −∂²ℓ/∂θ∂θᵀ, full symmetric; 0 x 0 without derivatives.
  var information: Matrix
  var hasDerivatives: Bool { !gradient.isEmpty }
}

/// The data of one mixture-cure fit.
struct CureProblem {
  let z: DesignMatrix
  let x: DesignMatrix
  let logT: [Double]
  let outcome: [CureOutcome]
  let weights: [Double]?

  var incidenceCount: Int { z.features }
  var latencyCount: Int { x.features }
  var parameterCount: Int { z.features + x.features + 1 }

  /// Per-row sums of one chunk.
  private struct Partial {
    var logLikelihood = 0.0
    var gz: [Double]
    var gx: [Double]
    var ga = 0.0
    var izz: [Double]
    var izx: [Double]
    var ixx: [Double]
    var iza: [Double]
    var ixa: [Double]
    var iaa = 0.0

    /// Zero sums for `q` incidence and `p` latency coefficients.
    init(incidence q: Int, latency p: Int) {
      gz = [Double](repeating: 0, count: q)
      gx = [Double](repeating: 0, count: p)
      izz = [Double](repeating: 0, count: q * q)
      izx = [Double](repeating: 0, count: q * p)
      ixx = [Double](repeating: 0, count: p * p)
      iza = [Double](repeating: 0, count: q)
      ixa = [Double](repeating: 0, count: p)
    }
  }

  /// ℓ(θ) and, if `derivatives`, its gradient and observed information.
  /// - Complexity: O(n (q + p)²) with derivatives, O(n (q + p)) without.
  func evaluate(_ theta: [Double], derivatives: Bool) -> CureEvaluation {
    let q = incidenceCount
    let p = latencyCount
    precondition(theta.count == q + p + 1, "shape mismatch")
    let gamma = Array(theta[..<q])
    let beta = Array(theta[q..<(q + p)])
    let a = theta[q + p]
    let n = logT.count
    BLAS.useSingleThreadedKernels()
    let parts: [Partial] = z.storage.withUnsafeBufferPointer { zs in
      x.storage.withUnsafeBufferPointer { xs in
        Parallel.map(n) { rows in
          chunk(
            rows, zs: zs.baseAddress, xs: xs.baseAddress, gamma: gamma, beta: beta, a: a,
            derivatives: derivatives)
        }
      }
    }
    var total = Partial(incidence: q, latency: p)
    for part in parts {
      total.logLikelihood += part.logLikelihood
      guard derivatives else { continue }
      for k in 0..<q { total.gz[k] += part.gz[k] }
      for k in 0..<p { total.gx[k] += part.gx[k] }
      total.ga += part.ga
      for k in total.izz.indices { total.izz[k] += part.izz[k] }
      for k in total.izx.indices { total.izx[k] += part.izx[k] }
      for k in total.ixx.indices { total.ixx[k] += part.ixx[k] }
      for k in 0..<q { total.iza[k] += part.iza[k] }
      for k in 0..<p { total.ixa[k] += part.ixa[k] }
      total.iaa += part.iaa
    }
    guard derivatives else {
      return CureEvaluation(
        logLikelihood: total.logLikelihood, gradient: [],
        information: Matrix(rows: 0, columns: 0))
    }
    let k = q + p + 1
    var information = Matrix(rows: k, columns: k)
    for j in 0..<q {
      for i in 0..<q { information[i, j] = total.izz[i + j * q] }
      for i in 0..<p {
        information[j, q + i] = total.izx[j + i * q]
        information[q + i, j] = total.izx[j + i * q]
      }
      information[j, k - 1] = total.iza[j]
      information[k - 1, j] = total.iza[j]
    }
    for j in 0..<p {
      for i in 0..<p { information[q + i, q + j] = total.ixx[i + j * p] }
      information[q + j, k - 1] = total.ixa[j]
      information[k - 1, q + j] = total.ixa[j]
    }
    information[k - 1, k - 1] = total.iaa
    return CureEvaluation(
      logLikelihood: total.logLikelihood, gradient: total.gz + total.gx + [total.ga],
      information: information)
  }

  /// One chunk of rows, tile by tile.
  private func chunk(
    _ rows: Range<Int>, zs: UnsafePointer<Double>?, xs: UnsafePointer<Double>?,
    gamma: [Double], beta: [Double], a: Double, derivatives: Bool
  ) -> Partial {
    let q = incidenceCount
    let p = latencyCount
    let tileRows = DesignMatrix.tileRows
    var part = Partial(incidence: q, latency: p)
    // Per tile: ζ, η, and the row scalars (w L_ζ, w L_η, −w L_ζζ, −w L_ζη, −w L_ηη,
    // −w L_ζa, −w L_ηa), then scaled copies of the tiles for the cross-products.
    var zeta = [Double](repeating: 0, count: tileRows)
    var eta = [Double](repeating: 0, count: tileRows)
    var terms = [Double](repeating: 0, count: 7 * tileRows)
    var scaledZ = [Double](repeating: 0, count: derivatives ? tileRows * q : 0)
    var scaledX = [Double](repeating: 0, count: derivatives ? tileRows * p : 0)
    let rho = exp(a)
    var start = rows.lowerBound
    while start < rows.upperBound {
      let m = min(tileRows, rows.upperBound - start)
      let zt = zs.map { $0 + start * q }
      let xt = xs.map { $0 + start * p }
      if let zt, q > 0 {
        BLAS.gemv(
          transpose: true, rows: q, columns: m, alpha: 1, a: zt, lda: q, x: gamma, beta: 0,
          y: &zeta)
      }
      if let xt, p > 0 {
        BLAS.gemv(
          transpose: true, rows: p, columns: m, alpha: 1, a: xt, lda: p, x: beta, beta: 0,
          y: &eta)
      }
      for i in 0..<m {
        let row = start + i
        let w = weights?[row] ?? 1
        let r = RowTerms(
          outcome: outcome[row], zeta: q > 0 ? zeta[i] : 0, eta: p > 0 ? eta[i] : 0,
          logT: logT[row], a: a, rho: rho)
        guard w > 0 else {
          for c in 0..<7 { terms[c * tileRows + i] = 0 }
          continue
        }
        part.logLikelihood += w * r.value
        part.ga += w * r.la
        part.iaa -= w * r.laa
        terms[i] = w * r.lz
        terms[tileRows + i] = w * r.le
        terms[2 * tileRows + i] = -w * r.lzz
        terms[3 * tileRows + i] = -w * r.lze
        terms[4 * tileRows + i] = -w * r.lee
        terms[5 * tileRows + i] = -w * r.lza
        terms[6 * tileRows + i] = -w * r.lea
      }
      if derivatives {
        accumulate(
          &part, zt: zt, xt: xt, rows: m, terms: terms, stride: tileRows,
          scaledZ: &scaledZ, scaledX: &scaledX)
      }
      start += m
    }
    return part
  }

  /// Adds one tile's gradient and information terms.
  private func accumulate(
    _ part: inout Partial, zt: UnsafePointer<Double>?, xt: UnsafePointer<Double>?, rows m: Int,
    terms: [Double], stride: Int, scaledZ: inout [Double], scaledX: inout [Double]
  ) {
    let q = incidenceCount
    let p = latencyCount
    terms.withUnsafeBufferPointer { t in
      guard let t = t.baseAddress else { return }
      if let zt, q > 0 {
        addBlock(
          zt, columns: q, rows: m, gradient: t, shape: t + 5 * stride,
          curvature: t + 2 * stride, into: &part.gz, &part.iza, &part.izz, scaled: &scaledZ)
      }
      if let xt, p > 0 {
        addBlock(
          xt, columns: p, rows: m, gradient: t + stride, shape: t + 6 * stride,
          curvature: t + 4 * stride, into: &part.gx, &part.ixa, &part.ixx, scaled: &scaledX)
        if let zt, q > 0 {
          scale(xt, columns: p, rows: m, by: t + 3 * stride, into: &scaledX)
          BLAS.gemmTransposedB(
            m: q, n: p, k: m, alpha: 1, a: zt, lda: q, b: scaledX, ldb: p, beta: 1,
            c: &part.izx, ldc: q)
        }
      }
    }
  }

  /// Adds one design block's terms over a tile `D` (row-major, `columns` wide): the gradient
  /// `Dᵀ g`, the cross information with the log-shape `Dᵀ s` and the block's information
  /// `Dᵀ diag(c) D`; `scaled` is scratch of the tile's size.
  private func addBlock(
    _ tile: UnsafePointer<Double>, columns k: Int, rows m: Int, gradient g: UnsafePointer<Double>,
    shape s: UnsafePointer<Double>, curvature c: UnsafePointer<Double>,
    into gradient: inout [Double], _ crossShape: inout [Double], _ information: inout [Double],
    scaled: inout [Double]
  ) {
    BLAS.gemv(
      transpose: false, rows: k, columns: m, alpha: 1, a: tile, lda: k, x: g, beta: 1,
      y: &gradient)
    BLAS.gemv(
      transpose: false, rows: k, columns: m, alpha: 1, a: tile, lda: k, x: s, beta: 1,
      y: &crossShape)
    scale(tile, columns: k, rows: m, by: c, into: &scaled)
    BLAS.gemmTransposedB(
      m: k, n: k, k: m, alpha: 1, a: tile, lda: k, b: scaled, ldb: k, beta: 1,
      c: &information, ldc: k)
  }

  /// `out[i * columns + j] = tile[i * columns + j] · v[i]` for the tile's rows.
  private func scale(
    _ tile: UnsafePointer<Double>, columns: Int, rows: Int, by v: UnsafePointer<Double>,
    into out: inout [Double]
  ) {
    for i in 0..<rows {
      let s = v[i]
      for j in 0..<columns { out[i * columns + j] = tile[i * columns + j] * s }
    }
  }
}

/// One row's log-likelihood and its derivatives in (ζ, η, a); see the derivation above.
struct RowTerms {
  var value = 0.0
  var lz = 0.0
  var le = 0.0
  var la = 0.0
  var lzz = 0.0
  var lze = 0.0
  var lza = 0.0
  var lee = 0.0
  var lea = 0.0
  var laa = 0.0

  init(outcome: CureOutcome, zeta: Double, eta: Double, logT: Double, a: Double, rho: Double) {
    // π = σ(ζ), 1 − π = σ(−ζ), π(1 − π), without cancellation.
    let softplusZeta = Self.softplus(zeta)
    let pi = exp(-Self.softplus(-zeta))
    let piVariance = exp(-softplusZeta - Self.softplus(-zeta))
    lzz = -piVariance
    switch outcome {
    case .neverPays:
      value = -softplusZeta
      lz = -pi
    case .paid:
      let z = rho * (logT - eta)
      let h = exp(z)
      value = -Self.softplus(-zeta) + a - logT + z - h
      lz = exp(-softplusZeta)  // 1 − π
      le = rho * (h - 1)
      la = 1 + z - z * h
      lee = -rho * rho * h
      lea = rho * (h - 1 + z * h)
      laa = z - z * h - z * z * h
    case .open:
      let z = rho * (logT - eta)
      let h = exp(z)
      let u = zeta - h
      let logQ = -Self.softplus(-u)
      let logOneMinusQ = -Self.softplus(u)
      let q = exp(logQ)
      let qh = exp(logQ + z)  // qH
      let vh = exp(logQ + logOneMinusQ + z)  // q(1 − q)H
      let vh2 = exp(logQ + logOneMinusQ + 2 * z)  // q(1 − q)H²
      value = Self.softplus(u) - softplusZeta
      lz = q - pi
      le = rho * qh
      la = -z * qh
      lzz = exp(logQ + logOneMinusQ) - piVariance
      lze = rho * vh
      lza = -z * vh
      lee = rho * rho * (vh2 - qh)
      lea = rho * ((1 + z) * qh - z * vh2)
      laa = z * z * vh2 - z * (1 + z) * qh
    }
  }

  /// `log(1 + eˣ)` without overflow: `max(x, 0) + log1p(e^{−|x|})`.
  @inline(__always) static func softplus(_ x: Double) -> Double {
    max(x, 0) + log1p(exp(-abs(x)))
  }
}
