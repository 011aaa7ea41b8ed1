import CPrefetch
import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Computes point-in-time features by sweeping each customer's events in date order.
///
/// For a query at day `d`, only events dated strictly before `d` count: invoices issued,
/// payments received, invoices becoming overdue (the day after due) and invoices becoming
/// seriously late (`DelinquencyRule.firstLateDay(due:)`, if still unpaid). Events after the as-of date
/// never count. So a later invoice can never change an earlier invoice's features.
///
/// Thin histories are shrunk toward the population: the prior late rate is
/// `(late + m p₀) / (known + m)` with `p₀` the population's late rate among outcomes known
/// before `d` (Laplace-smoothed) and `m = shrinkage`; the mean days late likewise.
public struct FeatureBuilder: Sendable {
  /// What counts as seriously late (the `late` events).
  public var rule: DelinquencyRule
  /// Pseudo-count `m` of the shrinkage toward the population (`defaultShrinkage`).
  public var shrinkage: Double
  /// 5: a customer's own record outweighs the population after about five known outcomes.
  public static let defaultShrinkage = 5.0
  /// The population's outcome counts to shrink toward, when they are not the portfolio's own
  /// (a shard of a history uses those of the whole history); nil: the portfolio's.
  package var population: PopulationCounts?

  /// Cap on "days since last late" (two years): beyond it a late payment says no more, and a
  /// customer who was never late counts as late that long ago.
  public static let horizonDays = 730
  /// Cap on tenure (20 years): relationships longer than that are alike.
  public static let tenureCapDays = 10 * horizonDays

  /// `log1p(k)` for the whole numbers `0 ... tenureCapDays`: three of the sweep's five
  /// logarithms are of whole days or counts, and a lookup gives the same value for less than a
  /// `log1p` call per invoice.
  static let log1pOfWhole: [Double] = (0...tenureCapDays).map { log1p(Double($0)) }

  public init(rule: DelinquencyRule = DelinquencyRule(), shrinkage: Double = defaultShrinkage) {
    self.rule = rule
    self.shrinkage = shrinkage
  }

  /// Features for each invoice in `rows` at its own issue date: `features(_:queries:outputRows:)`
  /// of `invoiceQueries(_:rows:)`, without the array of queries in between.
  /// - Parameters:
  ///   - rowStride, firstColumn: the layout of the result (see `RawFeatures`); the values
  ///     outside the features are left uninitialised, for the caller to fill.
  package func features(
    _ portfolio: Portfolio, invoices rows: [Int], outputRows: [Int]? = nil,
    rowStride: Int = NumericFeature.allCases.count, firstColumn: Int = 0
  ) -> RawFeatures {
    if let placement = InvoicePlacement(portfolio, invoices: rows, at: outputRows) {
      return features(portfolio, placement, rowStride: rowStride, firstColumn: firstColumn)
    }
    let h = portfolio.history
    return features(
      portfolio, count: rows.count, customer: { Int(h.customerIndex[rows[$0]]) },
      query: { Self.invoiceQuery(portfolio, rows[$0]) }, outputRows: outputRows,
      rowStride: rowStride, firstColumn: firstColumn)
  }

  /// Features of the invoices `placement` places, each at its issue date, in the row it places
  /// it at.
  ///
  /// The sweep takes each customer's queries from its issued invoices as it comes to that
  /// customer instead of grouping every query first (32 bytes a query: 320 MB for a training
  /// sweep of 10M invoices).
  /// - Parameters:
  ///   - coding: keep the features of whole-number values as codes (`FeatureCodes`; the
  ///     layout is then that of `RawFeatures.init(plain:coded:count:)`).
  ///   - grouped: the invoices grouped by customer (`customerInvoices`), made by the caller
  ///     (training, which gives up the history's customer index once it has them); nil: made
  ///     here. The sweep reads no invoice's customer.
  ///   - flags: the invoices' disputed and paperless flags (training, which gives up the
  ///     history's columns of them once it has them); nil: read off the columns.
  package func features(
    _ portfolio: Portfolio, _ placement: InvoicePlacement,
    rowStride: Int = NumericFeature.allCases.count, firstColumn: Int = 0, coding: Bool = false,
    grouped: consuming CustomerInvoices? = nil, flags: InvoiceFlags? = nil
  ) -> RawFeatures {
    features(
      portfolio, count: placement.count, customer: { _ in 0 },
      query: { _ in preconditionFailure("the queries are read off the placed invoices") },
      outputRows: nil, rowStride: rowStride, firstColumn: firstColumn,
      targets: placement.targets, grouped: grouped, flags: flags, coding: coding)
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

  /// Features for each query, with the portfolio's issued invoices already grouped by
  /// customer (the scorer's, which its customer tallies read too).
  func features(
    _ portfolio: Portfolio, queries: [FeatureQuery], issued: IssuedInvoices
  ) -> RawFeatures {
    features(
      portfolio, count: queries.count, customer: { Int(queries[$0].customer) },
      query: { queries[$0] }, outputRows: nil, rowStride: NumericFeature.allCases.count,
      firstColumn: 0, issued: issued)
  }

  /// Features for the queries `query(0) ..< query(count)`; `customer(q)` is query q's customer.
  /// - Parameter targets: when the queries are invoices of the history at their issue dates,
  ///   the result row of each invoice's query, -1 for none (`InvoicePlacement.targets`; then
  ///   `customer` and `query` are not called): the sweep reads each customer's queries off its
  ///   invoices (`issued` must be nil).
  /// - Parameter coding: with `targets`, keep the features of whole-number values as codes.
  /// - Parameter grouped: with `targets`, the invoices grouped by customer (nil: made here).
  /// - Parameter flags: with `targets`, the invoices' disputed and paperless flags (nil: read
  ///   off the history's columns).
  private func features(
    _ portfolio: Portfolio, count: Int, customer: (Int) -> Int, query: (Int) -> FeatureQuery,
    outputRows: [Int]?, rowStride: Int, firstColumn: Int, issued: IssuedInvoices? = nil,
    targets: [Int32]? = nil, grouped: CustomerInvoices? = nil, flags: InvoiceFlags? = nil,
    coding: Bool = false
  ) -> RawFeatures {
    precondition(outputRows == nil || outputRows?.count == count, "outputRows mismatch")
    precondition(count <= Int(Int32.max), "too many queries for 32-bit rows")
    precondition(
      firstColumn >= 0 && firstColumn + NumericFeature.allCases.count <= rowStride,
      "the features do not fit in a row")
    let h = portfolio.history
    let customerCount = h.customerIDs.count
    precondition(targets == nil || issued == nil, "targets are read off the history's rows")
    let invoices = issued == nil ? grouped ?? customerInvoices(portfolio) : nil
    let grouped = issued.map(InvoiceGroups.issued) ?? .rows(invoices.unsafelyUnwrapped)
    let population = PopulationRates(counts: self.population ?? populationCounts(portfolio))

    // Queries grouped by customer (counting sort, query order kept), then by date within
    // each customer. Queries on the same day see the same events, so their order is free.
    // The queries themselves are moved into that order (with the row each one's features go
    // to), so the sweep reads them front to back instead of jumping through the input.
    // A parallel counting sort, as for the invoices: chunk after chunk within each customer.
    // (With `targets`, each customer's queries are read off its invoices in the sweep.)
    var (queryStart, pending): ([Int], [Pending]) = ([], [])
    if targets == nil {
      (queryStart, pending) = ChunkedGrouping.grouping(
        count, groups: customerCount, group: customer,
        value: { Pending(query($0), row: outputRows?[$0] ?? $0) })
    }

    // Where each feature goes: its column in a row of `out`, or, coded, -1 - its code's
    // place in a row of `codes`, or nowhere when it is fixed (`Int.min`).
    var layout: FeatureCodes? = nil
    if coding, let targets, let invoices { layout = featureCodes(portfolio, targets, invoices) }
    let (rowStride, firstColumn) = layout.map { ($0.plain.count, 0) } ?? (rowStride, firstColumn)
    let place = NumericFeature.allCases.map { f in
      guard let layout else { return firstColumn + f.position }
      if let e = layout.features.firstIndex(of: f) { return -1 - e }
      return layout.plain.firstIndex(of: f) ?? Int.min
    }
    let (codeWidth, low) = (layout?.features.count ?? 0, layout?.low ?? [])
    // Every query's features are written by the sweep below (the groups cover every query).
    var out = [Double](unsafeUninitializedCapacity: rowStride * count) { b, n in
      n = b.count
    }
    // (At least one, unused when there are no codes, so that it has an address.)
    var codes = [UInt16](unsafeUninitializedCapacity: max(1, codeWidth * count)) { b, n in
      n = b.count
    }
    let n = count
    let m = shrinkage
    let logs = Self.log1pOfWhole
    codes.withUnsafeMutableBufferPointer { coded in
      let codeBase = SendablePointer(coded.start)
      out.withUnsafeMutableBufferPointer { buffer in
        let result = SendablePointer(buffer.start)
        pending.withUnsafeMutableBufferPointer { pendingBuffer in
          let pendingGroups = SendablePointer(pendingBuffer.start)
          Parallel.forEachChunk(customerCount, minimumChunk: 256) { customers in
            var keys: [UInt64] = []
            var scratch: [Pending] = []
            var ev: [Event] = []
            var eventScratch: [Event] = []
            var own: [Pending] = []
            for c in customers {
              if let targets, let invoices {
                own.removeAll(keepingCapacity: true)
                invoices.prefetch(customer: c, portfolio.history, targets: targets)
                for i in invoices.start[c]..<invoices.start[c + 1] {
                  let k = Int(invoices.invoices[i])
                  let target = targets[k]
                  if target >= 0 {
                    // Its row of the result, written at random after the customer's sort.
                    let row = result.pointer + Int(target) * rowStride
                    prefetch_write(row)
                    prefetch_write(row + rowStride - 1)
                    own.append(
                      Pending(
                        Self.invoiceQuery(
                          portfolio, k, customer: c, flags: flags, terms: invoices.terms),
                        row: target))
                  }
                }
                own.withUnsafeMutableBufferPointer { sweep(customer: c, $0) }
              } else {
                sweep(
                  customer: c,
                  UnsafeMutableBufferPointer(
                    start: pendingGroups.pointer + queryStart[c],
                    count: queryStart[c + 1] - queryStart[c]))
              }
            }
            /// Customer `c`'s features for its queries `qs`, written to their rows.
            func sweep(customer c: Int, _ qs: UnsafeMutableBufferPointer<Pending>) {
              if qs.isEmpty { return }
              Self.sortByDate(qs, keys: &keys, scratch: &scratch)
              let firstIssue = customerEvents(
                portfolio, grouped, customer: c, into: &ev, keys: &keys, scratch: &eventScratch)
              var state = SweepState()
              let since = portfolio.customers[c]?.customerSince ?? firstIssue
              var e = ev.startIndex
              for item in qs {
                let query = item
                while e < ev.endIndex, ev[e].date < query.date.rawValue {
                  state.apply(ev[e])
                  e += 1
                }
                let d = query.date.rawValue
                let pop = population.at(d)
                let record = state.record
                let lateRate = (Double(record.late) + m * pop.lateRate) / (Double(record.known) + m)
                let meanLate =
                  (record.sumDaysLate + m * pop.meanDaysLate) / (Double(record.paid) + m)
                let sinceLate =
                  record.lastLate.map { min(Int(d) - Int($0.rawValue), Self.horizonDays) }
                  ?? Self.horizonDays
                let limit = query.creditLimit ?? 0
                let open = max(state.open, 0)
                let tenure = since.map { max(0, Int(d) - Int($0.rawValue)) } ?? 0
                let row = result.pointer + Int(item.row) * rowStride + firstColumn
                let codeRow = codeBase.pointer + Int(item.row) * codeWidth
                /// Writes `feature`'s value at its place in the row.
                func set(_ feature: NumericFeature, _ value: Double) {
                  row[place[feature.position]] = value
                }
                /// Writes the value of a feature of whole-number values for `v`, or its code.
                func set(_ feature: NumericFeature, whole v: Int) {
                  let at = place[feature.position]
                  if at >= 0 {
                    row[at] = FeatureCodes.value(of: feature, v, logs: logs)
                  } else if at != Int.min {
                    codeRow[-1 - at] = UInt16(truncatingIfNeeded: v - low[-1 - at])
                  }
                }
                set(.logAmount, log1p(max(query.amount, 0)))
                set(.terms, whole: query.termsDays)
                set(.disputed, whole: query.disputed ? 1 : 0)
                set(.paperless, whole: query.paperless ? 1 : 0)
                set(.logPriorInvoices, whole: record.issued)
                set(.priorLateRate, lateRate)
                set(.priorMeanDaysLate, meanLate)
                set(.logDaysSinceLate, whole: max(sinceLate, 0))
                set(.logOpenBalance, log1p(open))
                set(.logOverdueBalance, log1p(max(state.overdue, 0)))
                set(.utilisation, limit > 0 ? min(open / limit, 5) : 0)
                set(.hasCreditLimit, whole: limit > 0 ? 1 : 0)
                set(.logTenure, whole: min(tenure, Self.tenureCapDays))
                set(.priorLogPace, record.sumPace / (Double(record.paid) + m))
              }
            }
          }
        }
      }
    }
    if var layout {
      codes.removeLast(codes.count - codeWidth * n)
      layout.codes = codes
      return RawFeatures(plain: out, coded: layout, count: n)
    }
    return RawFeatures(storage: out, count: n, rowStride: rowStride, firstColumn: firstColumn)
  }

  /// The coded layout of a training sweep's features: the terms' range over the placed
  /// invoices (`targets`), and counts of prior invoices up to a customer's invoices.
  private func featureCodes(
    _ portfolio: Portfolio, _ targets: [Int32], _ invoices: CustomerInvoices
  ) -> FeatureCodes {
    let h = portfolio.history
    let terms = Parallel.map(targets.count) { chunk -> ClosedRange<Int>? in
      var (lo, hi) = (Int.max, Int.min)
      for k in chunk where targets[k] >= 0 {
        let days =
          invoices.terms?.days(k)
          ?? Int(Int32(clamping: h.dueDate[k].days(since: h.issueDate[k])))
        (lo, hi) = (min(lo, days), max(hi, days))
      }
      return lo <= hi ? lo...hi : nil
    }
    var ranges = FeatureCodes.fixedRanges
    if let range = Self.union(terms) { ranges[.terms] = range }
    let most = zip(invoices.start, invoices.start.dropFirst()).map { $1 - $0 }.max() ?? 0
    ranges[.logPriorInvoices] = 0...most
    // Whether the placed invoices' customers have a credit limit: one value when all do or
    // none does (every customer in customers.csv with a limit), then kept once, not a row.
    let limits = Parallel.map(invoices.start.count - 1) { chunk -> ClosedRange<Int>? in
      var (lo, hi) = (Int.max, Int.min)
      for c in chunk {
        for i in invoices.start[c]..<invoices.start[c + 1] {
          let k = Int(invoices.invoices[i])
          guard targets[k] >= 0 else { continue }
          let has = (portfolio.creditLimit(customer: c, invoice: k) ?? 0) > 0 ? 1 : 0
          (lo, hi) = (min(lo, has), max(hi, has))
        }
      }
      return lo <= hi ? lo...hi : nil
    }
    if let range = Self.union(limits) { ranges[.hasCreditLimit] = range }
    return FeatureCodes(ranges: ranges)
  }

  /// The smallest range holding each chunk's range (nil for a chunk with no placed invoice);
  /// nil when no chunk has one.
  private static func union(_ chunks: [ClosedRange<Int>?]) -> ClosedRange<Int>? {
    let found = chunks.compactMap { $0 }
    guard let lo = found.map(\.lowerBound).min(), let hi = found.map(\.upperBound).max()
    else { return nil }
    return lo...hi
  }

  /// A query waiting for the sweep, with the row of the result its features go to: what the
  /// features read of the query, in 32 bytes instead of 40 with the whole `FeatureQuery` and
  /// an `Int` row (a training sweep holds one per invoice; the customer is the group it is in).
  private struct Pending {
    var amount: Double
    /// The credit limit, NaN when there is none (as `FeatureQuery` keeps it).
    var limit: Double
    var date: Day
    var terms: Int32
    var row: Int32
    var disputed: Bool
    var paperless: Bool

    init(_ query: FeatureQuery, row: Int) {
      self.init(query, row: Int32(row))
    }

    init(_ query: FeatureQuery, row: Int32) {
      amount = query.amount
      limit = query.creditLimit ?? .nan
      date = query.date
      terms = Int32(clamping: query.termsDays)
      self.row = row
      disputed = query.disputed
      paperless = query.paperless
    }

    var termsDays: Int { Int(terms) }
    var creditLimit: Double? { limit.isNaN ? nil : limit }
  }

  /// Sorts a customer's queries by date (ties: any order).
  private static func sortByDate(
    _ qs: UnsafeMutableBufferPointer<Pending>, keys: inout [UInt64], scratch: inout [Pending]
  ) {
    var sorted = true
    for i in qs.indices.dropFirst() where qs[i].date < qs[i - 1].date {
      sorted = false
      break
    }
    if sorted { return }
    // Key: date (offset to be unsigned) above the position in the block.
    keys.removeAll(keepingCapacity: true)
    for (i, item) in qs.enumerated() {
      let date = UInt64(UInt32(bitPattern: item.date.rawValue) ^ 0x8000_0000)
      keys.append(date << 32 | UInt64(i))
    }
    keys.sort()
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: qs)
    for (i, key) in keys.enumerated() { qs[i] = scratch[Int(key & 0xFFFF_FFFF)] }
  }
}
