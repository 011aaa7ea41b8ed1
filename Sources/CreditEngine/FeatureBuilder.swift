import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// The numeric features of an invoice, each computed from what was known at its issue date.
public enum NumericFeature: String, CaseIterable, Codable, Sendable {
  case logAmount = "log_amount"
  case terms = "terms_30"
  case disputed = "disputed"
  case paperless = "paperless"
  case logPriorInvoices = "log_prior_invoices"
  case priorLateRate = "prior_late_rate"
  case priorMeanDaysLate = "prior_mean_days_late"
  case logDaysSinceLate = "log_days_since_late"
  case logOpenBalance = "log_open_balance"
  case logOverdueBalance = "log_overdue_balance"
  case utilisation = "utilisation"
  case hasCreditLimit = "has_credit_limit"
  case logTenure = "log_tenure"

  /// What the feature means, in the words a credit manager uses (for reason codes).
  public var adverseReason: String {
    switch self {
    case .logAmount: return "Large invoice amount"
    case .terms: return "Long payment terms"
    case .disputed: return "Invoice in dispute"
    case .paperless: return "Paper (not electronic) billing"
    case .logPriorInvoices: return "Short invoice history"
    case .priorLateRate: return "High share of invoices paid late"
    case .priorMeanDaysLate: return "Pays many days late on average"
    case .logDaysSinceLate: return "Recent late payment"
    case .logOpenBalance: return "High open balance"
    case .logOverdueBalance: return "High overdue balance"
    case .utilisation: return "High use of credit limit"
    case .hasCreditLimit: return "Credit limit status"
    case .logTenure: return "Short relationship"
    }
  }
}

/// An invoice-like point at which to compute features: a real invoice at its issue date, or a
/// hypothetical next invoice of a customer at the as-of date (for customer-level scores).
public struct FeatureQuery: Sendable {
  // Stored in 32 bytes, widest first (a training sweep holds one per invoice): the credit limit
  // as NaN when absent, the terms in 32 bits (clamped; invoice terms are a few hundred days).
  public var amount: Double
  private var limit: Double
  public var customer: Int32
  public var date: Day
  private var terms: Int32
  public var disputed: Bool
  public var paperless: Bool

  /// Days from issue to due.
  public var termsDays: Int {
    get { Int(terms) }
    set { terms = Int32(clamping: newValue) }
  }

  /// The customer's credit limit, nil when unknown (a NaN limit counts as unknown).
  public var creditLimit: Double? {
    get { limit.isNaN ? nil : limit }
    set { limit = newValue ?? .nan }
  }

  public init(
    customer: Int32, date: Day, amount: Double, termsDays: Int, disputed: Bool, paperless: Bool,
    creditLimit: Double?
  ) {
    self.amount = amount
    self.limit = creditLimit ?? .nan
    self.customer = customer
    self.date = date
    self.terms = Int32(clamping: termsDays)
    self.disputed = disputed
    self.paperless = paperless
  }
}

/// Raw (unscaled) feature values, row by row: feature `f` of row `i` is
/// `storage[i * rowStride + firstColumn + f]`.
///
/// Row-major because the feature sweep writes whole rows, in the order of the customers'
/// events rather than the rows' (one or two cache lines per row instead of one per feature),
/// and the design is then built row by row. Rows are usually exactly the features
/// (`rowStride` = `NumericFeature.allCases.count`); training lays them out inside wider rows
/// instead, where the design matrix will have them, so that the design is then made in place
/// (`FeatureSpec.design(reusing:regions:industries:)`) rather than copied.
public struct RawFeatures: Sendable {
  /// The values (see the type's description).
  public var storage: [Double]
  /// Number of rows.
  public var count: Int
  /// Distance between rows in `storage`.
  public var rowStride: Int
  /// Position of the first feature within a row.
  public var firstColumn: Int

  /// Features over existing row-major storage, one row of `NumericFeature.allCases.count`
  /// after another.
  public init(storage: [Double], count: Int) {
    self.init(
      storage: storage, count: count, rowStride: NumericFeature.allCases.count, firstColumn: 0)
  }

  /// Features over existing storage in rows of `rowStride` values, starting at `firstColumn`.
  public init(storage: [Double], count: Int, rowStride: Int, firstColumn: Int) {
    precondition(
      firstColumn >= 0 && firstColumn + NumericFeature.allCases.count <= rowStride,
      "the features do not fit in a row")
    precondition(storage.count == count * rowStride, "storage does not match")
    self.storage = storage
    self.count = count
    self.rowStride = rowStride
    self.firstColumn = firstColumn
  }

  /// The first `count` rows and the rest, as two feature sets with the same layout.
  public func split(at count: Int) -> (RawFeatures, RawFeatures) {
    precondition(count >= 0 && count <= self.count, "split point out of range")
    let cut = count * rowStride
    return (
      RawFeatures(
        storage: Array(storage[..<cut]), count: count, rowStride: rowStride,
        firstColumn: firstColumn),
      RawFeatures(
        storage: Array(storage[cut...]), count: self.count - count, rowStride: rowStride,
        firstColumn: firstColumn)
    )
  }

  /// The value of `feature` for `row`.
  @inlinable public subscript(feature: NumericFeature, row: Int) -> Double {
    storage[row * rowStride + firstColumn + feature.position]
  }
}

extension NumericFeature {
  /// The feature's position in `allCases` (its block in `RawFeatures`).
  @inlinable public var position: Int {
    switch self {
    case .logAmount: return 0
    case .terms: return 1
    case .disputed: return 2
    case .paperless: return 3
    case .logPriorInvoices: return 4
    case .priorLateRate: return 5
    case .priorMeanDaysLate: return 6
    case .logDaysSinceLate: return 7
    case .logOpenBalance: return 8
    case .logOverdueBalance: return 9
    case .utilisation: return 10
    case .hasCreditLimit: return 11
    case .logTenure: return 12
    }
  }
}

/// Computes point-in-time features by sweeping each customer's events in date order.
///
/// For a query at day `d`, only events dated strictly before `d` count: invoices issued,
/// payments received, invoices becoming overdue (the day after due) and invoices becoming
/// seriously late (`lateDays` + 1 days after due, if still unpaid). Events after the as-of date
/// never count. So a later invoice can never change an earlier invoice's features.
///
/// Thin histories are shrunk toward the population: the prior late rate is
/// `(late + m p₀) / (known + m)` with `p₀` the population's late rate among outcomes known
/// before `d` (Laplace-smoothed) and `m = shrinkage`; the mean days late likewise.
public struct FeatureBuilder: Sendable {
  /// Days past due after which an unpaid invoice counts as seriously late.
  public var lateDays: Int
  /// Pseudo-count `m` of the shrinkage toward the population (5: a customer's own record
  /// outweighs the population after about five known outcomes).
  public var shrinkage: Double
  /// Cap on "days since last late" and on tenure effects: beyond two years the signal is flat.
  public static let horizonDays = 730

  /// `log1p(k)` for the whole numbers `0 ... 10 · horizonDays`: three of the sweep's five
  /// logarithms are of whole days or counts, and a lookup gives the same value for less than a
  /// `log1p` call per invoice.
  static let log1pOfWhole: [Double] = (0...(10 * horizonDays)).map { log1p(Double($0)) }

  public init(lateDays: Int = 30, shrinkage: Double = 5) {
    self.lateDays = lateDays
    self.shrinkage = shrinkage
  }

  /// The query for each invoice of the history at its own issue date.
  public func invoiceQueries(_ portfolio: Portfolio, rows: [Int]) -> [FeatureQuery] {
    [FeatureQuery](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
      let out = SendablePointer(buffer.start)
      Parallel.forEachChunk(rows.count) { chunk in
        for r in chunk {
          (out.pointer + r).initialize(to: Self.invoiceQuery(portfolio, rows[r]))
        }
      }
      initialized = rows.count
    }
  }

  /// The query for invoice `k` at its own issue date.
  @inline(__always)
  static func invoiceQuery(_ portfolio: Portfolio, _ k: Int) -> FeatureQuery {
    let h = portfolio.history
    let c = h.customerIndex[k]
    return FeatureQuery(
      customer: c, date: h.issueDate[k], amount: h.amount[k],
      termsDays: h.dueDate[k].days(since: h.issueDate[k]), disputed: h.disputed[k],
      paperless: h.paperless[k], creditLimit: portfolio.creditLimit(customer: Int(c), invoice: k))
  }

  /// Features for each invoice in `rows` at its own issue date: `features(_:queries:outputRows:)`
  /// of `invoiceQueries(_:rows:)`, without the array of queries in between.
  /// - Parameters:
  ///   - rowStride, firstColumn: the layout of the result (see `RawFeatures`); the values
  ///     outside the features are left uninitialised, for the caller to fill.
  public func features(
    _ portfolio: Portfolio, invoices rows: [Int], outputRows: [Int]? = nil,
    rowStride: Int = NumericFeature.allCases.count, firstColumn: Int = 0
  ) -> RawFeatures {
    let h = portfolio.history
    return features(
      portfolio, count: rows.count, customer: { Int(h.customerIndex[rows[$0]]) },
      query: { Self.invoiceQuery(portfolio, rows[$0]) }, outputRows: outputRows,
      rowStride: rowStride, firstColumn: firstColumn)
  }

  /// Features for each query.
  /// - Parameters:
  ///   - outputRows: For each query, the row of the result that receives its features (a
  ///     permutation of the query indices); nil: query order. The sweep writes each customer's
  ///     rows wherever they go anyway, so a caller that needs the rows in another order gets
  ///     them at no cost instead of gathering them afterwards.
  /// - Complexity: O(n log k) for n invoices and at most k events per customer, parallel over
  ///   customers.
  public func features(
    _ portfolio: Portfolio, queries: [FeatureQuery], outputRows: [Int]? = nil
  ) -> RawFeatures {
    features(
      portfolio, count: queries.count, customer: { Int(queries[$0].customer) },
      query: { queries[$0] }, outputRows: outputRows,
      rowStride: NumericFeature.allCases.count, firstColumn: 0)
  }

  /// Features for the queries `query(0) ..< query(count)`; `customer(q)` is query q's customer.
  private func features(
    _ portfolio: Portfolio, count: Int, customer: (Int) -> Int, query: (Int) -> FeatureQuery,
    outputRows: [Int]?, rowStride: Int, firstColumn: Int
  ) -> RawFeatures {
    precondition(outputRows == nil || outputRows?.count == count, "outputRows mismatch")
    precondition(
      firstColumn >= 0 && firstColumn + NumericFeature.allCases.count <= rowStride,
      "the features do not fit in a row")
    let h = portfolio.history
    let asOf = portfolio.asOf
    let customerCount = h.customerIDs.count
    let events = buildEvents(portfolio)
    let population = PopulationRates(events: events.events, asOf: asOf)

    // Queries grouped by customer (counting sort, query order kept), then by date within
    // each customer. Queries on the same day see the same events, so their order is free.
    // The queries themselves are moved into that order (with the row each one's features go
    // to), so the sweep reads them front to back instead of jumping through the input.
    // A parallel counting sort, as for the events: chunk after chunk within each customer.
    let queryStart: [Int]
    var pending: [Pending]
    (queryStart, pending) = ChunkedGrouping.grouping(
      count, groups: customerCount, group: customer,
      value: { Pending(query: query($0), row: outputRows?[$0] ?? $0) })

    // Every query's features are written by the sweep below (the groups cover every query).
    var out = [Double](unsafeUninitializedCapacity: rowStride * count) { b, n in
      n = b.count
    }
    let n = count
    let m = shrinkage
    let horizon = Double(FeatureBuilder.horizonDays)
    let logs = Self.log1pOfWhole
    /// `log1p(v)` of a whole number v ≥ 0.
    func log1pWhole(_ v: Double) -> Double {
      v < Double(logs.count) ? logs[Int(v)] : log1p(v)
    }
    out.withUnsafeMutableBufferPointer { buffer in
      let result = SendablePointer(buffer.start)
      pending.withUnsafeMutableBufferPointer { pendingBuffer in
        let grouped = SendablePointer(pendingBuffer.start)
        events.events.withUnsafeBufferPointer { eventBuffer in
          let allEvents = eventBuffer
          Parallel.forEachChunk(customerCount, minimumChunk: 256) { customers in
            var keys: [UInt64] = []
            var scratch: [Pending] = []
            for c in customers {
              let qs = UnsafeMutableBufferPointer(
                start: grouped.pointer + queryStart[c], count: queryStart[c + 1] - queryStart[c])
              if qs.isEmpty { continue }
              Self.sortByDate(qs, keys: &keys, scratch: &scratch)
              let ev = allEvents[events.start[c]..<events.start[c + 1]]
              var state = SweepState()
              let firstIssue = events.firstIssue[c]
              let since = portfolio.customers[c]?.customerSince ?? firstIssue
              var e = ev.startIndex
              for item in qs {
                let query = item.query
                while e < ev.endIndex, ev[e].date < query.date.rawValue {
                  state.apply(ev[e])
                  e += 1
                }
                let d = query.date.rawValue
                let pop = population.at(d)
                let lateRate = (Double(state.late) + m * pop.lateRate) / (Double(state.known) + m)
                let meanLate =
                  (state.sumDaysLate + m * pop.meanDaysLate) / (Double(state.paid) + m)
                let sinceLate =
                  state.lastLate.map { min(Double(d - $0), horizon) } ?? horizon
                let limit = query.creditLimit ?? 0
                let open = max(state.open, 0)
                let tenure = since.map { max(0, Double(d - $0.rawValue)) } ?? 0
                let row = result.pointer + item.row * rowStride + firstColumn
                row[0] = log1p(max(query.amount, 0))
                row[1] = Double(query.termsDays) / 30
                row[2] = query.disputed ? 1 : 0
                row[3] = query.paperless ? 1 : 0
                row[4] = log1pWhole(Double(state.issued))
                row[5] = lateRate
                row[6] = meanLate
                row[7] = log1pWhole(max(sinceLate, 0))
                row[8] = log1p(open)
                row[9] = log1p(max(state.overdue, 0))
                row[10] = limit > 0 ? min(open / limit, 5) : 0
                row[11] = limit > 0 ? 1 : 0
                row[12] = log1pWhole(min(tenure, 10 * horizon))
              }
            }
          }
        }
      }
    }
    return RawFeatures(storage: out, count: n, rowStride: rowStride, firstColumn: firstColumn)
  }

  /// A query waiting for the sweep, with the row of the result its features go to.
  private struct Pending {
    var query: FeatureQuery
    var row: Int
  }

  /// Sorts a customer's queries by date (ties: any order).
  private static func sortByDate(
    _ qs: UnsafeMutableBufferPointer<Pending>, keys: inout [UInt64], scratch: inout [Pending]
  ) {
    var sorted = true
    for i in qs.indices.dropFirst() where qs[i].query.date < qs[i - 1].query.date {
      sorted = false
      break
    }
    if sorted { return }
    // Key: date (offset to be unsigned) above the position in the block.
    keys.removeAll(keepingCapacity: true)
    for (i, item) in qs.enumerated() {
      let date = UInt64(UInt32(bitPattern: item.query.date.rawValue) ^ 0x8000_0000)
      keys.append(date << 32 | UInt64(i))
    }
    keys.sort()
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: qs)
    for (i, key) in keys.enumerated() { qs[i] = scratch[Int(key & 0xFFFF_FFFF)] }
  }

  // MARK: - Events

  /// One dated change to a customer's running totals.
  ///
  /// 16 bytes (the fields are declared widest first): there are about three per invoice, and
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

  /// Every customer's events, grouped by customer and in date order within a customer.
  struct Events: Sendable {
    /// Customer `c`'s events are `events[start[c]..<start[c + 1]]`.
    var events: [Event]
    var start: [Int]
    var firstIssue: [Day?]
  }

  /// Calls `body` with the events of invoice `k` (issued by the as-of date), in a fixed order.
  @inline(__always)
  private func forEachEvent(
    _ h: InvoiceHistory, _ k: Int, asOf: Int32, _ body: (Event) -> Void
  ) {
    let late = Int32(lateDays)
    let issue = h.issueDate[k].rawValue
    let due = h.dueDate[k].rawValue
    let amount = h.amount[k]
    body(Event(date: issue, kind: .issued, amount: amount, daysLate: 0))
    let paid = h.paidDate[k].map(\.rawValue).flatMap { $0 <= asOf ? $0 : nil }
    if paid.map({ $0 > due }) ?? true, due + 1 <= asOf {
      body(Event(date: due + 1, kind: .overdue, amount: amount, daysLate: 0))
    }
    let trackOutcome = amount > 0
    if trackOutcome, paid.map({ $0 > due + late }) ?? true, due + late + 1 <= asOf {
      body(Event(date: due + late + 1, kind: .late, amount: amount, daysLate: 0))
    }
    if let paid {
      let days = max(0, paid - due)
      body(
        Event(
          date: paid, kind: .paid, amount: amount, daysLate: trackOutcome ? days : -1,
          wasOverdue: paid > due))
      if trackOutcome, paid <= due + late {
        body(Event(date: paid, kind: .knownOnTime, amount: amount, daysLate: 0))
      }
    }
  }

  /// Every customer's events in date order (stable: same-day events keep invoice order).
  ///
  /// A parallel counting sort fills one flat array grouped by customer: each chunk of
  /// invoices counts its events per customer, the offsets put chunk after chunk within each
  /// customer (so invoice order is kept), and the chunks place their events side by side.
  /// Each customer's block is then sorted by date on (date, position) keys, which gives the
  /// stable order without a stable sort. The result does not depend on the chunking.
  func buildEvents(_ portfolio: Portfolio) -> Events {
    let h = portfolio.history
    let asOf = portfolio.asOf.rawValue
    let customerCount = h.customerIDs.count
    let chunks = Parallel.chunks(h.count)
    // Per chunk: events per customer, and each customer's first issue day in the chunk.
    struct Counts {
      var events: [Int]
      var firstIssue: [Int32]
    }
    let noIssue = Int32.max
    let counts: [Counts] = Parallel.map(h.count) { range in
      var events = [Int](repeating: 0, count: customerCount)
      var firstIssue = [Int32](repeating: noIssue, count: customerCount)
      for k in range where h.issueDate[k].rawValue <= asOf {
        let c = Int(h.customerIndex[k])
        firstIssue[c] = min(firstIssue[c], h.issueDate[k].rawValue)
        forEachEvent(h, k, asOf: asOf) { _ in events[c] += 1 }
      }
      return Counts(events: events, firstIssue: firstIssue)
    }
    precondition(counts.count == chunks.count, "chunking changed")
    // Customer c's events start at start[c]; chunk t writes its own from next[t][c] on.
    let grouping = ChunkedGrouping(counts: counts.map(\.events), groups: customerCount)
    let start = grouping.start
    let total = start[customerCount]
    let firstIssue = (0..<customerCount).map { c -> Day? in
      let first = counts.reduce(noIssue) { min($0, $1.firstIssue[c]) }
      return first == noIssue ? nil : Day(rawValue: first)
    }
    let events = [Event](unsafeUninitializedCapacity: total) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(h.count) { range in
        guard let t = chunks.firstIndex(of: range) else { preconditionFailure("unknown chunk") }
        var slot = grouping.next[t]
        for k in range where h.issueDate[k].rawValue <= asOf {
          let c = Int(h.customerIndex[k])
          forEachEvent(h, k, asOf: asOf) { event in
            (base.pointer + slot[c]).initialize(to: event)
            slot[c] += 1
          }
        }
      }
      initialized = total
      Parallel.forEachChunk(customerCount, minimumChunk: 256) { customers in
        var keys: [UInt64] = []
        var scratch: [Event] = []
        for c in customers {
          let block = UnsafeMutableBufferPointer(
            start: base.pointer + start[c], count: start[c + 1] - start[c])
          Self.sortByDate(block, keys: &keys, scratch: &scratch)
        }
      }
    }
    return Events(events: events, start: start, firstIssue: firstIssue)
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

  /// A customer's running totals during the sweep.
  struct SweepState {
    var issued = 0
    var open = 0.0
    var overdue = 0.0
    var known = 0
    var late = 0
    var paid = 0
    var sumDaysLate = 0.0
    var lastLate: Int32?

    mutating func apply(_ e: Event) {
      switch e.kind {
      case .issued:
        issued += 1
        open += e.amount
      case .overdue:
        overdue += e.amount
      case .late:
        known += 1
        late += 1
        lastLate = max(lastLate ?? e.date, e.date)
      case .knownOnTime:
        known += 1
      case .paid:
        open -= e.amount
        if e.wasOverdue { overdue -= e.amount }
        if e.daysLate >= 0 {
          paid += 1
          sumDaysLate += Double(e.daysLate)
        }
      }
    }
  }
}

/// Population late rate and mean days late among outcomes known strictly before each day.
struct PopulationRates: Sendable {
  private let firstDay: Int32
  private let known: [Double]
  private let late: [Double]
  private let paid: [Double]
  private let daysLate: [Double]

  /// Per-day counts over chunks of the events on both cores.
  ///
  /// Every sum is of whole numbers (counts, days late capped at 365) far below 2⁵³, so it is
  /// exact in any order.
  init(events: [FeatureBuilder.Event], asOf: Day) {
    let first =
      Parallel.map(events.count) { range in
        var low = Int32.max
        for i in range { low = min(low, events[i].date) }
        return low
      }.min().flatMap { $0 == Int32.max ? nil : $0 } ?? asOf.rawValue
    let span = Int(asOf.rawValue - first) + 2
    // Entry i of each block counts events on day first + i - 1; blocks: known, late, paid,
    // days late.
    let blocks = Parallel.map(events.count) { range in
      var counts = [Double](repeating: 0, count: 4 * (span + 1))
      for e in events[range] {
        let i = Int(e.date - first) + 1
        switch e.kind {
        case .late:
          counts[i] += 1
          counts[(span + 1) + i] += 1
        case .knownOnTime: counts[i] += 1
        case .paid where e.daysLate >= 0:
          counts[2 * (span + 1) + i] += 1
          counts[3 * (span + 1) + i] += Double(e.daysLate)
        default: break
        }
      }
      return counts
    }
    var total = [Double](repeating: 0, count: 4 * (span + 1))
    for block in blocks { for i in total.indices { total[i] += block[i] } }
    var known = Array(total[0..<(span + 1)])
    var late = Array(total[(span + 1)..<(2 * (span + 1))])
    var paid = Array(total[(2 * (span + 1))..<(3 * (span + 1))])
    var daysLate = Array(total[(3 * (span + 1))...])
    // Prefix sums: entry i holds events on days < first + i.
    for i in 1...span {
      known[i] += known[i - 1]
      late[i] += late[i - 1]
      paid[i] += paid[i - 1]
      daysLate[i] += daysLate[i - 1]
    }
    self.firstDay = first
    self.known = known
    self.late = late
    self.paid = paid
    self.daysLate = daysLate
  }

  /// Rates from events dated strictly before `day`.
  func at(_ day: Int32) -> (lateRate: Double, meanDaysLate: Double) {
    let i = max(0, min(known.count - 1, Int(day - firstDay)))
    let lateRate = (late[i] + 1) / (known[i] + 2)
    let meanDaysLate = paid[i] > 0 ? daysLate[i] / paid[i] : 0
    return (lateRate, meanDaysLate)
  }
}
