import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// The additive statistics of a Cox fit over some rows at one β: per distinct duration, the
/// sums over the rows with that duration and over its events.
///
/// With `rᵢ = exp(xᵢ β)`, each duration `t` holds
///
/// ```
/// A₀ = Σ_{T=t} rᵢ,  A₁ = Σ_{T=t} rᵢ xᵢ,  A₂ = Σ_{T=t} rᵢ xᵢ xᵢᵀ,  Σ_{T=t} xᵢ,  rows
/// E₀, E₁, E₂, Σ xᵢ, d: the same over the events at t
/// ```
///
/// The risk set of an event time is every row with `T ≥ t`, so its sums `S₀, S₁, S₂` are the
/// `A` sums accumulated from the longest duration down: sums over shards (merged by duration)
/// give exactly the statistics of all rows, from which `evaluate` forms Efron's (or
/// Breslow's) log partial likelihood, gradient and information, and `baseline` Breslow's
/// cumulative hazard. Size: O(K p²) for K distinct durations (whole days: at most a few
/// thousand), whatever the number of rows.
public struct CoxShardSums: Codable, Sendable, Equatable {
  /// Covariates.
  public let p: Int
  /// Distinct durations, ascending.
  public private(set) var times: [Double] = []
  /// Per duration: rows, events.
  public private(set) var rows: [Double] = []
  public private(set) var events: [Double] = []
  /// Per duration: `A₀`, `A₁` (p each), `A₂` (lower triangle, p(p+1)/2 each), `Σ x` (p each).
  var risk0: [Double] = []
  var risk1: [Double] = []
  var risk2: [Double] = []
  var plain: [Double] = []
  /// Per duration, over its events: `E₀`, `E₁`, `E₂` and `Σ x`.
  var event0: [Double] = []
  var event1: [Double] = []
  var event2: [Double] = []
  var eventX: [Double] = []

  /// Empty sums for `p` covariates.
  public init(p: Int) { self.p = p }

  var triangle: Int { p * (p + 1) / 2 }

  /// Appends duration `t`'s sums (`t` larger than every time held).
  private mutating func append(_ t: Double, from other: CoxShardSums, at k: Int) {
    let (q, s) = (p, triangle)
    times.append(t)
    rows.append(other.rows[k])
    events.append(other.events[k])
    risk0.append(other.risk0[k])
    event0.append(other.event0[k])
    risk1 += other.risk1[(k * q)..<((k + 1) * q)]
    plain += other.plain[(k * q)..<((k + 1) * q)]
    event1 += other.event1[(k * q)..<((k + 1) * q)]
    eventX += other.eventX[(k * q)..<((k + 1) * q)]
    risk2 += other.risk2[(k * s)..<((k + 1) * s)]
    event2 += other.event2[(k * s)..<((k + 1) * s)]
  }

  /// Adds duration `k` of `other` to the last duration held (the same time).
  private mutating func accumulate(from other: CoxShardSums, at k: Int) {
    let m = times.count - 1
    let (q, s) = (p, triangle)
    rows[m] += other.rows[k]
    events[m] += other.events[k]
    risk0[m] += other.risk0[k]
    event0[m] += other.event0[k]
    for j in 0..<q {
      risk1[m * q + j] += other.risk1[k * q + j]
      plain[m * q + j] += other.plain[k * q + j]
      event1[m * q + j] += other.event1[k * q + j]
      eventX[m * q + j] += other.eventX[k * q + j]
    }
    for j in 0..<s {
      risk2[m * s + j] += other.risk2[k * s + j]
      event2[m * s + j] += other.event2[k * s + j]
    }
  }

  /// The sums of both sets of rows (durations merged).
  public func adding(_ other: CoxShardSums) -> CoxShardSums {
    precondition(other.p == p, "sums of different designs")
    var merged = CoxShardSums(p: p)
    var (a, b) = (0, 0)
    while a < times.count || b < other.times.count {
      let takeSelf = b == other.times.count || (a < times.count && times[a] <= other.times[b])
      let (source, k) = takeSelf ? (self, a) : (other, b)
      let t = source.times[k]
      if merged.times.last == t {
        merged.accumulate(from: source, at: k)
      } else {
        merged.append(t, from: source, at: k)
      }
      if takeSelf { a += 1 } else { b += 1 }
    }
    return merged
  }
}

extension CoxShardSums {
  /// The sums over rows `x` (covariate columns `columns`) at `beta`.
  /// - Complexity: O(n p² + n log n).
  public init(
    _ x: DesignMatrix, columns: [Int], durations: [Double], events isEvent: [Bool],
    beta: [Double]
  ) {
    let p = columns.count
    precondition(beta.count == p, "one coefficient per covariate")
    self.init(p: p)
    let n = x.observations
    let order = (0..<n).sorted { durations[$0] < durations[$1] }
    var row = [Double](repeating: 0, count: p)
    for i in order {
      let t = durations[i]
      if times.last != t {
        times.append(t)
        rows.append(0)
        events.append(0)
        risk0.append(0)
        event0.append(0)
        for _ in 0..<p {
          risk1.append(0)
          plain.append(0)
          event1.append(0)
          eventX.append(0)
        }
        for _ in 0..<triangle {
          risk2.append(0)
          event2.append(0)
        }
      }
      let m = times.count - 1
      var eta = 0.0
      for (j, c) in columns.enumerated() {
        row[j] = x[i, c]
        eta += row[j] * beta[j]
      }
      let r = exp(eta)
      let e = isEvent[i]
      rows[m] += 1
      risk0[m] += r
      if e {
        events[m] += 1
        event0[m] += r
      }
      var s = m * triangle
      for j in 0..<p {
        risk1[m * p + j] += r * row[j]
        plain[m * p + j] += row[j]
        if e {
          event1[m * p + j] += r * row[j]
          eventX[m * p + j] += row[j]
        }
        for k in 0...j {
          risk2[s] += r * row[j] * row[k]
          if e { event2[s] += r * row[j] * row[k] }
          s += 1
        }
      }
    }
  }
}
