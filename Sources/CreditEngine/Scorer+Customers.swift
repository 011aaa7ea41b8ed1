import CreditData
import LinearAlgebra

extension Scorer {
  /// The listed customers' scores and credit-limit decisions, in the same order.
  struct CustomerScores {
    var scores: [CustomerScore]
    var limits: [CreditLimitDecision]
  }

  /// Each listed customer's PD, points, grade and reasons (from its probe), and the policy's
  /// limit decision; chunks of customers on both cores, results in order.
  func scoreCustomers(_ book: OpenBook, _ probePredictions: Predictions) -> CustomerScores {
    let h = book.portfolio.history
    let reasonTable = ReasonTable(
      model.features, columns: probePredictions.contributions.first?.count ?? 0)
    let parts = Parallel.map(book.listed.count, minimumChunk: 1024) { chunk in
      var part = CustomerScores(scores: [], limits: [])
      for i in chunk {
        let c = book.listed[i]
        let t = book.tallies[c]
        let pd = probePredictions.pd[i]
        let grade = policy.grade(pd: pd)
        part.scores.append(
          CustomerScore(
            customerID: h.customerIDs[c], openBalance: t.openBalance,
            overdueBalance: t.overdueBalance, pd: pd, riskScore: policy.points(pd: pd),
            riskGrade: grade, reasons: reasons(probePredictions.contributions[i], reasonTable)))
        part.limits.append(
          policy.limitDecision(
            customerID: h.customerIDs[c],
            current: book.portfolio.creditLimit(customer: c, invoice: t.lastInvoice),
            grade: grade, volume: t.recentVolume, openBalance: t.openBalance,
            maxDaysPastDue: t.maxDaysPastDue))
      }
      return part
    }
    return CustomerScores(
      scores: parts.flatMap(\.scores), limits: parts.flatMap(\.limits))
  }

  /// The reason of each design column (without intercept), as an index into `names`: columns
  /// with the same words share one reason.
  struct ReasonTable {
    var names: [String] = []
    var ofColumn: [Int] = []

    init(_ features: FeatureSpec, columns: Int) {
      var index: [String: Int] = [:]
      for j in 0..<columns {
        let name = features.reason(forColumn: j)
        if let k = index[name] {
          ofColumn.append(k)
        } else {
          index[name] = names.count
          ofColumn.append(names.count)
          names.append(name)
        }
      }
    }
  }

  /// The three largest adverse contributions to the log-odds, in words; columns with the same
  /// reason add up, larger first, ties by name.
  func reasons(_ contributions: [Double], _ table: ReasonTable) -> [String] {
    var total = [Double](repeating: 0, count: table.names.count)
    var adverse = [Bool](repeating: false, count: table.names.count)
    for (j, value) in contributions.enumerated() where value > 0 {
      total[table.ofColumn[j]] += value
      adverse[table.ofColumn[j]] = true
    }
    let top = table.names.indices.filter { adverse[$0] }
      .sorted { (total[$0], table.names[$1]) > (total[$1], table.names[$0]) }
      .prefix(3).map { table.names[$0] }
    return top + [String](repeating: "", count: 3 - top.count)
  }
}
