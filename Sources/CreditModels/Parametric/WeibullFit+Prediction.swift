import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Predictions
//
// All predictions take a design with the training columns (intercept included) and evaluate
// the `Weibull` distribution at θᵢ = [xᵢ · β, log ρ].
//
// Conditional predictions follow lifelines' `conditional_after` exactly: given survival to
// aᵢ (one value per row), times are *remaining* times measured from aᵢ, so
//   predictSurvivalFunction(x, at: t, conditionalAfter: a)[i][j] = S(aᵢ + tⱼ) / S(aᵢ)
//   predictMedian(x, conditionalAfter: a)[i] = λᵢ (ln 2 + (aᵢ/λᵢ)^ρ)^(1/ρ) − aᵢ
// (remaining median, not the age at the median).

extension WeibullFit {
  /// `log λᵢ = xᵢ · β` for each row.
  /// - Complexity: O(n p).
  public func predictLogLambda(_ x: DesignMatrix) -> [Double] { predictLinear(x) }

  /// Survival `S(t | xᵢ)` for each row and time.
  ///
  /// Result `[i][j]` is row `i` at `times[j]`. With `conditionalAfter`,
  /// `S(aᵢ + tⱼ | xᵢ) / S(aᵢ | xᵢ)` (times measured from `aᵢ`).
  public func predictSurvivalFunction(
    _ x: DesignMatrix, at times: [Double], conditionalAfter: [Double]? = nil
  ) -> [[Double]] {
    predictCumulativeHazard(x, at: times, conditionalAfter: conditionalAfter).map { row in
      row.map { exp(-$0) }
    }
  }

  /// `H(t | xᵢ) = (t / λᵢ)^ρ`; with `conditionalAfter`, `H(aᵢ + tⱼ) − H(aᵢ)`.
  public func predictCumulativeHazard(
    _ x: DesignMatrix, at times: [Double], conditionalAfter: [Double]? = nil
  ) -> [[Double]] {
    precondition(times.allSatisfy { $0 >= 0 }, "times must be >= 0")
    let after = checkedAfter(conditionalAfter, rows: x.observations)
    let model = Weibull()
    return predictLogLambda(x).enumerated().map { i, eta in
      let theta = [eta, fields.logRho]
      let a = after[i]
      let ha = model.cumulativeHazard(a, theta)
      return times.map { t in model.cumulativeHazard(a + t, theta) - ha }
    }
  }

  /// The time with `S = p` per row, `λ (−log p)^(1/ρ)`.
  ///
  /// lifelines' convention: `p` is the survival probability, so `p = 0.9` is the early 10%
  /// quantile. With `conditionalAfter`, the remaining time from `aᵢ` with
  /// `S(aᵢ + t) / S(aᵢ) = p`.
  public func predictPercentile(
    _ x: DesignMatrix, p: Double, conditionalAfter: [Double]? = nil
  ) -> [Double] {
    let model = Weibull()
    var logLambda = predictLogLambda(x)
    guard conditionalAfter != nil else {
      // `Weibull.percentile` row by row, its constant term formed once, on both cores (the
      // in-sample concordance of a million training rows asks for this), in log λ's storage.
      precondition(p > 0 && p < 1, "p must be in (0, 1)")
      let shift = log(-log(p)) / exp(fields.logRho)
      Parallel.update(&logLambda) { exp($0 + shift) }
      return logLambda
    }
    let after = checkedAfter(conditionalAfter, rows: x.observations)
    var theta = [0, fields.logRho]
    return logLambda.enumerated().map { i, eta in
      theta[0] = eta
      return model.conditionalPercentile(p, after: after[i], theta)
    }
  }

  /// The median per row, `λ (ln 2)^(1/ρ)`; with `conditionalAfter`, the remaining median.
  public func predictMedian(_ x: DesignMatrix, conditionalAfter: [Double]? = nil) -> [Double] {
    predictPercentile(x, p: 0.5, conditionalAfter: conditionalAfter)
  }

  /// The mean lifetime per row, `λ Γ(1 + 1/ρ)` (lifelines' `predict_expectation`).
  public func predictExpectation(_ x: DesignMatrix) -> [Double] {
    let model = Weibull()
    return predictLogLambda(x).map { model.expectation([$0, fields.logRho]) }
  }

  private func checkedAfter(_ after: [Double]?, rows: Int) -> [Double] {
    guard let after else { return [Double](repeating: 0, count: rows) }
    precondition(after.count == rows, "conditionalAfter: \(after.count) values for \(rows) rows")
    precondition(after.allSatisfy { $0 >= 0 }, "conditionalAfter must be >= 0")
    return after
  }
}
