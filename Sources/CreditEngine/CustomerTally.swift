import CreditData
import LinearAlgebra

/// One customer's invoices at the as-of date, summed up for scoring: balances, ageing, recent
/// volume and the typical invoice its probe query is built from.
struct CustomerTally: Sendable {
  /// Amount open (credit notes included).
  var openBalance = 0.0
  /// Amount open and past due.
  var overdueBalance = 0.0
  /// Amount written off and not paid by the as-of date: not open, but unpaid in the features,
  /// which count an invoice open until it is paid (a write-off has no date).
  var writtenOffBalance = 0.0
  /// The open amount in each `AgeingBucket`.
  var ageing = AgeingBucket.zeros
  /// Some invoice or credit note is open.
  var hasOpen = false
  /// The latest issue or payment date.
  var lastActivity: Day?
  /// The latest issued invoice (the last in file order among those issued that day).
  var lastInvoice: Int?
  /// Positive amounts issued within the policy's volume look-back.
  var recentVolume = 0.0
  /// Median amount and most frequent terms of the invoices with a positive amount.
  var typicalAmount: Double?
  var typicalTerms: Int?
  /// The largest days past due over the open invoices with a positive amount.
  var maxDaysPastDue: Int?
  /// The payment record the reasons quote, counted as the features count it (`FeatureBuilder`
  /// at the day after the as-of date).
  var record = PaymentRecord()
  /// The first issue date.
  var firstIssue: Day?
  /// Its recent payment behaviour against its own record (nil with too little to compare).
  var distress: DistressSignal?

  /// The tallies of every customer, in customer order, computed customer by customer on both
  /// cores; each customer's sums run over its invoices in file order, and its distress
  /// signal (`DistressSignal`) reads the same invoices.
  static func all(
    _ portfolio: Portfolio, volumeLookbackDays: Int, rule: DelinquencyRule = DelinquencyRule()
  ) -> [CustomerTally] {
    all(
      portfolio, issued: IssuedInvoices(portfolio), volumeLookbackDays: volumeLookbackDays,
      rule: rule)
  }

  /// The tallies from the invoices issued by the as-of date, already grouped.
  static func all(
    _ portfolio: Portfolio, issued: IssuedInvoices, volumeLookbackDays: Int,
    rule: DelinquencyRule = DelinquencyRule()
  ) -> [CustomerTally] {
    let asOf = portfolio.asOf
    let customerCount = portfolio.history.customerIDs.count
    let lookback = asOf.rawValue - Int32(volumeLookbackDays)
    let lateDays = Int32(rule.lateDays)
    let daysLateCap = Int32(FeatureBuilder.Event.daysLateCap)
    // Each chunk's tallies are made where they end up, not in an array of the chunk's own
    // joined afterwards.
    let chunks = Parallel.chunks(customerCount, minimumChunk: 256)
    return Parallel.array(count: customerCount, ranges: chunks) { k, tallies in
      // Scratch for the medians and modes, reused across the chunk's customers.
      var amounts: [Double] = []
      var terms: [Int] = []
      var distressScratch = DistressSignal.Scratch()
      for (slot, c) in chunks[k].enumerated() {
        var t = CustomerTally()
        amounts.removeAll(keepingCapacity: true)
        terms.removeAll(keepingCapacity: true)
        var lastIssue = Int32.min
        var lastActivity = Int32.min
        let invoices = issued[customer: c]
        for invoice in invoices {
          let amount = invoice.amount
          lastActivity = max(lastActivity, invoice.activity)
          if invoice.issue >= lastIssue {
            lastIssue = invoice.issue
            t.lastInvoice = Int(invoice.row)
          }
          if invoice.issue > lookback { t.recentVolume += max(amount, 0) }
          t.record.issued += 1
          t.firstIssue = min(
            t.firstIssue ?? Day(rawValue: invoice.issue), Day(rawValue: invoice.issue))
          if amount > 0 {
            amounts.append(amount)
            terms.append(Int(invoice.due - invoice.issue))
            t.countOutcome(
              issue: invoice.issue, due: invoice.due, paid: invoice.paid, asOf: asOf.rawValue,
              lateDays: lateDays,
              daysLateCap: daysLateCap)
          }
          if invoice.writtenOff, invoice.paid == Int32.max, amount > 0 {
            t.writtenOffBalance += amount
          }
          guard invoice.open else { continue }
          t.hasOpen = true
          t.openBalance += invoice.owed
          let dpd = Int(asOf.rawValue - invoice.due)
          if dpd > 0 { t.overdueBalance += invoice.owed }
          t.ageing[AgeingBucket(daysPastDue: dpd).rawValue] += invoice.owed
          guard amount > 0 else { continue }
          t.maxDaysPastDue = max(t.maxDaysPastDue ?? dpd, dpd)
        }
        if lastActivity != Int32.min { t.lastActivity = Day(rawValue: lastActivity) }
        t.typicalAmount = SampleStatistics.median(sorting: &amounts)
        t.typicalTerms = SampleStatistics.mode(sorting: &terms)
        t.distress = DistressSignal(
          invoices.lazy.map {
            DistressSignal.Invoice(
              issue: $0.issue, due: $0.due, paid: $0.paid, amount: $0.amount,
              writtenOff: $0.writtenOff)
          }, asOf: asOf, &distressScratch)
        (tallies.start + slot).initialize(to: t)
      }
    }.0
  }
}

extension CustomerTally {
  /// Counts the outcome of one invoice with a positive amount as known at the as-of date: late
  /// once unpaid more than `lateDays` past due or paid that late, on time when paid before;
  /// paid invoices add their days after due and their pace.
  fileprivate mutating func countOutcome(
    issue: Int32, due: Int32, paid: Int32, asOf: Int32, lateDays: Int32, daysLateCap: Int32
  ) {
    let firstLate = due + lateDays + 1
    let isPaid = paid != Int32.max
    if firstLate <= asOf, !isPaid || paid >= firstLate {
      record.countLate(on: Day(rawValue: firstLate))
    } else if isPaid {
      record.countOnTime()
    }
    if isPaid {
      record.countPaid(
        daysLate: Double(min(max(0, paid - due), daysLateCap)),
        pace: FeatureBuilder.pace(issue: issue, due: due, paid: paid))
    }
  }
}
