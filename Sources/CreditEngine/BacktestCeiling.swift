import CreditData

/// The best forecast possible for one invoice open at a backtest cutoff: what the simulation's
/// true parameters say, from the same information the model had plus the latent customer
/// risk that is not in the history.
public struct BacktestCeiling: Sendable, Equatable {
  /// The true median payment date given paid.
  public var paymentDate: Day
  /// The true probability of going delinquent given open at the cutoff.
  public var pd: Double
  /// `W(7k)` = P(paid within `7k` days of the cutoff | open then), k = 0...13: the boundaries of
  /// the cash forecast's weeks (`CashForecast.weeks` + 1 values, `W(0) = 0`).
  public var paidWithinWeeks: [Double]

  public init(paymentDate: Day, pd: Double, paidWithinWeeks: [Double]) {
    precondition(
      paidWithinWeeks.count == CashForecast.weeks + 1, "one probability per week boundary")
    self.paymentDate = paymentDate
    self.pd = pd
    self.paidWithinWeeks = paidWithinWeeks
  }

  /// The ceiling's 13-week forecast of the invoices open at `asOf`: the true probabilities of
  /// payment in each week, and a P10–P90 band with the invoices independent (given the true
  /// parameters, latent customer risk included, one invoice's payment says nothing about
  /// another's, so no customer correlation is added).
  /// - Parameters:
  ///   - amounts, customers: per open invoice, in the order of `ceilings`.
  public static func cashForecast(
    asOf: Day, amounts: [Double], customers: [Int], ceilings: [BacktestCeiling]
  ) -> [CashForecastWeek] {
    precondition(amounts.count == ceilings.count && customers.count == ceilings.count)
    let within = (0...CashForecast.weeks).map { k in ceilings.map { $0.paidWithinWeeks[k] } }
    return CashForecast.weekly(
      asOf: asOf, amounts: amounts, customers: customers, withinWeeks: within, correlation: 0)
  }
}
