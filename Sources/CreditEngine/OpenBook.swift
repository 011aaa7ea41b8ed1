import CreditData

/// What is open at the as-of date, gathered once for scoring: the open invoices, the customer
/// tallies, the customers to list and a typical next invoice (probe) for each of them.
struct OpenBook: Sendable {
  var portfolio: Portfolio
  var asOf: Day { portfolio.asOf }
  /// Open invoices with a positive amount, in file order (the ones scored).
  var openRows: [Int]
  /// Open credit notes and zero amounts: in balances and ageing, not scored.
  var creditNotes: [Int]
  /// Every customer's tally, in customer order.
  var tallies: [CustomerTally]
  /// The customers of customers.csv: an open balance, or activity within the policy's
  /// look-back (each has an issued invoice).
  var listed: [Int]
  /// Each listed customer's latest invoice, and its typical next invoice issued the day after
  /// the as-of date (its features see everything up to and including the as-of date).
  var probeRows: [Int]
  var probes: [FeatureQuery]
  /// The invoices issued by the as-of date, grouped by customer: read by the tallies and the
  /// feature sweep.
  var issued: IssuedInvoices
  /// The customers' regions and industries, made once for every set of rows scored.
  var categories: Portfolio.CustomerCategories
  /// The probes' regions and industries, read before the history's region and industry
  /// columns are given up (`releaseColumnsBeforeSweep`); nil while it has them.
  var probeCategories: (regions: Categorical, industries: Categorical)?
  /// The open invoices' ids, in `openRows` order, picked before the history's ids are given
  /// up (`releaseInvoiceIDs`); nil while it has them.
  var openInvoiceIDs: InvoiceIDs?

  /// - Parameter releasingIDs: give up the history's invoice ids, keeping the open invoices'
  ///   (`releaseInvoiceIDs`), before the issued invoices are grouped, for a caller that has
  ///   read what else needs them (`Scorer.HistoryReads`) and hands its portfolio over: the
  ///   grouped invoices and the customers' tallies are then made without the ids beside them.
  init(
    _ portfolio: consuming Portfolio, policy: CreditPolicy, rule: DelinquencyRule,
    releasingIDs: Bool = false
  ) {
    self.portfolio = consume portfolio
    let asOf = self.portfolio.asOf
    categories = self.portfolio.customerCategories()
    var openRows: [Int] = []
    var creditNotes: [Int] = []
    for k in 0..<self.portfolio.history.count where self.portfolio.isOpen(k) {
      if self.portfolio.history.amount[k] > 0 { openRows.append(k) } else { creditNotes.append(k) }
    }
    self.openRows = openRows
    self.creditNotes = creditNotes
    if releasingIDs {
      openInvoiceIDs = self.portfolio.history.invoiceIDs.picking(openRows)
      self.portfolio.history.releaseIdentifiers()
    }
    let p = self.portfolio
    let h = p.history
    let issued = IssuedInvoices(p)
    self.issued = issued
    let tallies = CustomerTally.all(
      p, issued: issued, volumeLookbackDays: policy.volumeLookbackDays, rule: rule)
    self.tallies = tallies
    let listed = (0..<h.customerIDs.count).filter { c in
      tallies[c].lastInvoice != nil
        && (tallies[c].hasOpen
          || (tallies[c].lastActivity.map { asOf.days(since: $0) < policy.activityLookbackDays }
            ?? false))
    }
    self.listed = listed
    let probeRows = listed.compactMap { tallies[$0].lastInvoice }
    self.probeRows = probeRows
    self.probes = zip(listed, probeRows).map { c, k -> FeatureQuery in
      FeatureQuery(
        customer: Int32(c), date: asOf.adding(days: 1),
        amount: tallies[c].typicalAmount ?? max(h.amount[k], 0),
        termsDays: tallies[c].typicalTerms ?? h.dueDate[k].days(since: h.issueDate[k]),
        disputed: false, paperless: h.paperless[k],
        creditLimit: p.creditLimit(customer: c, invoice: k))
    }
  }

  /// The probes' regions and industries (`probeCategories`, or read off the history).
  var probeRegionsAndIndustries: (regions: Categorical, industries: Categorical) {
    probeCategories
      ?? (
        portfolio.regions(rows: probeRows, categories),
        portfolio.industries(rows: probeRows, categories)
      )
  }

  /// Gives up the history's columns that nothing from the feature sweep on reads.
  ///
  /// Those are the paperless and currency columns and the region and industry codes (about
  /// 13 bytes an invoice): the queries and the categories of the open invoices and the
  /// landmark rows are read first (`Scorer.SweepInputs`), and the probes' categories are kept
  /// (`probeCategories`); the currency is read at the start (`Scorer.score`).
  ///
  /// Only the book's copy is emptied: a caller that kept its portfolio keeps its columns.
  mutating func releaseColumnsBeforeSweep() {
    probeCategories = probeRegionsAndIndustries
    portfolio.history.paperless = []
    portfolio.history.currency = nil
    portfolio.history.region = nil
    portfolio.history.industry = nil
  }

  /// Gives up the history's payment dates and written-off flags, which nothing after the
  /// predictions reads (5 bytes an invoice).
  ///
  /// The promises and disputes, the accepted plans, the
  /// new invoices' run rate and the discounts' take-up, which read the whole history, are
  /// read first (`Scorer.score`).
  ///
  /// Only the book's copy is emptied: a caller that kept its portfolio keeps its columns.
  mutating func releaseColumnsAfterPredictions() {
    portfolio.history.paidDate = []
    portfolio.history.writtenOff = []
  }

  /// The id of open invoice `i` (`openRows[i]`).
  func openInvoiceID(_ i: Int) -> String {
    openInvoiceIDs?[i] ?? portfolio.history.invoiceIDs[openRows[i]]
  }

  /// Gives up the history's invoice ids (about 16 bytes an invoice), keeping the open
  /// invoices' (`openInvoiceIDs`).
  ///
  /// What else reads the ids, matching the promises, disputes, discounts and accepted plans to
  /// the invoices, is read first (`Scorer.score`).
  ///
  /// Only the book's copy is emptied: a caller that kept its portfolio keeps its ids.
  mutating func releaseInvoiceIDs() {
    openInvoiceIDs = openInvoiceIDs ?? portfolio.history.invoiceIDs.picking(openRows)
    portfolio.history.releaseIdentifiers()
  }

  /// Hands over the issued invoices, leaving the book without them.
  mutating func takeIssued() -> IssuedInvoices {
    defer { issued = IssuedInvoices() }
    return issued
  }
}
