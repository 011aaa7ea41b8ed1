import CreditData
import CreditModels
import Foundation
import TestSupport
import Testing

@testable import CreditEngine

/// The open invoices' slope in days past due (`DelinquencyCalibration.openSlope`): its
/// landmark rows, and how `score` applies it.
@Suite struct OpenInvoiceCalibrationTests {
  static let asOf = day("2025-12-31")

  /// The landmark rows are the invoices issued by each landmark, not paid by then and not
  /// yet late, with their age, late age and share of the late days past due then.
  @Test func landmarkRowsAreTheInvoicesOpenAndNotLateThen() throws {
    let portfolio = Portfolio(history: try EngineFixtures.sample(), asOf: Self.asOf)
    let h = portfolio.history
    let rule = DelinquencyRule()
    let invoices = (0..<h.count).filter { portfolio.isIssued($0) && h.amount[$0] > 0 }
    let rows = DelinquencyCalibration.landmarkRows(portfolio, invoices: invoices, rule: rule)
    let marks = DelinquencyCalibration.landmarks(asOf: Self.asOf)
    #expect(marks.first == Self.asOf.adding(days: -DelinquencyCalibration.windowDays))
    for (m, mark) in marks.enumerated() {
      let expected = invoices.indices.filter { j in
        let k = invoices[j]
        let paid = portfolio.paidByAsOf(k)
        return h.issueDate[k] <= mark && (paid.map { $0 > mark } ?? true)
          && mark.days(since: h.dueDate[k]) <= rule.lateDays
      }
      let found = rows.filter { $0.landmark == m }
      #expect(found.map(\.row) == expected)
      #expect(found.count > 100)
    }
    var pastDue = 0
    for r in rows {
      let k = invoices[r.row]
      let dpd = marks[r.landmark].days(since: h.dueDate[k])
      #expect(r.age == Double(marks[r.landmark].days(since: h.issueDate[k])))
      #expect(r.lateAge > r.age)
      #expect(r.overdue == Double(min(max(dpd, 0), 30)) / 30)
      #expect(r.customer == Int(h.customerIndex[k]))
      if dpd > 0 { pastDue += 1 }
    }
    #expect(pastDue > 50)
  }

  /// A model trained on the sample has the slope; scored with it, an open invoice's PD
  /// log-odds are the ones without it (a model file written before it, which reads as nil)
  /// plus the slope times its share of the late days past due: unchanged until due, the
  /// whole slope at the late age.
  @Test func theSlopeMovesPastDueInvoicesOnly() throws {
    let portfolio = Portfolio(history: try EngineFixtures.sample(), asOf: Self.asOf)
    let model = try Trainer().train(portfolio)
    let open = try #require(model.openInvoiceCalibration)
    #expect(open.events >= DelinquencyCalibration.minimumOutcomes)
    #expect(open.groups > 10 && open.groupCorrelation >= 0)
    #expect(open.usedSlope != 0 && abs(open.usedSlope) <= abs(open.slope))

    let older = try model.decodedWithout("openInvoiceCalibration")
    #expect(older.openInvoiceCalibration == nil)

    let with = Scorer(model: model).score(portfolio).invoices
    let without = Scorer(model: older).score(portfolio).invoices
    #expect(with.count == without.count)
    var (notDue, due) = (0, 0)
    for (a, b) in zip(with, without) where a.daysPastDue <= model.lateDays {
      #expect(a.invoiceID == b.invoiceID)
      let z = Double(min(max(a.daysPastDue, 0), model.lateDays)) / Double(model.lateDays)
      let moved = log(a.pd / (1 - a.pd)) - log(b.pd / (1 - b.pd))
      #expect(isClose(moved, open.usedSlope * z, rtol: 1e-9, atol: 1e-9), "\(a.invoiceID)")
      if a.daysPastDue <= 0 { notDue += 1 } else { due += 1 }
    }
    #expect(notDue > 10 && due > 10)
  }

  /// IBM has 8 late invoices in 2,466: too few at the landmarks for the slope.
  @Test func fewOutcomesLeaveNoSlope() throws {
    let portfolio = Portfolio(history: try EngineFixtures.ibm(), asOf: day("2013-09-30"))
    #expect(try Trainer().train(portfolio).openInvoiceCalibration == nil)
  }
}
