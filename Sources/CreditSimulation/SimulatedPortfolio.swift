import CreditData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A simulated payment history with the ground truth that generated it.
///
/// Produced by `Simulator.generate()`; `write(to:)` publishes it as CSV and JSON files.
public struct SimulatedPortfolio: Sendable, Equatable {
  /// The configuration that produced the portfolio (including the seed and the model).
  public var configuration: SimulationConfiguration
  /// Customers, columnar.
  public var customers: SimulatedCustomers
  /// Invoices in issue-date order, columnar.
  public var invoices: SimulatedInvoices
  /// The never-pay logistic intercept used: `model.writeOffIntercept`, or the value
  /// calibrated to `configuration.neverPayRate`.
  public var neverPayIntercept: Double
  /// Promises to pay and disputes.
  public var events = SimulatedEvents()

  /// A portfolio from its parts.
  public init(
    configuration: SimulationConfiguration, customers: SimulatedCustomers,
    invoices: SimulatedInvoices
  ) {
    self.configuration = configuration
    self.customers = customers
    self.invoices = invoices
    self.neverPayIntercept = configuration.model.writeOffIntercept
  }

  // MARK: - Ground truth per invoice

  /// The AFT covariate vector x of invoice `index`, named by `PaymentModel.aftCoefficientNames`.
  public func aftCovariates(ofInvoice index: Int) -> [Double] {
    PaymentModel.aftCovariates(
      termsDays: invoices.termsDays[index], amount: invoices.amount[index],
      disputed: invoices.disputed[index], paperless: invoices.paperless[index],
      latentRisk: customers.latentRisk[Int(invoices.customerIndex[index])])
  }

  /// The AFT linear predictor β·x = log λ of invoice `index`, plus its distress shift.
  public func aftLinearPredictor(ofInvoice index: Int) -> Double {
    configuration.model.aftLinearPredictor(
      termsDays: invoices.termsDays[index], amount: invoices.amount[index],
      disputed: invoices.disputed[index], paperless: invoices.paperless[index],
      latentRisk: customers.latentRisk[Int(invoices.customerIndex[index])])
      + invoices.logTimeShift[index]
  }

  /// The ground truth of invoice `index` in the form `TruthOracle` answers from.
  public func invoiceTruth(ofInvoice index: Int) -> InvoiceTruth {
    let c = Int(invoices.customerIndex[index])
    let collections = configuration.collections
    let offered = invoices.discountOffered[index]
    return InvoiceTruth(
      invoiceId: SimulatedInvoices.id(forIndex: index), termsDays: invoices.termsDays[index],
      susceptibleProbability: 1 - invoices.neverPayProbability[index],
      weibullScale: exp(aftLinearPredictor(ofInvoice: index)),
      weibullShape: configuration.model.weibullShape, latentRisk: customers.latentRisk[c],
      neverPays: invoices.neverPays[index],
      discountDays: offered ? collections.discountDays : 0,
      discountTakeUp: offered
        ? collections.discountTakeUpProbability(latentRisk: customers.latentRisk[c]) : 0)
  }

  // MARK: - Counts

  /// Invoices unpaid at the snapshot (including those written off).
  public var openCount: Int { invoices.paidDate.lazy.filter { $0 == nil }.count }

  /// Invoices known written off at the snapshot.
  public var writtenOffCount: Int { invoices.writtenOff.lazy.filter { $0 }.count }

  /// Invoices that will never be paid (known written off or not).
  public var neverPaysCount: Int { invoices.neverPays.lazy.filter { $0 }.count }
}
