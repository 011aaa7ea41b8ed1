import CreditData
import Testing

@testable import CreditEngine

@Suite("Issued invoices")
struct IssuedInvoicesTests {
  /// The sweep gives the same features from the scorer's grouped invoices as from its own
  /// grouping of the history's rows: every invoice at its issue date and every customer the
  /// day after the as-of date, at the sample's as-of date and at one in the middle of it
  /// (invoices issued or paid after it, credit notes, open invoices past due).
  @Test func theSweepReadsTheSameEventsFromEitherGrouping() throws {
    let h = SampleData.portfolio.history
    for portfolio in SampleData.atTwoDates {
      let asOf = portfolio.asOf
      let builder = FeatureBuilder()
      let issued = IssuedInvoices(portfolio)
      let rows = (0..<h.count).filter { portfolio.isIssued($0) }
      let probes = (0..<h.customerIDs.count).map { c in
        FeatureQuery(
          customer: Int32(c), date: asOf.adding(days: 1), amount: 100, termsDays: 30,
          disputed: false, paperless: false, creditLimit: nil)
      }
      let queries = builder.invoiceQueries(portfolio, rows: rows) + probes
      #expect(issued.invoices.count == rows.count)
      let fromRows = builder.features(portfolio, queries: queries)
      let fromIssued = builder.features(portfolio, queries: queries, issued: issued)
      #expect(fromIssued.storage == fromRows.storage, "as of \(asOf)")
    }
  }

  /// Scoring gives up its book's issued invoices once the predictions are made, on its own
  /// copy: a book the caller keeps (as a shard's scoring does) still has all of them, and the
  /// empty value that replaces them has no invoices.
  @Test func scoringKeepsTheCallersIssuedInvoices() throws {
    let portfolio = SampleData.portfolio
    let scorer = Scorer(model: try Trainer().train(portfolio))
    let book = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    let issued = book.issued.invoices.count
    #expect(issued == (0..<portfolio.history.count).filter { portfolio.isIssued($0) }.count)
    let scored = scorer.score(book).result
    #expect(book.issued.invoices.count == issued)
    #expect(scored.invoices.map(\.invoiceID) == scorer.score(portfolio).invoices.map(\.invoiceID))
    let empty = IssuedInvoices()
    #expect(empty.invoices.isEmpty && empty.start == [0])
  }

  /// Scoring hands its issued invoices to the predictions, which give them up before the date
  /// correction runs: the corrected dates and the probes' predictions are those made with
  /// the book keeping its invoices throughout.
  @Test func predictionsGiveUpTheIssuedInvoicesWithTheSameDates() throws {
    let portfolio = SampleData.portfolio
    let scorer = Scorer(model: try Trainer().train(portfolio))
    let book = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    let kept = scorer.predict(book)
    let scored = scorer.score(book)
    let timing = try #require(kept.invoices.timing)
    let corrected = try #require(scored.invoices.timing)
    #expect(corrected.median == timing.median && corrected.p10 == timing.p10)
    #expect(corrected.p90 == timing.p90 && !timing.median.isEmpty)
    #expect(scored.invoices.pd == kept.invoices.pd)
    // The correction's state, read off the invoices handed over, against its own grouping.
    let marks = [-90, -30].map { portfolio.asOf.adding(days: $0) }
    let read = try #require(scorer.dateCorrectionState(book, book.issued, marks: marks))
    let own = PointInTimeState(portfolio, dates: marks + [portfolio.asOf])
    #expect(read.state.overdue == own.overdue && read.state.lastPaid == own.lastPaid)
    let payments = CustomerPaymentDays(portfolio)
    for c in 0..<portfolio.history.customerIDs.count {
      #expect(
        read.payments.typicalDays(customer: c, on: portfolio.asOf)
          == payments.typicalDays(customer: c, on: portfolio.asOf))
    }
    #expect(
      scored.probes.pd == kept.probes.pd && scored.probes.contributions == kept.probes.contributions
    )
  }

  /// Each grouped invoice holds its row, dates, amounts and flags in 32 bytes, and gives back
  /// what the history and the as-of date say of it: written off, open, last activity, owed.
  @Test func eachInvoiceIsItsRowIn32Bytes() throws {
    #expect(MemoryLayout<IssuedInvoices.Invoice>.stride == 32)
    for portfolio in SampleData.atTwoDates {
      let h = portfolio.history
      let issued = IssuedInvoices(portfolio)
      var writtenOff = 0
      for invoice in issued.invoices {
        let k = Int(invoice.row)
        let paid = portfolio.paidByAsOf(k)
        #expect(invoice.issue == h.issueDate[k].rawValue && invoice.due == h.dueDate[k].rawValue)
        #expect(invoice.writtenOff == h.writtenOff[k])
        #expect(invoice.open == portfolio.isOpen(k))
        #expect(invoice.paidByAsOf == paid?.rawValue)
        #expect(invoice.activity == max(h.issueDate[k], paid ?? h.issueDate[k]).rawValue)
        #expect(invoice.owed == (portfolio.isOpen(k) ? portfolio.owed(k) : 0))
        if invoice.writtenOff { writtenOff += 1 }
      }
      #expect(writtenOff > 0, "as of \(portfolio.asOf)")
    }
  }

  /// The state on a few dates and the customers' typical days to pay, made from the grouped
  /// invoices, against their definitions counted row by row over the history.
  @Test func stateAndPaymentDaysFollowTheirDefinitions() throws {
    let h = SampleData.portfolio.history
    let customers = h.customerIDs.count
    for portfolio in SampleData.atTwoDates {
      let asOf = portfolio.asOf
      let dates = [-400, -90, -30, 0].map { asOf.adding(days: $0) }
      let state = PointInTimeState(portfolio, dates: dates)
      var overdue = [Int32](repeating: 0, count: dates.count * customers)
      var lastPaid = [Int32](repeating: .min, count: dates.count * customers)
      var paidDays = [[(day: Int32, days: Double)]](repeating: [], count: customers)
      for k in 0..<h.count where h.amount[k] > 0 {
        let c = Int(h.customerIndex[k])
        let paid = portfolio.paidByAsOf(k)
        if let paid {
          paidDays[c].append((paid.rawValue, Double(paid.days(since: h.issueDate[k]))))
        }
        guard !h.writtenOff[k] else { continue }
        for (d, t) in dates.enumerated() where h.issueDate[k] <= t {
          let slot = d * customers + c
          if let paid, paid <= t {
            lastPaid[slot] = max(lastPaid[slot], paid.rawValue)
          } else if h.dueDate[k] < t {
            overdue[slot] += 1
          }
        }
      }
      #expect(state.overdue == overdue, "as of \(asOf)")
      #expect(state.lastPaid == lastPaid, "as of \(asOf)")
      #expect(overdue.contains { $0 > 0 } && lastPaid.contains { $0 > Int32.min })
      let payments = CustomerPaymentDays(portfolio)
      for c in 0..<customers {
        for t in dates {
          // The last ten payments made by t (stable by day), their median.
          let last = paidDays[c].enumerated().filter { $0.element.day <= t.rawValue }
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.suffix(10)
          var values = last.map(\.element.days)
          let expected = SampleStatistics.median(sorting: &values)
          #expect(payments.typicalDays(customer: c, on: t) == expected, "customer \(c) on \(t)")
        }
      }
    }
  }
}
