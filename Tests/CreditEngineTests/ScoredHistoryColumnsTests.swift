import CreditData
import Synchronization
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

  /// A book made for a portfolio handed over gives up the ids before it groups the invoices,
  /// keeping the open invoices': the customers it lists and their probes are those of a book that keeps them,
  /// and the scores, promises and letters are those read with every id.
  @Test func theIDsGoBeforeTheInvoicesAreGrouped() throws {
    let portfolio = Self.portfolio()
    var scorer = Scorer(model: try Trainer().train(portfolio))
    scorer.makesLetters = true
    let kept = OpenBook(portfolio, policy: scorer.policy, rule: scorer.model.rule)
    let released = OpenBook(
      portfolio, policy: scorer.policy, rule: scorer.model.rule, releasingIDs: true)
    #expect(released.portfolio.history.invoiceIDs.isEmpty)
    #expect(portfolio.history.invoiceIDs.count == portfolio.history.count)
    #expect(
      released.openInvoiceIDs == InvoiceIDs(kept.openRows.map { portfolio.history.invoiceIDs[$0] }))
    #expect(released.listed == kept.listed && released.probeRows == kept.probeRows)
    let whole = scorer.score(kept).result
    let handedOver = scorer.score(portfolio)
    #expect(!whole.invoices.isEmpty && handedOver.invoices == whole.invoices)
    #expect(handedOver.customers == whole.customers)
    #expect(handedOver.customers.contains { $0.promiseRecord != nil })
    #expect(handedOver.collections.letters == whole.collections.letters)
    #expect(handedOver.cashForecast == whole.cashForecast)
  }

  /// Scoring says where it has given up much of what it made, twice, and scores the same.
  @Test func scoringSaysWhereItFreedMemory() throws {
    let portfolio = Self.portfolio()
    var scorer = Scorer(model: try Trainer().train(portfolio))
    let calls = Counter()
    scorer.memoryFreed = { calls.add() }
    let result = scorer.score(portfolio)
    #expect(calls.value == 2)
    #expect(result.invoices == Scorer(model: scorer.model).score(portfolio).invoices)
  }

  /// A count that tasks on other threads add to.
  final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
  }
}
