import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension MixtureCureFit {
  /// What the fit predicts for rows still open at their ages, from one pass over the rows.
  public struct OpenRows: Sendable {
    /// `P(ever paid | open at a)` per row.
    public var paidEver: [Double]
    /// `quantiles[l][i]`: row i's remaining time to payment among payers at the l-th level.
    public var quantiles: [[Double]]
    /// `paidWithin[m][i]`: `P(paid within the m-th number of days | open at a)` of row i.
    public var paidWithin: [[Double]]
  }

  /// `predictPaidEver`, `predictPaymentQuantile` at each level of `quantiles` and
  /// `predictPaidWithin` at each number of `days`, for a design that serves as both the
  /// incidence and the latency design, with the same values bit for bit.
  ///
  /// The separate calls each form `ζ = z · γ` and `log λ = x · β` and the payers' `H(a)` again
  /// (scoring asks for 18 predictions: twice that many products of the design); here they are
  /// formed once, and the rows are worked in chunks on all cores.
  /// - Complexity: O(n (p + levels + days)).
  public func predictOpen(
    _ x: DesignMatrix, age: [Double], quantiles: [Double], days: [Double]
  ) -> OpenRows {
    precondition(quantiles.allSatisfy { $0 > 0 && $0 < 1 }, "q must be in (0, 1)")
    precondition(days.allSatisfy { $0 >= 0 }, "d must be >= 0")
    let zeta = predictIncidenceLogOdds(x)
    let eta = predictLogLambda(x)
    let n = zeta.count
    precondition(age.count == n, "age: \(age.count) values for \(n) rows")
    precondition(age.allSatisfy { $0 >= 0 && $0.isFinite }, "ages must be finite and >= 0")
    let (levels, spans) = (quantiles.count, days.count)
    let columns = 1 + levels + spans
    // Column-major: prediction c of row i at `c * n + i`, then cut into the per-prediction
    // arrays.
    let values = [Double](unsafeUninitializedCapacity: n * columns) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      let model = Weibull()
      Parallel.forEachChunk(n, minimumChunk: 4096) { rows in
        // The logarithms of the age and of the later times, kept while the rows' ages repeat
        // (open invoices in file order come in runs of the same issue date).
        var logTimes = [Double](repeating: 0, count: 1 + spans)
        var timesOf = Double.nan
        for i in rows {
          let out = base.pointer + i
          let a = age[i]
          if a != timesOf {
            timesOf = a
            logTimes[0] = log(a)
            for m in 0..<spans { logTimes[1 + m] = log(a + days[m]) }
          }
          // The row's hazards at its age and the later days are near one another on the
          // baseline: each looks for its piece from the previous one's.
          var knot = -1
          let ha = hazard(logT: logTimes[0], eta[i], knot: &knot)
          let paidEver = LogisticFit.sigmoid(zeta[i] - ha)
          out.initialize(to: paidEver)
          for l in 0..<levels {
            (out + (1 + l) * n).initialize(
              to: latencyBaseline?.remainingTime(
                q: quantiles[l], age: a, logLambda: eta[i], hazardAtAge: ha)
                ?? model.conditionalPercentile(1 - quantiles[l], after: a, [eta[i], logRho]))
          }
          for m in 0..<spans {
            (out + (1 + levels + m) * n).initialize(
              to: paidEver * -expm1(-(hazard(logT: logTimes[1 + m], eta[i], knot: &knot) - ha)))
          }
        }
      }
      initialized = n * columns
    }
    func column(_ c: Int) -> [Double] { Array(values[(c * n)..<((c + 1) * n)]) }
    return OpenRows(
      paidEver: column(0), quantiles: (0..<levels).map { column(1 + $0) },
      paidWithin: (0..<spans).map { column(1 + levels + $0) })
  }
}
