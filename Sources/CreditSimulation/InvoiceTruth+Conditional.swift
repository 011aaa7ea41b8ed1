/// What the truth says about an invoice still open at age `a` (days since issue, not paid
/// on or before day `a`).
extension InvoiceTruth {
  /// `π S(a)`: the probability of being a payer and still open at age `a`.
  private func paidAndOpen(_ a: Int) -> Double {
    susceptibleProbability * survivalGivenPaid(age: a)
  }

  /// The probability of being open at age `a`: `1 − π + π S(a)`.
  public func openProbability(age a: Int) -> Double {
    1 - susceptibleProbability + paidAndOpen(a)
  }

  /// P(paid ever | open at a) = π S(a) / (1 − π + π S(a)).
  public func probabilityPaidEver(givenOpenAt a: Int) -> Double {
    paidAndOpen(a) / openProbability(age: a)
  }

  /// P(paid on or before age a + d | open at a) = π (S(a) − S(a + d)) / (1 − π + π S(a)).
  public func probabilityPaid(withinDays d: Int, givenOpenAt a: Int) -> Double {
    (paidAndOpen(a) - paidAndOpen(a + max(0, d))) / openProbability(age: a)
  }

  /// P(paid more than `graceDays` days after due, or never | open at a).
  ///
  /// With `L = terms + graceDays`: `(1 − π + π S(max(a, L))) / (1 − π + π S(a))`, which is 1
  /// once `a ≥ L`.
  public func delinquencyProbability(graceDays: Int, givenOpenAt a: Int) -> Double {
    openProbability(age: max(a, termsDays + graceDays)) / openProbability(age: a)
  }

  /// The `q`-quantile of the payment age given that the invoice is paid and open at `a`:
  /// the smallest integer `d > a` with `P(D ≤ d | paid, D > a) ≥ q`, that is
  /// `S(d) ≤ (1 − q) S(a)`.
  ///
  /// Where a discount window `n > a` applies, `S` drops by the factor `1 − τ` at `n` (the
  /// takers pay on day `n`), so the answer is the Weibull quantile if it falls before `n`,
  /// else `n` if the drop reaches the level, else the Weibull quantile of the level divided by
  /// `1 − τ`.
  /// - Parameter q: in (0, 1).
  public func paymentAgeQuantile(_ q: Double, givenOpenAt a: Int) -> Int {
    precondition(q > 0 && q < 1, "q must be in (0, 1)")
    let n = discountDays
    if n > 0 && a < n {
      let level = (1 - q) * survivalGivenPaid(age: a)
      let d = weibullAge(atSurvival: level)
      if d < n { return max(d, a + 1) }
      if survivalGivenPaid(age: n) <= level { return n }
      return weibullAge(atSurvival: level / (1 - discountTakeUp))
    }
    // After the window the factor 1 − τ cancels between S(d) and S(a).
    return max(a + 1, weibullAge(atSurvival: (1 - q) * weibullSurvival(age: a)))
  }

  /// The true forecast for the invoice open at age `a`.
  /// - Parameters:
  ///   - horizonDays: the window of `probabilityPaidWithinHorizon` (30 days by default).
  ///   - graceDays: days after due beyond which a payment counts as delinquent (30, as the
  ///     engine's default late threshold).
  public func forecast(givenOpenAt a: Int, horizonDays: Int = 30, graceDays: Int = 30)
    -> OpenInvoiceForecast
  {
    OpenInvoiceForecast(
      age: a, probabilityPaidEver: probabilityPaidEver(givenOpenAt: a),
      medianAge: paymentAgeQuantile(0.5, givenOpenAt: a),
      p10Age: paymentAgeQuantile(0.1, givenOpenAt: a),
      p90Age: paymentAgeQuantile(0.9, givenOpenAt: a),
      probabilityPaidWithinHorizon: probabilityPaid(withinDays: horizonDays, givenOpenAt: a),
      delinquencyProbability: delinquencyProbability(graceDays: graceDays, givenOpenAt: a))
  }
}

/// The true answers for one invoice open at an age: what a perfect model would predict.
public struct OpenInvoiceForecast: Sendable, Equatable {
  /// Days since issue at which the invoice is open.
  public var age: Int
  /// P(paid ever | open at age).
  public var probabilityPaidEver: Double
  /// Conditional median payment age (days from issue) given paid.
  public var medianAge: Int
  /// Conditional 10th percentile of the payment age given paid.
  public var p10Age: Int
  /// Conditional 90th percentile of the payment age given paid.
  public var p90Age: Int
  /// P(paid within the horizon | open at age).
  public var probabilityPaidWithinHorizon: Double
  /// P(paid more than the grace days after due, or never | open at age).
  public var delinquencyProbability: Double
}
