import CreditData
import CreditEngine
import TestSupport
import Testing

/// Promises and disputes on the bundled sample at its as-of date (2025-12-31): an active
/// promise pauses the ladder, a broken one moves it a rung up, an open dispute pauses only
/// its own invoice; promise records agree with the simulation's truth.
@Suite("Promises and disputes")
struct CollectionsBookTests {
  static let portfolio: Portfolio = {
    var p = SampleData.portfolio
    do {
      p.collections = CollectionsRecords(
        promises: try PromiseTable.load(path: datasetsDirectory() + "/promises.csv"),
        disputes: try DisputeTable.load(path: datasetsDirectory() + "/disputes.csv"))
    } catch {
      fatalError("cannot load the sample's promises and disputes: \(error)")
    }
    return p
  }()
  static let book = CollectionsBook(portfolio)
  let ladder = CollectionsLadder()

  /// The open invoices (rows) of the sample at its as-of date.
  var openRows: [Int] {
    let p = Self.portfolio
    return (0..<p.history.count).filter { p.isOpen($0) && p.history.amount[$0] > 0 }
  }

  func plans(_ k: Int) -> (with: CollectionsLadder.Plan, without: CollectionsLadder.Plan) {
    let h = Self.portfolio.history
    let with = Self.book.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: h.disputed[k])
    let without = ladder.plan(
      dueDate: h.dueDate[k], asOf: Self.portfolio.asOf, disputed: h.disputed[k])
    return (with, without)
  }

  /// The worklist's date without words is the plan's, on every open invoice (promises in
  /// force and broken, open disputes, flagged disputes, the ladder alone).
  @Test func actionDateIsThePlansDate() {
    let h = Self.portfolio.history
    for k in openRows {
      let date = Self.book.actionDate(
        k, ladder: ladder, dueDate: h.dueDate[k], disputed: h.disputed[k])
      #expect(date == plans(k).with.date, "\(h.invoiceIDs[k])")
    }
    #expect(openRows.contains { Self.book.promiseOnInvoice[$0] != nil })
    #expect(openRows.contains { Self.book.hasOpenDispute($0) })
  }

  @Test func activePromisePausesTheLadderUntilItsDate() {
    let h = Self.portfolio.history
    let paused = openRows.filter {
      Self.book.promiseOnInvoice[$0]?.isActive == true && !h.disputed[$0]
        && !Self.book.hasOpenDispute($0)
    }
    #expect(paused.count >= 3)
    for k in paused {
      let (with, without) = plans(k)
      let promise = Self.book.promiseOnInvoice[k]
      #expect(with.action == CollectionsLadder.promiseCheckAction)
      #expect(with.date == promise?.promisedDate.adding(days: 1))
      #expect(with.date > Self.portfolio.asOf)
      #expect(with.reason.contains("ladder paused until then"))
      #expect(with != without)
    }
    // INV00007461: promised 4,908.42 by 2025-12-31, 12 days past due; the ladder alone
    // would have a follow-up now.
    let k = h.invoiceIDs.firstIndex(of: "INV00007461") ?? -1
    #expect(paused.contains(k))
    #expect(plans(k).without.action == "follow-up")
    #expect(plans(k).without.date == Self.portfolio.asOf)
    #expect(plans(k).with.date == Day(iso: "2026-01-01"))
  }

  /// The reason of an active promise names the ladder's action on the day the promise is
  /// checked, not today's: the sample's INV00007454, 12 days past due with a promise to pay by
  /// 2026-01-05, is checked at 18 days past due, on the call rung (it read "follow-up after").
  @Test func activePromiseNamesTheRungAfterThePause() throws {
    let h = Self.portfolio.history
    let k = try #require(h.invoiceIDs.firstIndex(of: "INV00007454"))
    let (with, without) = plans(k)
    #expect(without.action == "follow-up")
    #expect(with.action == CollectionsLadder.promiseCheckAction)
    #expect(with.date == day("2026-01-06"))
    #expect(
      with.reason
        == "12 days past due: promise to pay 6,806 by 2026-01-05 (made 2025-12-28); ladder "
        + "paused until then, call after")
  }

  @Test func brokenPromiseMovesOneRungUpAndSaysSo() {
    let h = Self.portfolio.history
    let broken = openRows.filter {
      Self.book.promiseOnInvoice[$0]?.isActive == false && !h.disputed[$0]
        && !Self.book.hasOpenDispute($0)
    }
    #expect(broken.count >= 3)
    let steps = ladder.steps.map(\.action)
    for k in broken {
      let (with, without) = plans(k)
      let from = steps.firstIndex(of: without.action) ?? -1
      #expect(with.action == steps[min(from + 1, steps.count - 1)])
      #expect(with.date == Self.portfolio.asOf)
      #expect(with.reason.hasPrefix("broken promise to pay"))
      // On the last rung the action stays where it is, and the reason says so rather than
      // claim a move up (it read "one rung up from agency referral" for agency referral):
      // see brokenPromiseOnTheLastRungSaysItStaysThere.
      if from == steps.count - 1 {
        #expect(with.reason.contains("not paid: already at the last rung, \(without.action)"))
      } else {
        #expect(with.reason.contains("not paid: one rung up from \(without.action)"))
      }
      // The rung taken now is not announced as the next one.
      #expect(!with.reason.contains("then \(with.action)"), "\(with.reason)")
    }
    // INV00006980: 51 days past due (demand letter), promise of 2025-12-03 broken.
    let k = h.invoiceIDs.firstIndex(of: "INV00006980") ?? -1
    #expect(broken.contains(k))
    #expect(plans(k).without.action == "demand letter")
    #expect(plans(k).with.action == "agency referral")
    #expect(
      plans(k).with.reason
        == "broken promise to pay 3,305 by 2025-12-03 (made 2025-11-27), not paid: one rung up "
        + "from demand letter; 51 days past due: demand letter (from 45 days past due) now")
  }

  /// A broken promise on an invoice already at the ladder's last rung leaves the action
  /// there, and the reason says that it is there instead of a move up that did not happen.
  @Test func brokenPromiseOnTheLastRungSaysItStaysThere() {
    let h = Self.portfolio.history
    let last = ladder.steps[ladder.steps.count - 1].action
    #expect(last == "agency referral")
    // INV00005811 (promise of 2025-08-07) and INV00005650 (2025-08-09): 162 and 159 days past
    // due, on the last rung before and after.
    for id in ["INV00005811", "INV00005650"] {
      let k = h.invoiceIDs.firstIndex(of: id) ?? -1
      #expect(k >= 0 && Self.book.promiseOnInvoice[k]?.isActive == false, "\(id)")
      guard k >= 0 else { continue }
      let (with, without) = plans(k)
      #expect(without.action == last && with.action == last, "\(id)")
      #expect(with.date == Self.portfolio.asOf)
      #expect(!with.reason.contains("one rung up"), "\(with.reason)")
    }
    let k = h.invoiceIDs.firstIndex(of: "INV00005650") ?? -1
    #expect(
      plans(k).with.reason
        == "broken promise to pay 2,312 by 2025-08-09 (made 2025-08-01), not paid: already at "
        + "the last rung, agency referral; 159 days past due: agency referral (from 90 days "
        + "past due) now")
  }

  /// A broken promise moves up from the rung the invoice is on, not from the first rung of
  /// that action's name: with a ladder that sends a reminder twice, INV00006980 (51 days past
  /// due, on the second reminder) went back down to the call at 15 days, "one rung up from
  /// reminder".
  @Test func brokenPromiseMovesUpFromItsOwnRungWhenTwoRungsShareAName() throws {
    var ladder = CollectionsLadder()
    ladder.steps = [
      .init(action: "reminder", daysFromDue: -7), .init(action: "call", daysFromDue: 15),
      .init(action: "reminder", daysFromDue: 30), .init(action: "agency referral", daysFromDue: 90),
    ]
    let h = Self.portfolio.history
    let k = try #require(h.invoiceIDs.firstIndex(of: "INV00006980"))
    #expect(Self.book.promiseOnInvoice[k]?.isActive == false)
    let plan = Self.book.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: false)
    #expect(plan.action == "agency referral")
    #expect(plan.date == Self.portfolio.asOf)
    #expect(plan.reason.contains("not paid: one rung up from reminder; 51 days past due: "))
  }

  @Test func openDisputePausesOnlyItsInvoice() {
    let h = Self.portfolio.history
    let disputed = openRows.filter { Self.book.hasOpenDispute($0) }
    #expect(disputed.count >= 10)
    var customersWithOthers = 0
    for k in disputed {
      let (with, _) = plans(k)
      #expect(with.action == ladder.disputeAction)
      #expect(with.reason.contains("reminders paused"))
      // The customer's other open invoices, without a promise or dispute of their own,
      // follow the ladder unchanged.
      let others = openRows.filter {
        $0 != k && h.customerIndex[$0] == h.customerIndex[k] && !h.disputed[$0]
          && !Self.book.hasOpenDispute($0) && Self.book.promiseOnInvoice[$0] == nil
      }
      if !others.isEmpty { customersWithOthers += 1 }
      for o in others {
        let (other, plain) = plans(o)
        #expect(other == plain)
        #expect(other.action != ladder.disputeAction)
      }
    }
    #expect(customersWithOthers >= 5)
  }

  /// An invoice the history flags disputed whose disputes the disputes file shows resolved
  /// is no longer in dispute: it follows the ladder (the sample's INV00005967, 135 days past
  /// due, resolved 2025-09-01, had been left to dispute resolution).
  @Test func aResolvedDisputeNoLongerPausesTheLadder() {
    let h = Self.portfolio.history
    let resolved = openRows.filter { h.disputed[$0] && Self.book.resolvedDisputes.contains($0) }
    #expect(resolved.count >= 10)
    for k in resolved {
      #expect(!Self.book.isDisputed(k, flagged: true), "\(h.invoiceIDs[k])")
      let plan = Self.book.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: false)
      #expect(plan.action != ladder.disputeAction, "\(h.invoiceIDs[k])")
    }
    let k = try? #require(h.invoiceIDs.firstIndex(of: "INV00005967"))
    #expect(k.map(resolved.contains) == true)
    // A flag with no dispute in the file stays a dispute.
    let flaggedOnly = openRows.filter {
      h.disputed[$0] && !Self.book.resolvedDisputes.contains($0) && !Self.book.hasOpenDispute($0)
    }
    #expect(flaggedOnly.allSatisfy { Self.book.isDisputed($0, flagged: true) })
  }

  /// An invoice the history flags disputed whose dispute the disputes file opens only after
  /// the as-of date is not yet in dispute: the sample's INV00007466 (dispute opened
  /// 2025-12-02) follows the ladder on 2025-12-01 (it had gone to dispute resolution, "disputed,
  /// due in 48 days", a day before the customer raised it) and is in dispute on 2025-12-03.
  @Test func aDisputeOpenedAfterTheAsOfDateDoesNotYetPauseTheLadder() throws {
    var p = Self.portfolio
    p.asOf = day("2025-12-01")
    let book = CollectionsBook(p)
    let h = p.history
    let k = try #require(h.invoiceIDs.firstIndex(of: "INV00007466"))
    #expect(h.disputed[k])
    #expect(p.isOpen(k))
    #expect(!book.isDisputed(k, flagged: true))
    let plan = book.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: false)
    #expect(plan.action != ladder.disputeAction)
    let later = (0..<h.count).filter {
      p.isOpen($0) && h.disputed[$0] && book.laterDisputes.contains($0)
    }
    #expect(later.count >= 5)
    #expect(later.allSatisfy { !book.isDisputed($0, flagged: true) })
    p.asOf = day("2025-12-03")
    let opened = CollectionsBook(p)
    #expect(opened.hasOpenDispute(k))
    #expect(opened.isDisputed(k, flagged: true))
    #expect(!opened.laterDisputes.contains(k))
  }

  /// Kept or broken, by the history's payment dates, agrees with the simulation's truth for
  /// every promise whose date passed by the as-of date.
  @Test func promiseRecordsAgreeWithTheTruth() throws {
    let truth = try CSVReader.table(path: datasetsDirectory() + "/truth_promises.csv")
    let kept = truth.column(try #require(truth.columnIndex(named: "kept")))
    let p = try #require(Self.portfolio.collections.promises)
    let asOf = Self.portfolio.asOf
    var byCustomer: [String: PromiseRecord] = [:]
    for i in 0..<p.count where p.promisedDate[i] < asOf {
      byCustomer[p.customerIDs[i], default: PromiseRecord()].matured += 1
      if kept[i] == "true" { byCustomer[p.customerIDs[i], default: PromiseRecord()].kept += 1 }
    }
    let h = Self.portfolio.history
    var compared = 0
    for (id, record) in byCustomer {
      let c = try #require(h.customerIDs.firstIndex(of: id))
      #expect(Self.book.promiseRecords[c] == record, "\(id)")
      compared += record.matured
    }
    #expect(compared > 700)
    #expect(Self.book.promiseRecords.count == byCustomer.count)
  }

  @Test func disputeTimesAreHandComputed() {
    let times = DisputeTimes(Self.book)
    #expect(times.resolved + times.open == 790)
    // Resolution days 1, 2, 4, 10 -> median 3, mean 4.25, p90 at 2.7 between 4 and 10.
    var book = Self.book
    book.resolutionDays = [10, 1, 4, 2]
    book.openDisputeAges = [5]
    let small = DisputeTimes(book)
    #expect(small.medianDays == 3)
    #expect(small.meanDays == 4.25)
    #expect(abs((small.p90Days ?? 0) - 8.2) < 1e-12)
    #expect(
      small.line
        == "disputes: 4 resolved in a median of 3.0 days (mean 4.3, 90th percentile 8.2); 1 open, median age 5.0 days"
    )
  }

  /// Rows naming an unknown invoice or customer, or another customer's invoice, are skipped
  /// and counted; a customer promise covers the invoices issued by the day it was made.
  @Test func skippedRowsAndCustomerPromises() {
    var p = Self.portfolio
    let h = p.history
    let c = Int(h.customerIndex[0])
    let other = h.customerIDs[(c + 1) % h.customerIDs.count]
    p.collections = CollectionsRecords(
      promises: PromiseTable(
        customerIDs: ["NOPE", h.customerIDs[c], other, h.customerIDs[c]],
        invoiceIDs: ["", "NOPE", h.invoiceIDs[0], ""], amount: [1, 1, 1, 1e9],
        promisedDate: [p.asOf, p.asOf, p.asOf, day("2024-06-01")],
        madeOn: [nil, nil, nil, day("2024-05-01")],
        report: LoadReport(fileName: "promises.csv")),
      disputes: DisputeTable(
        invoiceIDs: ["NOPE"], opened: [p.asOf], resolved: [nil], reason: [""],
        report: LoadReport(fileName: "disputes.csv")))
    let book = CollectionsBook(p)
    #expect(book.skippedPromises?.count == 3)
    #expect(
      book.skippedPromises?.messages == [
        "promises.csv: 1 row skipped: customer not in the history (line 2)",
        "promises.csv: 1 row skipped: invoice not in the history (line 3)",
        "promises.csv: 1 row skipped: invoice of another customer (line 4)",
      ])
    #expect(
      book.skippedDisputes?.messages == [
        "disputes.csv: 1 row skipped: invoice not in the history (line 2)"
      ])
    // 1e9 promised by 2024-06-01: matured and broken.
    #expect(book.promiseRecords[c] == PromiseRecord(matured: 1, kept: 0))
  }

  /// A row whose id the history has with other leading zeros or letter case (a spreadsheet
  /// wrote 910856055 for 0910856055) is skipped with that said: it read 'invoice not in the
  /// history', as for an invoice the history does not have at all.
  @Test func skippedRowsSayWhenTheHistoryHasTheIdWithOtherZerosOrCase() {
    var p = Self.portfolio
    let h = p.history
    let c = Int(h.customerIndex[0])
    let customer = h.customerIDs[c]
    p.collections = CollectionsRecords(
      promises: PromiseTable(
        customerIDs: [customer.lowercased(), customer, customer],
        invoiceIDs: ["", "0" + h.invoiceIDs[0], "NOPE"], amount: [1, 1, 1],
        promisedDate: [p.asOf, p.asOf, p.asOf], madeOn: [nil, nil, nil],
        report: LoadReport(fileName: "promises.csv")),
      disputes: DisputeTable(
        invoiceIDs: [h.invoiceIDs[0].lowercased()], opened: [p.asOf], resolved: [nil],
        reason: [""], report: LoadReport(fileName: "disputes.csv")))
    let book = CollectionsBook(p)
    let asWritten =
      " not in the history as written, which has it with other leading zeros, letter case or "
      + "spaces (ids match exactly; a spreadsheet drops a number's leading zeros: keep the ids "
      + "as text)"
    #expect(
      book.skippedPromises?.messages == [
        "promises.csv: 1 row skipped: customer\(asWritten) (line 2)",
        "promises.csv: 1 row skipped: invoice not in the history (line 4)",
        "promises.csv: 1 row skipped: invoice\(asWritten) (line 3)",
      ])
    #expect(
      book.skippedDisputes?.messages == [
        "disputes.csv: 1 row skipped: invoice\(asWritten) (line 2)"
      ])
  }

  /// A customer promise without a made_on date whose date has passed covers the invoices
  /// issued by that date, not one issued after it.
  ///
  /// It covered every invoice issued by the as-of date, so an invoice issued after the
  /// promise's date went one rung up the ladder for a promise that could not be about it (a
  /// follow-up now on an invoice due in 39 days).
  @Test func aCustomerPromiseWithoutMadeOnLeavesOutInvoicesIssuedAfterItsDate() throws {
    var p = Self.portfolio
    let h = p.history
    let k = try #require(
      openRows.first { k in
        !h.disputed[k]
          && (0..<h.count).contains {
            h.customerIndex[$0] == h.customerIndex[k] && h.issueDate[$0] < h.issueDate[k]
          }
      })
    let c = Int(h.customerIndex[k])
    let promised = h.issueDate[k].adding(days: -1)
    p.collections = CollectionsRecords(
      promises: PromiseTable(
        customerIDs: [h.customerIDs[c]], invoiceIDs: [""], amount: [1e9],
        promisedDate: [promised], madeOn: [nil], report: LoadReport(fileName: "promises.csv")),
      disputes: nil)
    let book = CollectionsBook(p)
    #expect(book.promiseOnInvoice[k] == nil)
    let earlier = (0..<h.count).filter {
      Int(h.customerIndex[$0]) == c && h.issueDate[$0] <= promised
    }
    #expect(!earlier.isEmpty)
    #expect(earlier.allSatisfy { book.promiseOnInvoice[$0]?.isActive == false })
    let plan = book.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: false)
    #expect(plan == ladder.plan(dueDate: h.dueDate[k], asOf: p.asOf, disputed: false))
  }

  /// A customer promise without a made_on date counts at any as-of date: it covers the
  /// customer's invoices issued by then, pausing their ladder while it is in force and
  /// counting their payments when it matures (it had covered none: paused nothing, never
  /// kept).
  @Test func aCustomerPromiseWithoutMadeOnCoversTheCustomersInvoices() throws {
    var p = Self.portfolio
    let h = p.history
    let k = try #require(openRows.first { !h.disputed[$0] })
    let c = Int(h.customerIndex[k])
    let open = openRows.filter { Int(h.customerIndex[$0]) == c }
    p.collections = CollectionsRecords(
      promises: PromiseTable(
        customerIDs: [h.customerIDs[c], h.customerIDs[c]], invoiceIDs: ["", ""],
        amount: [1, 1], promisedDate: [day("2025-06-30"), p.asOf.adding(days: 5)],
        madeOn: [nil, nil], report: LoadReport(fileName: "promises.csv")),
      disputes: nil)
    let book = CollectionsBook(p)
    #expect(!open.isEmpty)
    for o in open {
      #expect(book.promiseOnInvoice[o]?.isActive == true, "\(h.invoiceIDs[o])")
    }
    let plan = book.plan(k, ladder: ladder, dueDate: h.dueDate[k], disputed: false)
    #expect(plan.action == CollectionsLadder.promiseCheckAction)
    #expect(plan.date == p.asOf.adding(days: 6))
    // The later row is in force (ties of made_on); 1.00 promised by 2025-06-30 matured, and
    // the customer paid invoices before then, so it was kept.
    #expect(book.promiseRecords[c] == PromiseRecord(matured: 1, kept: 1))
  }
}
