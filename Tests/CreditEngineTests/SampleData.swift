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
      var info: [String: CustomerInfo] = [:]
      for (i, id) in table.customerIDs.enumerated() {
        info[id] = CustomerInfo(
          creditLimit: table.creditLimit[i].isFinite ? table.creditLimit[i] : nil,
          region: table.region.map { $0.levels[Int($0.codes[i])] },
          industry: table.industry.map { $0.levels[Int($0.codes[i])] },
          customerSince: table.customerSince?[i])
      }
      return Portfolio(history: history, customers: info)
    } catch {
      fatalError("cannot load the bundled sample: \(error)")
    }
  }()
}

/// Day from ISO text, for literals in tests.
func day(_ iso: String) -> Day {
  guard let d = Day(iso: iso) else { fatalError("bad date literal \(iso)") }
  return d
}
