import CreditData

/// One invoice open at a backtest's cutoff: what the model and the naive baseline predicted,
/// and when it was actually paid.
public struct BacktestInvoice: Sendable, Equatable {
  /// The invoice's and its customer's ids in the history ("" when not given).
  public var invoiceID: String
  public var customerID: String
  public var amount: Double
  public var dueDate: Day
  /// Actual payment date from the full history (nil: never paid in the history).
  public var paidDate: Day?
  public var modelPD: Double
  public var baselinePD: Double
  public var modelPaymentDate: Day
  /// The model's chance that the invoice is paid within 30 days of the cutoff (`score`'s
  /// `p_paid_30d`), when the backtest kept it.
  public var modelPaid30: Double?
  public var baselinePaymentDate: Day
  /// Days since issue at the cutoff.
  public var ageAtCutoff: Int
  /// The customer (index into the history's customers).
  public var customer: Int
  /// The best date possible on the same information (the simulation's true conditional
  /// median given paid), when the truth is known.
  public var ceilingPaymentDate: Day?
  /// The true probability of going delinquent given open at the cutoff, when the truth is
  /// known.
  public var ceilingPD: Double?
  /// What the model's forecast expects of this invoice in each week after the cutoff (amount
  /// times its chance of payment in the week, the forecast's summands), when the model has a
  /// cure part; and the same from the true chances, when the truth is known.
  public var expectedByWeek: [Double]?
  public var ceilingExpectedByWeek: [Double]?

  public init(
    amount: Double, dueDate: Day, paidDate: Day?, modelPD: Double, baselinePD: Double,
    modelPaymentDate: Day, baselinePaymentDate: Day, ageAtCutoff: Int = 0, customer: Int = 0,
    ceilingPaymentDate: Day? = nil, ceilingPD: Double? = nil, invoiceID: String = "",
    customerID: String = ""
  ) {
    self.invoiceID = invoiceID
    self.customerID = customerID
    self.ageAtCutoff = ageAtCutoff
    self.customer = customer
    self.ceilingPaymentDate = ceilingPaymentDate
    self.ceilingPD = ceilingPD
    self.amount = amount
    self.dueDate = dueDate
    self.paidDate = paidDate
    self.modelPD = modelPD
    self.baselinePD = baselinePD
    self.modelPaymentDate = modelPaymentDate
    self.baselinePaymentDate = baselinePaymentDate
  }
}
