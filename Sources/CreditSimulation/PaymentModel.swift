#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The ground truth the simulator draws from: customer mix, invoice amounts, disputes,
/// write-offs and the Weibull accelerated-failure-time model of days to pay.
///
/// Days to pay `T` (from issue date to payment) follow
/// ```
/// log T = β·x + σ W,   W ~ standard minimum extreme value
/// x = (1, terms_days / 30, log amount, disputed, paperless, latent_risk)
/// ```
/// that is `T ~ Weibull(λ = exp(β·x), ρ = 1/σ)`, with median `λ (log 2)^σ` and
/// `E[log T] = β·x − γ σ` (γ the Euler–Mascheroni constant).
///
/// With the defaults, an invoice on 30-day terms for 2,500 from an average customer
/// (latent risk 0), not disputed, on paper, has median 31 days and is paid after its due date
/// about half the time; a dispute multiplies every quantile by `e^0.45 ≈ 1.57`, one standard
/// deviation of latent risk by `e^0.25 ≈ 1.28`.
///
/// Disputes and write-offs are logistic in the latent risk:
/// ```
/// P(disputed)  = logistic(d0 + d1 risk + d2 log(amount / typicalAmountMedian))   (≈ 9 %)
/// P(never pays) = logistic(w0 + w1 risk + w2 disputed)                             (≈ 1 %)
/// ```
/// An invoice that never pays is flagged `written_off` once it is more than
/// `writeOffAfterDays` past due at the snapshot; before that it is simply open.
public struct PaymentModel: Sendable, Equatable, Codable {
  // MARK: - Customers

  /// Median over customers of a customer's typical invoice amount.
  public var typicalAmountMedian: Double = 2_500
  /// Standard deviation of log typical amount across customers (customer size).
  public var typicalAmountSigma: Double = 0.9
  /// Standard deviation of log amount around a customer's typical amount.
  public var invoiceAmountSigma: Double = 0.7
  /// Smallest invoice amount.
  public var minimumAmount: Double = 25
  /// Standard deviation of the log invoicing rate across customers (skew of invoice counts).
  public var activitySigma: Double = 1.0
  /// Loading of the log invoicing rate on log customer size (bigger customers invoice more).
  public var activitySizeLoading: Double = 0.4
  /// Median customer tenure at the snapshot, in days (log-normal).
  public var tenureMedianDays: Double = 1_400
  /// Standard deviation of log tenure.
  public var tenureSigma: Double = 1.0
  /// Share of a customer's invoices on its standard terms; the rest draw terms afresh.
  public var standardTermsShare: Double = 0.9
  /// Share of customers who prefer paperless invoices.
  public var paperlessShare: Double = 0.6
  /// Share of a customer's invoices sent the way it prefers.
  public var paperlessAdherence: Double = 0.95
  /// Credit limit in months of expected billing, before the risk adjustment.
  public var creditLimitMonths: Double = 2
  /// The limit is multiplied by `exp(−creditLimitRiskLoading · latent risk)`.
  public var creditLimitRiskLoading: Double = 0.3

  // MARK: - Disputes and write-offs

  /// Logistic intercept of the dispute probability.
  public var disputeIntercept: Double = -2.5
  /// Logistic slope of the dispute probability on latent risk.
  public var disputeRisk: Double = 0.45
  /// Logistic slope on `log(amount / typicalAmountMedian)`.
  public var disputeLogAmount: Double = 0.15
  /// Logistic intercept of the probability that an invoice is never paid.
  public var writeOffIntercept: Double = -5.6
  /// Logistic slope of the never-paid probability on latent risk.
  public var writeOffRisk: Double = 1.3
  /// Logistic slope of the never-paid probability on disputed.
  public var writeOffDisputed: Double = 0.8
  /// Days past due after which an unpaid never-paying invoice is known written off.
  public var writeOffAfterDays: Int = 180

  // MARK: - Days to pay (Weibull AFT)

  /// AFT intercept β0.
  public var aftIntercept: Double = 2.64
  /// AFT coefficient on terms days / 30.
  public var aftTerms: Double = 0.55
  /// AFT coefficient on the natural log of the amount.
  public var aftLogAmount: Double = 0.05
  /// AFT coefficient on disputed (0/1).
  public var aftDisputed: Double = 0.45
  /// AFT coefficient on paperless (0/1).
  public var aftPaperless: Double = -0.12
  /// AFT coefficient on the customer's latent risk.
  public var aftLatentRisk: Double = 0.25
  /// AFT scale σ of the extreme-value error; the Weibull shape is ρ = 1/σ.
  public var aftSigma: Double = 0.4

  /// The defaults described above.
  public init() {}

  // MARK: - Derived

  /// Names of the AFT covariates, in the order of `aftCoefficients` and `aftCovariates`.
  public static let aftCoefficientNames = [
    "intercept", "terms_30", "log_amount", "disputed", "paperless", "latent_risk",
  ]

  /// Euler–Mascheroni constant γ: `E[W] = −γ` for the standard minimum extreme value.
  public static let eulerGamma = 0.577_215_664_901_532_9

  /// The AFT coefficients β, named by `aftCoefficientNames`.
  public var aftCoefficients: [Double] {
    [aftIntercept, aftTerms, aftLogAmount, aftDisputed, aftPaperless, aftLatentRisk]
  }

  /// The Weibull shape ρ = 1/σ.
  public var weibullShape: Double { 1 / aftSigma }

  /// The AFT covariate vector x of one invoice (leading 1 for the intercept).
  public static func aftCovariates(
    termsDays: Int, amount: Double, disputed: Bool, paperless: Bool, latentRisk: Double
  ) -> [Double] {
    [1, Double(termsDays) / 30, log(amount), disputed ? 1 : 0, paperless ? 1 : 0, latentRisk]
  }

  /// The AFT linear predictor β·x = log λ of one invoice.
  public func aftLinearPredictor(
    termsDays: Int, amount: Double, disputed: Bool, paperless: Bool, latentRisk: Double
  ) -> Double {
    aftIntercept + aftTerms * Double(termsDays) / 30 + aftLogAmount * log(amount)
      + (disputed ? aftDisputed : 0) + (paperless ? aftPaperless : 0) + aftLatentRisk * latentRisk
  }

  /// The expected log days to pay for linear predictor `eta`: `η − γ σ`.
  public func expectedLogDaysToPay(linearPredictor eta: Double) -> Double {
    eta - PaymentModel.eulerGamma * aftSigma
  }

  /// The median days to pay for linear predictor `eta`: `e^η (log 2)^σ`.
  public func medianDaysToPay(linearPredictor eta: Double) -> Double {
    exp(eta) * pow(log(2.0), aftSigma)
  }

  /// Probability of a dispute for an invoice of `amount` from a customer of `latentRisk`.
  func disputeProbability(latentRisk: Double, amount: Double) -> Double {
    logistic(
      disputeIntercept + disputeRisk * latentRisk
        + disputeLogAmount * log(amount / typicalAmountMedian))
  }

  /// The never-pay logit `w0 + w1 risk + w2 disputed` for intercept `w0`.
  ///
  /// Summed in this order, as the first generator did, so that its draws are reproduced.
  func neverPaysLogit(intercept: Double, latentRisk: Double, disputed: Bool) -> Double {
    intercept + writeOffRisk * latentRisk + (disputed ? writeOffDisputed : 0)
  }
}
