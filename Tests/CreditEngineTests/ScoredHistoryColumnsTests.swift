import CreditData
import Testing

@testable import CreditEngine

/// Scoring gives up the history's columns that nothing after the predictions reads (payment
/// dates, flags, currency, region and industry; the invoice ids, but the open invoices', before
/// the predictions) on its own copy of the book, after reading what needs the whole history.
@Suite("Scored history columns")
struct ScoredHistoryColumnsTests {
  /// The sample with its promises and disputes, and discounts on a customer's first invoices.
  static func portfolio() -> Portfolio {
    var portfolio = CollectionsBookTests.portfolio
    let h = portfolio.history
    let c = h.customerIndex[0]
    let offered = (0..<h.count).filter { h.customerIndex[$0] == c }.prefix(4)
    portfolio.collections.discounts = DiscountTable(
      invoiceIDs: offered.map { h.invoiceIDs[$0] }, taken: [true, true, true, false])
    portfolio.collections.discountTerms.costOfCapital = 100
    return portfolio
  }

  @Test func releasingEmptiesTheBooksCopyOnly() throws {
    let portfolio = Self.portfolio()
    let n = portfolio.history.count
    let book = OpenBook(portfolio, policy: CreditPolicy(), rule: DelinquencyRule())
    var released = book
    released.releaseColumnsBeforeSweep()
    released.releaseColumnsAfterPredictions()
    released.releaseInvoiceIDs()
    let h = released.portfolio.history
    #expect(h.paidDate.isEmpty && h.writtenOff.isEmpty && h.paperless.isEmpty)
    #expect(h.currency == nil && h.region == nil && h.industry == nil && h.invoiceIDs.isEmpty)
    #expect(h.count == n && h.issueDate.count == n && h.dueDate.count == n)
    #expect(h.amount.count == n && h.disputed.count == n)
    let kept = book.portfolio.history
    #expect(kept.paidDate.count == n && kept.invoiceIDs.count == n && kept.region != nil)
    #expect(portfolio.history.paidDate.count == n && portfolio.history.invoiceIDs.count == n)
    // The open invoices keep their ids.
    #expect(!book.openRows.isEmpty && book.openInvoiceIDs == nil)
    #expect(released.openInvoiceIDs == InvoiceIDs(book.openRows.map { kept.invoiceIDs[$0] }))
    #expect(
      book.openRows.indices.allSatisfy { released.openInvoiceID($0) == book.openInvoiceID($0) })
  }

  /// The probes' regions and industries are kept when the history's columns go: the
  /// customers' facts (which state them) are those read off the history.
  @Test func theProbesKeepTheirRegionsAndIndustries() throws {
    let portfolio = Self.portfolio()
    #expect(portfolio.history.region != nil && portfolio.history.industry != nil)
    let scorer = Scorer(model: try Trainer().train(portfolio))
    let book = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    var released = book
    released.releaseColumnsBeforeSweep()
    #expect(released.portfolio.history.region == nil && released.probeCategories != nil)
    let facts = scorer.customerFacts(book)
    #expect(!facts.isEmpty && scorer.customerFacts(released) == facts)
    #expect(Set(facts.map(\.region)).count > 1)
  }

  /// What reads the whole history after the predictions is read before the columns go: the
  /// new invoices' run rate, the discounts' own take-up, the promises on the letters'
  /// invoices; a book the caller keeps still has every column.
  @Test func whatReadsTheWholeHistoryIsReadFirst() throws {
    let portfolio = Self.portfolio()
    var scorer = Scorer(model: try Trainer().train(portfolio))
    scorer.makesLetters = true
    let book = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    let result = scorer.score(book).result
    #expect(book.portfolio.history.paidDate.count == portfolio.history.count)
    #expect(book.portfolio.history.invoiceIDs == portfolio.history.invoiceIDs)
    #expect(result.cashForecast.map(\.expectedNew) == NewInvoiceRunRate.weekly(portfolio))
    #expect(result.collections.discountOffers.contains { $0.takeUpBasis == "own" })
    let events = CollectionsBook(portfolio)
    let rowOf = Dictionary(
      portfolio.history.invoiceIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let invoices = result.collections.letters.flatMap(\.invoices)
    #expect(!invoices.isEmpty && invoices.contains { $0.promise != nil })
    for invoice in invoices {
      let k = try #require(rowOf[invoice.invoiceID])
      #expect(invoice.promise == events.promiseOnInvoice[k])
      #expect(invoice.dueDate == portfolio.history.dueDate[k])
    }
  }
}
