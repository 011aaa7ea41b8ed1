import CreditData
import CreditEngine
import Testing

@Suite("Train and score on the IBM accounts-receivable sample")
struct ScoringTests {
  @Test func outputsAreConsistent() throws {
    let (portfolio, model) = try EngineFixtures.trainedIBM()
    let h = portfolio.history
    let asOf = portfolio.asOf
    let policy = CreditPolicy()
    let result = Scorer(model: model, policy: policy).score(portfolio)

    // One row per invoice open at the as-of date.
    let open = (0..<h.count).filter {
      h.issueDate[$0] <= asOf && (h.paidDate[$0].map { $0 > asOf } ?? true)
    }
    #expect(result.invoices.count == open.count)
    #expect(result.invoices.count > 50)
    // Every level in the scored history was seen in training (rare ones pooled, not unseen).
    #expect(result.unseenCategoryRows == 0)
    #expect(Set(result.invoices.map(\.invoiceID)) == Set(open.map { h.invoiceIDs[$0] }))

    for row in result.invoices {
      #expect((0...1).contains(row.pd))
      #expect((0...1).contains(row.pPaid30d))
      #expect(row.expectedPaymentDate > asOf)
      #expect(row.riskGrade == policy.grade(pd: row.pd))
    }
    for c in result.customers {
      #expect((0...1).contains(c.pd))
      #expect(c.reasons.count == 3)
    }
    // Ranks are 1...n, customers by non-increasing amount at risk, each customer's rows
    // together.
    #expect(result.worklist.map(\.rank) == Array(1...result.worklist.count))
    for (a, b) in zip(result.worklist, result.worklist.dropFirst()) {
      #expect(a.customerAmountAtRisk >= b.customerAmountAtRisk)
      if a.customerID != b.customerID {
        #expect(!result.worklist.prefix(a.rank).contains { $0.customerID == b.customerID })
      }
    }
    #expect(result.cashForecast.count == 13)
    for w in result.cashForecast {
      #expect(w.p10 <= w.expected && w.expected <= w.p90 && w.p10 >= 0)
    }
    // Ageing adds up to the open balance.
    let ageingTotal = result.ageing.reduce(0) { $0 + $1.total }
    let openTotal = open.reduce(0) { $0 + h.amount[$1] }
    #expect(abs(ageingTotal - openTotal) < 1e-6)
  }

  @Test func holdsFollowThePolicy() throws {
    let (portfolio, model) = try EngineFixtures.trainedIBM()
    var policy = CreditPolicy()
    policy.holdDaysPastDue = 5  // tight, so some customers qualify
    let result = Scorer(model: model, policy: policy).score(portfolio)
    let grades = Dictionary(
      uniqueKeysWithValues: result.customers.map { ($0.customerID, $0.riskGrade) })
    var maxDPD: [String: Int] = [:]
    for i in result.invoices {
      maxDPD[i.customerID] = max(maxDPD[i.customerID] ?? .min, i.daysPastDue)
    }
    var holds = 0
    for d in result.creditLimits {
      let overdue = (maxDPD[d.customerID] ?? .min) > policy.holdDaysPastDue
      let badGrade = policy.holdGrades.contains(grades[d.customerID] ?? "")
      let customer = result.customers.first { $0.customerID == d.customerID }!
      let over =
        d.currentLimit.map { $0 > 0 && customer.openBalance > policy.holdUtilisation * $0 } ?? false
      #expect(d.hold == (overdue || badGrade || over), "\(d.customerID)")
      if d.hold {
        holds += 1
        #expect(d.reason.hasPrefix("hold: "))
      }
      #expect(d.recommendedLimit >= 0)
    }
    #expect(holds > 0)
  }

  @Test func scoringIsDeterministic() throws {
    let (portfolio, model) = try EngineFixtures.trainedIBM()
    let a = Scorer(model: model).score(portfolio)
    let b = Scorer(model: model).score(portfolio)
    #expect(a.invoices == b.invoices)
    #expect(a.customers == b.customers)
    #expect(a.worklist == b.worklist)
    #expect(a.cashForecast == b.cashForecast)
  }

  /// Scoring names no line of the file: a history without its source lines (what `score`
  /// keeps once the history is loaded) scores the same.
  @Test func scoringReadsNoSourceLine() throws {
    let (portfolio, model) = try EngineFixtures.trainedIBM()
    var released = portfolio
    released.history.releaseSourceLines()
    #expect(released.history.sourceLines.isEmpty && !portfolio.history.sourceLines.isEmpty)
    #expect(released.history.invoiceIDs == portfolio.history.invoiceIDs)
    let a = Scorer(model: model).score(portfolio)
    let b = Scorer(model: model).score(released)
    #expect(a.invoices == b.invoices && !a.invoices.isEmpty)
    #expect(a.customers == b.customers)
    #expect(a.worklist == b.worklist)
    #expect(a.cashForecast == b.cashForecast)
  }

  @Test func unseenRegionsAreScoredAsTheBaselineAndCounted() throws {
    let (portfolio, model) = try EngineFixtures.trainedIBM()
    var moved = portfolio
    // Every invoice of one customer moves to a region the model never saw.
    let customer = moved.history.customerIndex[0]
    var region = try #require(moved.history.region)
    region.levels.append("ATLANTIS")
    let code = Int32(region.levels.count - 1)
    var changed = 0
    for k in 0..<moved.history.count where moved.history.customerIndex[k] == customer {
      region.codes[k] = code
      if moved.isOpen(k) { changed += 1 }
    }
    moved.history.region = region
    let result = Scorer(model: model).score(moved)
    // Its open invoices, and apart its next-invoice probe; the level named.
    #expect(result.unseenCategoryRows == changed)
    #expect(result.unseenCategoryCustomers == 1)
    #expect(result.unseenCategoryLevels == ["region ATLANTIS"])
    for row in result.invoices { #expect((0...1).contains(row.pd)) }
  }
}

@Suite("Collections ladder")
struct CollectionsLadderTests {
  let ladder = CollectionsLadder()
  let due = Day(year: 2025, month: 6, day: 30) ?? Day(rawValue: 0)

  @Test(arguments: [
    (-20, "pre-due reminder", -7), (-7, "pre-due reminder", 0), (-3, "pre-due reminder", 0),
    (0, "follow-up", 7), (5, "follow-up", 7), (7, "follow-up", 0), (20, "call", 0),
    (50, "demand letter", 0), (120, "agency referral", 0),
  ])
  func nextAction(daysPastDue: Int, action: String, dateOffset: Int) {
    let asOf = due.adding(days: daysPastDue)
    let next = ladder.nextAction(dueDate: due, asOf: asOf, disputed: false)
    #expect(next.action == action)
    // dateOffset 0 = due now (the as-of date); otherwise relative to the due date.
    #expect(next.date == (dateOffset == 0 ? asOf : due.adding(days: dateOffset)))
  }

  @Test func disputesGoFirst() {
    let next = ladder.nextAction(dueDate: due, asOf: due.adding(days: 100), disputed: true)
    #expect(next.action == "dispute resolution")
  }
}
