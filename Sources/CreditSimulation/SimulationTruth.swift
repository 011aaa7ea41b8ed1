#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The contents of `truth.json`: the generating parameters and what came out.
///
/// Decode it with `JSONDecoder` (keys are snake_case) to check parameter recovery on a
/// written portfolio without regenerating it.
public struct SimulationTruth: Sendable, Equatable, Codable {
  /// Identifies the file kind.
  public var format: String = "creditrisk-simulation-truth"
  /// Version of this layout.
  public var version: Int = 1
  /// The seed (also inside `configuration`).
  public var seed: UInt64
  /// The full configuration, including every generating parameter in `model`.
  public var configuration: SimulationConfiguration
  /// The payment-time model in the form a fitted Weibull AFT reports.
  public var paymentTime: PaymentTime
  /// Counts of what was generated.
  public var summary: Summary

  /// The Weibull AFT of days to pay, named as `creditrisk fit weibull` names its output.
  public struct PaymentTime: Sendable, Equatable, Codable {
    /// Always `weibull_aft`.
    public var distribution: String = "weibull_aft"
    /// What the duration measures.
    public var duration: String = "days from issue_date to paid_date"
    /// Covariate definitions, in coefficient order.
    public var covariates: [String: String] = [
      "intercept": "1",
      "terms_30": "terms in days (due_date - issue_date) / 30",
      "log_amount": "natural log of amount",
      "disputed": "1 if disputed",
      "paperless": "1 if paperless",
      "latent_risk": "customer latent risk (truth_customers.csv)",
    ]
    /// Coefficient names in order.
    public var coefficientNames: [String]
    /// Coefficients β by name: `log T = β·x + σ W`.
    public var coefficients: [String: Double]
    /// Scale σ of the standard minimum extreme-value error.
    public var sigma: Double
    /// `log σ`.
    public var logSigma: Double
    /// Weibull shape ρ = 1/σ.
    public var rho: Double
  }

  /// Counts of customers and invoices by state at the snapshot.
  public struct Summary: Sendable, Equatable, Codable {
    /// Customers.
    public var customers: Int
    /// Invoices.
    public var invoices: Int
    /// Invoices paid by the snapshot.
    public var paid: Int
    /// Invoices unpaid at the snapshot, including written off.
    public var open: Int
    /// Invoices known written off at the snapshot.
    public var writtenOff: Int
    /// Invoices that will never be paid.
    public var neverPays: Int
  }

  /// The truth behind `portfolio`.
  public init(_ portfolio: SimulatedPortfolio) {
    let model = portfolio.configuration.model
    let names = PaymentModel.aftCoefficientNames
    seed = portfolio.configuration.seed
    configuration = portfolio.configuration
    paymentTime = PaymentTime(
      coefficientNames: names,
      coefficients: Dictionary(uniqueKeysWithValues: zip(names, model.aftCoefficients)),
      sigma: model.aftSigma, logSigma: log(model.aftSigma), rho: model.weibullShape)
    let open = portfolio.openCount
    summary = Summary(
      customers: portfolio.customers.count, invoices: portfolio.invoices.count,
      paid: portfolio.invoices.count - open, open: open,
      writtenOff: portfolio.writtenOffCount, neverPays: portfolio.neverPaysCount)
  }
}
