#if canImport(Glibc)
  import Glibc
#endif

/// The PD of an invoice that is still open and not yet seriously late: the delinquency
/// model's PD at issue, updated by Bayes' rule with the time-to-payment model's chance of
/// being still open at this age.
///
/// An invoice is late when it is unpaid at the late age `D` (due date + `lateDays`); one that
/// is late is certainly still open at any age `a < D`. With `p` the PD at issue and
/// `r = P(open at a | not late)`,
///
/// ```
/// P(late | open at a) = p / (p + (1 − p) r),   r = (S(a) − S(D)) / (1 − S(D))
/// ```
///
/// where `S` is the survival of the time to payment. Invoices that are never paid are all
/// late, so only the payers' distribution enters `r`: with the mixture-cure model's
/// `S(t) = 1 − π + π S_u(t)`, `π` cancels and `r = (S_u(a) − S_u(D)) / (1 − S_u(D))`. The
/// payers' cumulative hazard is continuous and strictly increasing, so `r > 0` before `D`. The PD so stays inside (0, 1) until the
/// outcome is known, rising to 1 as the invoice nears `D` unpaid. (The former
/// `min(1, p / S(a))` is the same formula only when the two models agree that
/// `S(a) ≥ p`; where the survival model paid invoices faster than the delinquency model
/// expected, it was pinned at exactly 1 weeks before the outcome was known.)
enum OpenInvoicePD {
  /// The late age `D` of an invoice due `dueAge` days after issue: payment days are whole
  /// days and a payment on day `dueAge + lateDays` is not late, so the boundary is the middle
  /// of the next day.
  static func lateAge(dueAge: Int, lateDays: Int) -> Double { Double(dueAge + lateDays) + 0.5 }

  /// `P(late | open at age a)` for an invoice with PD at issue `p`, for `a < D`.
  /// - Parameters:
  ///   - hazardAtAge, hazardAtLate: the cumulative hazard `H(a)` and `H(D)` of the time to
  ///     payment of those that are not late (the payers' latency of the cure model, or the
  ///     Weibull AFT curve when there is none); `r = e^{−H(a)} (1 − e^{−(H(D) − H(a))}) /
  ///     (1 − e^{−H(D)})`, each factor by `expm1`.
  static func probability(atIssue p: Double, hazardAtAge ha: Double, hazardAtLate hd: Double)
    -> Double
  {
    guard let r = openShare(hazardAtAge: ha, hazardAtLate: hd) else { return p }
    return p / (p + (1 - p) * r)
  }

  /// The same on the log-odds scale: `logit P(late | open at a) = η − log r` for an invoice
  /// whose PD at issue has log-odds `η` (`η` itself where `probability` returns `p`, +∞ where
  /// it returns 1).
  static func logOdds(atIssue eta: Double, hazardAtAge ha: Double, hazardAtLate hd: Double)
    -> Double
  {
    guard let r = openShare(hazardAtAge: ha, hazardAtLate: hd) else { return eta }
    return r > 0 ? eta - log(r) : .infinity
  }

  /// `r = P(open at a | not late)` from the hazards; nil at age 0 or when not finite.
  static func openShare(hazardAtAge ha: Double, hazardAtLate hd: Double) -> Double? {
    guard ha > 0 else { return nil }
    let r = exp(-ha) * -expm1(-(max(hd, ha) - ha)) / -expm1(-hd)
    return r.isFinite ? r : nil
  }
}
