import CreditData
import CreditModels
import Foundation
import Testing

@testable import CreditEngine

/// Training at a snapshot uses nothing that happened after it.
@Suite struct SnapshotDisciplineTests {
  /// The fitted models' JSON (the delinquency, Cox, Weibull and cure fits and the feature
  /// spec), sorted keys, for comparing two trainings byte for byte.
  private func fitted(_ m: TrainedModel) throws -> [Data] {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return [
      try e.encode(m.features), try e.encode(m.delinquency), try e.encode(m.timeToPaymentCox),
      try e.encode(m.timeToPaymentWeibull), try e.encode(m.timeToPaymentCure),
    ]
  }

  /// Rewriting everything after the cutoff changes nothing trained or scored at it.
  ///
  /// Invoices issued later get other amounts,
  /// customers, terms, flags and payments; invoices open at the cutoff get other payment
  /// dates (or none) and write-off flags. Trained at the cutoff (the backtest's view of the
  /// history), the fits and the open book's scores are identical to the last bit; trained at a later date, they differ
  /// (so the rewrite reaches the models when it may).
  @Test func rowsAfterTheCutoffNeverReachTheFits() throws {
    let history = try EngineFixtures.ibm()
    let cutoff = Day(iso: "2013-03-31")!
    var altered = history
    var changedLater = 0
    var changedOpen = 0
    for k in 0..<history.count {
      if history.issueDate[k] > cutoff {
        altered.amount[k] *= 7.5
        altered.disputed[k].toggle()
        altered.paperless[k].toggle()
        altered.customerIndex[k] = history.customerIndex[(k * 7919) % history.count]
        altered.dueDate[k] = history.dueDate[k].adding(days: 15)
        altered.paidDate[k] = k % 3 == 0 ? nil : history.paidDate[k].map { $0.adding(days: 40) }
        altered.writtenOff[k] = k % 5 == 0
        changedLater += 1
      } else if history.paidDate[k].map({ $0 > cutoff }) ?? true {
        // Open at the cutoff: paid later, earlier-but-after-the-cutoff, or never.
        altered.paidDate[k] =
          k % 2 == 0 ? nil : cutoff.adding(days: 1 + k % 20)
        altered.writtenOff[k] = k % 4 == 0 && cutoff.days(since: history.dueDate[k]) <= 180
        changedOpen += 1
      }
    }
    #expect(changedLater > 500 && changedOpen > 50)
    let backtest = Backtest(cutoff: cutoff)
    let a = try Trainer().train(backtest.pointInTime(Portfolio(history: history)))
    let b = try Trainer().train(backtest.pointInTime(Portfolio(history: altered)))
    #expect(a.timeToPaymentCure != nil)
    #expect(try fitted(a) == fitted(b))
    // And the open book is scored the same: PD, dates, P(ever paid), the cash forecast.
    let sa = Scorer(model: a).score(backtest.pointInTime(Portfolio(history: history)))
    let sb = Scorer(model: b).score(backtest.pointInTime(Portfolio(history: altered)))
    #expect(sa.invoices.count > 50 && sa.invoices.count == sb.invoices.count)
    #expect(sa.invoices.map(\.pd) == sb.invoices.map(\.pd))
    #expect(sa.invoices.map(\.expectedPaymentDate) == sb.invoices.map(\.expectedPaymentDate))
    #expect(sa.invoices.map(\.pPaidEver) == sb.invoices.map(\.pPaidEver))
    #expect(sa.invoices.map(\.paymentDateP10) == sb.invoices.map(\.paymentDateP10))
    #expect(sa.invoices.map(\.paymentDateP90) == sb.invoices.map(\.paymentDateP90))
    #expect(sa.cashForecast.map(\.expected) == sb.cashForecast.map(\.expected))
    let later = Day(iso: "2013-09-30")!
    let c = try Trainer().train(Portfolio(history: history, asOf: later))
    let d = try Trainer().train(Portfolio(history: altered, asOf: later))
    #expect(try fitted(c)[1] != fitted(d)[1])
  }

  /// What the date correction knows of an invoice open on a snapshot date (its days past due,
  /// its customer's other past-due invoices, payments since its issue) is the same whatever
  /// happened after that date: invoices issued later and payments made later are rewritten,
  /// and the facts on the snapshot date of every invoice open then are unchanged, while the
  /// facts on the later as-of date change.
  @Test func snapshotFactsUseNothingAfterTheSnapshot() throws {
    let history = try EngineFixtures.ibm()
    let snapshot = Day(iso: "2013-02-28")!
    let asOf = Day(iso: "2013-09-30")!
    var altered = history
    for k in 0..<history.count {
      if history.issueDate[k] > snapshot {
        altered.customerIndex[k] = history.customerIndex[(k * 7919) % history.count]
        altered.dueDate[k] = history.dueDate[k].adding(days: -25)
        altered.paidDate[k] = k % 3 == 0 ? nil : history.paidDate[k].map { $0.adding(days: 40) }
      } else if let paid = history.paidDate[k], paid > snapshot {
        altered.paidDate[k] = k % 2 == 0 ? nil : snapshot.adding(days: 1 + k % 5)
      }
    }
    let a = Portfolio(history: history, asOf: asOf)
    let b = Portfolio(history: altered, asOf: asOf)
    let open = (0..<history.count).filter {
      history.issueDate[$0] <= snapshot && (history.paidDate[$0].map { $0 > snapshot } ?? true)
    }
    #expect(open.count > 50)
    let sa = PointInTimeState(a, dates: [snapshot, asOf])
    let sb = PointInTimeState(b, dates: [snapshot, asOf])
    let facts = { (s: PointInTimeState, p: Portfolio, d: Int) in
      open.map { s.facts(p, row: $0, date: d) }
    }
    #expect(facts(sa, a, 0) == facts(sb, b, 0))
    #expect(Set(facts(sa, a, 0).map(OpenDateCorrection.cell)).count >= 6)
    #expect(facts(sa, a, 1) != facts(sb, b, 1))
  }

  /// The customers' pace (`prior_log_pace`) on a snapshot date, of every invoice issued by then
  /// and of each customer's next invoice the day after, is the same whatever was paid after
  /// that date (payments later or never, early payments late), by either grouping of the
  /// invoices (training's and the scorer's); on the later as-of date it changes.
  @Test func paceUsesNothingAfterTheSnapshot() throws {
    let history = try EngineFixtures.ibm()
    let snapshot = Day(iso: "2013-03-31")!
    let asOf = Day(iso: "2013-09-30")!
    var altered = history
    var changed = 0
    for k in 0..<history.count {
      guard let paid = history.paidDate[k], paid > snapshot else { continue }
      altered.paidDate[k] = k % 3 == 0 ? nil : paid.adding(days: k % 3 == 1 ? 60 : 1)
      changed += 1
    }
    #expect(changed > 500)
    let builder = FeatureBuilder()
    func pace(_ h: InvoiceHistory, at date: Day, issuedGrouping: Bool) -> [Double] {
      let p = Backtest(cutoff: date).pointInTime(Portfolio(history: h))
      let rows = (0..<h.count).filter { h.issueDate[$0] <= date }
      let next = (0..<h.customerIDs.count).map {
        FeatureQuery(
          customer: Int32($0), date: date.adding(days: 1), amount: 100, termsDays: 30,
          disputed: false, paperless: false, creditLimit: nil)
      }
      let queries = builder.invoiceQueries(p, rows: rows) + next
      let f =
        issuedGrouping
        ? builder.features(p, queries: queries, issued: IssuedInvoices(p))
        : builder.features(p, queries: queries)
      return (0..<queries.count).map { f[.priorLogPace, $0] }
    }
    for issued in [false, true] {
      let before = pace(history, at: snapshot, issuedGrouping: issued)
      #expect(before.contains { $0 != 0 })
      #expect(before == pace(altered, at: snapshot, issuedGrouping: issued))
      #expect(
        pace(history, at: asOf, issuedGrouping: issued)
          != pace(altered, at: asOf, issuedGrouping: issued))
    }
  }
}
