import CreditData
import CreditEngine
import TestSupport

/// The bundled sample (`datasets/`) as a portfolio, loaded once.
enum SampleData {
  static let portfolio: Portfolio = {
    let root = repositoryRoot()
    do {
      let history = try HistoryLoader.load(path: root + "/datasets/history.csv")
      let table = try CustomerLoader.load(path: root + "/datasets/customers.csv")
      return Portfolio(history: history, customers: CustomerInfo.byID(table))
    } catch {
      fatalError("cannot load the bundled sample: \(error)")
    }
  }()

  /// The sample at its own as-of date and 200 days before it (invoices issued and paid after
  /// that date, invoices open and past due at it).
  static var atTwoDates: [Portfolio] {
    [portfolio.asOf, portfolio.asOf.adding(days: -200)].map { asOf in
      var p = portfolio
      p.asOf = asOf
      return p
    }
  }
}

/// Day from ISO text, for literals in tests.
func day(_ iso: String) -> Day {
  guard let d = Day(iso: iso) else { fatalError("bad date literal \(iso)") }
  return d
}
