#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The true payment-time distribution of one simulated invoice: a cure (never-pay) mixture
/// of a Weibull, with an optional early-payment discount; one row of `truth_invoices.csv`.
///
/// With probability `1 − π` the invoice never pays. Otherwise its continuous days to pay `T`
/// are Weibull with scale λ and shape ρ, and its payment age (days from issue to payment) is
/// `D₀ = max(1, round(T))`, so for ages `a ≥ 1`
/// ```
/// S₀(a) = P(D₀ > a) = P(T ≥ a + ½) = exp(−((a + ½) / λ)^ρ),   S₀(a) = 1 for a < 1
/// ```
/// When a discount for payment within `n` days was offered, a payer with `D₀ > n` takes it
/// with probability τ and then pays on day `n`:
/// ```
/// S(a) = S₀(a)            for a < n
/// S(a) = (1 − τ) S₀(a)    for a ≥ n
/// ```
/// An invoice open at age `a` (not paid by then) has, by Bayes' rule,
/// ```
/// P(paid ever | open at a) = π S(a) / (1 − π + π S(a))
/// ```
/// The conditional quantiles and probabilities are in `InvoiceTruth+Conditional.swift`.
public struct InvoiceTruth: Sendable, Equatable {
  /// The invoice id of history.csv.
  public var invoiceId: String
  /// Payment terms in days (due date minus issue date).
  public var termsDays: Int
  /// π = 1 − P(never pays).
  public var susceptibleProbability: Double
  /// Weibull scale λ = exp(β·x) of the days to pay of a payer.
  public var weibullScale: Double
  /// Weibull shape ρ = 1/σ.
  public var weibullShape: Double
  /// The customer's latent risk.
  public var latentRisk: Double
  /// Whether the invoice was drawn as never paying.
  public var neverPays: Bool
  /// Days of the early-payment discount window, or 0 when none was offered.
  public var discountDays: Int
  /// τ: probability that a payer who would pay after the window takes the discount.
  public var discountTakeUp: Double

  /// An invoice's truth from its parts.
  public init(
    invoiceId: String, termsDays: Int, susceptibleProbability: Double, weibullScale: Double,
    weibullShape: Double, latentRisk: Double, neverPays: Bool, discountDays: Int = 0,
    discountTakeUp: Double = 0
  ) {
    self.invoiceId = invoiceId
    self.termsDays = termsDays
    self.susceptibleProbability = susceptibleProbability
    self.weibullScale = weibullScale
    self.weibullShape = weibullShape
    self.latentRisk = latentRisk
    self.neverPays = neverPays
    self.discountDays = discountDays
    self.discountTakeUp = discountTakeUp
  }

  // MARK: - Survival of a payer

  /// `S₀(a) = P(D₀ > a)`: the Weibull payment age survives past integer age `a`.
  public func weibullSurvival(age a: Int) -> Double {
    a < 1 ? 1 : exp(-pow((Double(a) + 0.5) / weibullScale, weibullShape))
  }

  /// `S(a) = P(D > a | paid ever)`, with the discount taken into account.
  public func survivalGivenPaid(age a: Int) -> Double {
    let s = weibullSurvival(age: a)
    return discountDays > 0 && a >= discountDays ? (1 - discountTakeUp) * s : s
  }

  /// The smallest integer age `d ≥ 1` with `S₀(d) ≤ level`, for `0 < level < 1`.
  ///
  /// `S₀(d) ≤ level ⇔ d + ½ ≥ λ (−log level)^(1/ρ)`; the rounding is checked against `S₀`
  /// itself so that the answer is exact in floating point too.
  func weibullAge(atSurvival level: Double) -> Int {
    guard level < 1 else { return 1 }
    guard level > 0 else { return 36_500 }
    let t = weibullScale * pow(-log(level), 1 / weibullShape) - 0.5
    var d = max(1, min(36_500, Int(t.rounded(.up))))
    while d > 1 && weibullSurvival(age: d - 1) <= level { d -= 1 }
    while d < 36_500 && weibullSurvival(age: d) > level { d += 1 }
    return d
  }
}
