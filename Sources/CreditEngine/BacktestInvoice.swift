import CreditData

/// One invoice open at a backtest's cutoff: what the model and the naive baseline predicted,
/// and when it was actually paid.
public struct BacktestInvoice: Sendable, Equatable {
  public var amount: Double
  public var dueDate: Day
  /// Actual payment date from the full history (nil: never paid in the history).
  public var paidDate: Day?
  public var modelPD: Double
  public var baselinePD: Double
  public var modelPaymentDate: Day
  public var baselinePaymentDate: Day

  public init(
    amount: Double, dueDate: Day, paidDate: Day?, modelPD: Double, baselinePD: Double,
    modelPaymentDate: Day, baselinePaymentDate: Day
  ) {
    self.amount = amount
    self.dueDate = dueDate
    self.paidDate = paidDate
    self.modelPD = modelPD
    self.baselinePD = baselinePD
    self.modelPaymentDate = modelPaymentDate
    self.baselinePaymentDate = baselinePaymentDate
  }
}
