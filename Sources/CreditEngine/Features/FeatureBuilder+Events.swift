import CPrefetch
import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

extension FeatureBuilder {
  // MARK: - Events

  /// One dated change to a customer's running totals.
  ///
  /// 24 bytes (the fields are declared widest first): there are about three per invoice, and
  /// building, sorting and sweeping them streams the whole array several times.
  struct Event: Sendable {
    enum Kind: UInt8 { case issued, paid, overdue, late, knownOnTime }
    var amount: Double
    var date: Int32
    /// Days paid after due for a paid invoice, capped at `daysLateCap`; -1 when its outcome is
    /// not tracked (credit notes).
    var daysLate: Int16
    var kind: Kind
    /// For a payment: the invoice had gone overdue (paid after its due date).
    var wasOverdue: Bool
    /// For a payment: `log((days from issue to payment + 1) / (days of terms + 1))`, how slowly
    /// it was paid for its terms (0 for other events).
    var pace: Float = 0

    init(date: Int32, kind: Kind, amount: Double, daysLate: Int32, wasOverdue: Bool = false) {
      self.amount = amount
      self.date = date
      self.daysLate = Int16(min(daysLate, Self.daysLateCap))
      self.kind = kind
      self.wasOverdue = wasOverdue
    }

    /// Days late count up to a year in the features (mean days late), so no more is stored.
    static let daysLateCap: Int32 = 365
  }

  /// Calls `body` with the events of invoice `k` (issued by the as-of date), in a fixed order.
  /// - Parameter terms: the due dates as terms, when the history has given up its column of
  ///   them (nil: read off the column).
  @inline(__always)
  private func forEachEvent(
    _ h: InvoiceHistory, _ k: Int, asOf: Int32, terms: InvoiceTerms? = nil,
    _ body: (Event) -> Void
  ) {
    let issue = h.issueDate[k]
    forEachEvent(
      issue: issue.rawValue, due: (terms?.due(k, issue: issue) ?? h.dueDate[k]).rawValue,
      paid: h.paidDate[k].map(\.rawValue).flatMap { $0 <= asOf ? $0 : nil }, amount: h.amount[k],
      asOf: asOf, body)
  }

  /// Calls `body` with the events of an invoice issued by the as-of date, in a fixed order.
  /// - Parameter paid: its payment date if paid by the as-of date.
  @inline(__always)
  private func forEachEvent(
    issue: Int32, due: Int32, paid: Int32?, amount: Double, asOf: Int32,
    _ body: (Event) -> Void
  ) {
    let firstLate = rule.firstLateDay(due: Day(rawValue: due)).rawValue
    body(Event(date: issue, kind: .issued, amount: amount, daysLate: 0))
    if paid.map({ $0 > due }) ?? true, due + 1 <= asOf {
      body(Event(date: due + 1, kind: .overdue, amount: amount, daysLate: 0))
    }
    let trackOutcome = amount > 0
    if trackOutcome, paid.map({ $0 >= firstLate }) ?? true, firstLate <= asOf {
      body(Event(date: firstLate, kind: .late, amount: amount, daysLate: 0))
    }
    if let paid {
      let days = max(0, paid - due)
      var event = Event(
        date: paid, kind: .paid, amount: amount, daysLate: trackOutcome ? days : -1,
        wasOverdue: paid > due)
      event.pace = Float(Self.pace(issue: issue, due: due, paid: paid))
      body(event)
      if trackOutcome, paid < firstLate {
        body(Event(date: paid, kind: .knownOnTime, amount: amount, daysLate: 0))
      }
    }
  }

  /// `log((paid − issue + 1) / (due − issue + 1))` (days, each at least 0).
  static func pace(issue: Int32, due: Int32, paid: Int32) -> Double {
    log1pOfDays(max(paid - issue, 0)) - log1pOfDays(max(due - issue, 0))
  }

  /// `log1p(days)`, from `log1pOfWhole` where it reaches (the same values: a lookup instead of
  /// two `log1p` calls for every paid invoice in every read of the events).
  @inline(__always)
  private static func log1pOfDays(_ days: Int32) -> Double {
    let logs = log1pOfWhole
    return Int(days) < logs.count ? logs[Int(days)] : log1p(Double(days))
  }

  /// Each customer's invoices issued by the as-of date, in file order: customer c's are
  /// `invoices[start[c] ..< start[c + 1]]`.
  package struct CustomerInvoices: Sendable {
    var start: [Int]
    var invoices: [Int32]
    /// The history's due dates as terms, when it gives up its column of them (training; nil:
    /// the sweep reads the column).
    var terms: InvoiceTerms? = nil
  }

  /// The invoices issued by the as-of date, grouped by customer (a counting sort on both
  /// cores that keeps file order within each customer).
  ///
  /// 4 bytes an invoice: the sweep makes each customer's events from them when it comes to
  /// that customer (`customerEvents`), instead of holding every customer's events at once
  /// (16 bytes an event, about three an invoice: 530 MB at 10M invoices).
  /// - Parameter terms: the history's due dates as terms, for a caller that gives up its
  ///   column of them (kept with the grouping, which the sweep reads them with).
  func customerInvoices(_ portfolio: Portfolio, terms: InvoiceTerms? = nil) -> CustomerInvoices {
    let h = portfolio.history
    let asOf = portfolio.asOf.rawValue
    precondition(h.count <= Int(Int32.max), "too many invoices for 32-bit positions")
    let (start, invoices) = ChunkedGrouping.grouping(
      h.count, groups: h.customerIDs.count,
      group: { h.issueDate[$0].rawValue <= asOf ? Int(h.customerIndex[$0]) : nil },
      value: { Int32($0) })
    return CustomerInvoices(start: start, invoices: invoices, terms: terms)
  }

  /// Where the sweep finds each customer's invoices: its own grouping of the rows (read from
  /// the history's columns), or the scorer's `IssuedInvoices` (read side by side).
  enum InvoiceGroups: Sendable {
    case rows(CustomerInvoices)
    case issued(IssuedInvoices)
  }

  /// Customer `c`'s events in date order, same-day events in invoice order and, within an
  /// invoice, in `forEachEvent`'s order, written into `events`.
  /// - Returns: the customer's first issue day (nil: no invoice issued by the as-of date).
  func customerEvents(
    _ portfolio: Portfolio, _ groups: InvoiceGroups, customer c: Int,
    into events: inout [Event], keys: inout [UInt64], scratch: inout [Event]
  ) -> Day? {
    let asOf = portfolio.asOf.rawValue
    events.removeAll(keepingCapacity: true)
    var first = Int32.max
    switch groups {
    case .rows(let grouped):
      let h = portfolio.history
      for i in grouped.start[c]..<grouped.start[c + 1] {
        let k = Int(grouped.invoices[i])
        first = min(first, h.issueDate[k].rawValue)
        forEachEvent(h, k, asOf: asOf, terms: grouped.terms) { events.append($0) }
      }
    case .issued(let issued):
      for invoice in issued[customer: c] {
        first = min(first, invoice.issue)
        forEachEvent(
          issue: invoice.issue, due: invoice.due, paid: invoice.paidByAsOf,
          amount: invoice.amount, asOf: asOf
        ) { events.append($0) }
      }
    }
    events.withUnsafeMutableBufferPointer { block in
      Self.sortByDate(block, keys: &keys, scratch: &scratch)
    }
    return first == Int32.max ? nil : Day(rawValue: first)
  }

  /// The population's outcome counts per day, from every issued invoice's events as
  /// `forEachEvent` gives them (none stored).
  package func populationCounts(_ portfolio: Portfolio) -> PopulationCounts {
    let h = portfolio.history
    let asOf = portfolio.asOf.rawValue
    return PopulationCounts(asOf: portfolio.asOf, count: h.count) { range, body in
      for k in range where h.issueDate[k].rawValue <= asOf {
        forEachEvent(h, k, asOf: asOf, body)
      }
    }
  }

  /// Sorts one customer's events by date, keeping the given order among equal dates.
  ///
  /// A customer's events span a few years of days, so a stable LSD counting sort on the day
  /// offset (one or two 8-bit digits) does it in a few linear passes; a comparison sort of
  /// (date, position) keys took about four times as long over a million invoices. Spans of
  /// 2¹⁶ days or more fall back to that sort.
  private static func sortByDate(
    _ block: UnsafeMutableBufferPointer<Event>, keys: inout [UInt64], scratch: inout [Event]
  ) {
    var sorted = true
    var low = Int32.max
    var high = Int32.min
    for i in block.indices {
      let d = block[i].date
      if i > 0, d < block[i - 1].date { sorted = false }
      low = min(low, d)
      high = max(high, d)
    }
    if sorted { return }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: block)
    let span = Int(high) - Int(low)
    guard span < 1 << 16 else {
      keys.removeAll(keepingCapacity: true)
      for (i, e) in block.enumerated() {
        keys.append(UInt64(UInt32(bitPattern: e.date) ^ 0x8000_0000) << 32 | UInt64(i))
      }
      keys.sort()
      for (i, key) in keys.enumerated() { block[i] = scratch[Int(key & 0xFFFF_FFFF)] }
      return
    }
    // Digit passes from scratch into block (and back, for a second digit).
    scratch.withUnsafeMutableBufferPointer { other in
      var source = other
      var target = block
      var shift: Int32 = 0
      var count = (0..<256).map { _ in 0 }
      repeat {
        for d in 0..<256 { count[d] = 0 }
        for e in source { count[Int(((e.date - low) >> shift) & 255)] += 1 }
        var running = 0
        for d in 0..<256 {
          let c = count[d]
          count[d] = running
          running += c
        }
        for e in source {
          let d = Int(((e.date - low) >> shift) & 255)
          target[count[d]] = e
          count[d] += 1
        }
        swap(&source, &target)
        shift += 8
      } while shift < 16 && span >> Int(shift) > 0
      // After an even number of passes the result is in scratch: copy it into the block.
      if source.baseAddress != block.baseAddress {
        for i in block.indices { block[i] = source[i] }
      }
    }
  }

  /// A customer's running totals during the sweep: its open and overdue amounts and its
  /// payment record.
  struct SweepState {
    var open = 0.0
    var overdue = 0.0
    var record = PaymentRecord()

    mutating func apply(_ e: Event) {
      switch e.kind {
      case .issued:
        record.issued += 1
        open += e.amount
      case .overdue:
        overdue += e.amount
      case .late:
        record.countLate(on: Day(rawValue: e.date))
      case .knownOnTime:
        record.countOnTime()
      case .paid:
        open -= e.amount
        if e.wasOverdue { overdue -= e.amount }
        if e.daysLate >= 0 {
          // The pace as the event stores it (a `Float`).
          record.countPaid(daysLate: Double(e.daysLate), pace: Double(e.pace))
        }
      }
    }
  }
}

extension FeatureBuilder.CustomerInvoices {
  /// Asks for the cache lines of customer `c`'s invoices in the columns a training sweep reads
  /// first (`targets`, issue and payment dates, amounts, terms), all of them before any is read.
  ///
  /// A customer's invoices lie scattered through the history, and the sweep's first reads of
  /// their columns waited for memory invoice after invoice; the prefetches do not wait, so
  /// those reads find the lines cached or on their way (training at a million invoices: about
  /// 25 ms of CPU less).
  func prefetch(customer c: Int, _ h: InvoiceHistory, targets: [Int32]) {
    let rows = start[c]..<start[c + 1]
    invoices.withUnsafeBufferPointer { invoices in
      targets.prefetch(rows, of: invoices)
      h.issueDate.prefetch(rows, of: invoices)
      h.paidDate.storage.prefetch(rows, of: invoices)
      h.amount.prefetch(rows, of: invoices)
      terms?.prefetch(rows, of: invoices)
    }
  }
}

extension Array {
  /// Asks for the cache lines of the elements at `invoices[i]` for each `i` of `rows`.
  func prefetch(_ rows: Range<Int>, of invoices: UnsafeBufferPointer<Int32>) {
    withUnsafeBufferPointer { column in
      guard let base = column.baseAddress else { return }
      for i in rows { prefetch_read(base + Int(invoices[i])) }
    }
  }
}
