import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A customer's recent payment behaviour against its own record: paying more slowly than
/// it used to.
///
/// Days to pay (payment date − issue date) on a log scale, `y = log(1 + days)`. The record
/// is the customer's invoices issued before the recent window (`windowDays`, 180, before
/// the as-of date) and paid by the as-of date: mean `μ₀`, standard deviation `σ₀` (at least
/// `minimumSpread`, 0.1, so a very regular payer is not flagged for a day or two). Recent
/// are the invoices issued in the window, at least `settleDays` (15) before the as-of date:
/// paid ones with their days to pay, open ones with their age so far when it is already
/// beyond the record's median (they are at least that slow), other open ones left out (not
/// yet known). With `n₁` recent values of mean `μ₁`,
///
/// ```
/// score z = (μ₁ − μ₀) / (σ₀ / √n₁)
/// distress when z ≥ 2.5 and μ₁ − μ₀ ≥ log 1.2 (a fifth slower), with n₀ ≥ 5 and n₁ ≥ 3
/// ```
///
/// The overdue share is the same story in money: the reason quotes the recent and earlier
/// shares of invoices paid after their due date.
public struct DistressSignal: Sendable, Equatable {
  /// The recent window, in days before the as-of date.
  public static let windowDays = 180
  /// Recent invoices issued within this many days of the as-of date are left out.
  public static let settleDays = 15
  /// The least spread of the record, on the log scale.
  public static let minimumSpread = 0.1
  /// The score and slow-down needed for the flag, and the counts needed for a score.
  public static let flagScore = 2.5
  public static let flagSlowdown = log(1.2)
  public static let minimumRecord = 5
  public static let minimumRecent = 3

  /// The score `z` (0 when there is too little to compare).
  public var score: Double
  public var distressed: Bool
  /// Median days to pay, earlier and recent, and the counts behind them.
  public var recordDays: Double
  public var recentDays: Double
  public var recordCount: Int
  public var recentCount: Int
  /// Shares of invoices paid (or open) after their due date, earlier and recent.
  public var recordLateShare: Double
  public var recentLateShare: Double

  /// In words: "Paying slower than its own record: 48 days to pay on 6 recent invoices
  /// against 31 before, 83% late against 20%".
  public var reason: String {
    "Paying slower than its own record: \(Int(recentDays.rounded())) days to pay on "
      + "\(recentCount) recent invoices against \(Int(recordDays.rounded())) before, "
      + "\(AmountText.percent(recentLateShare)) late against \(AmountText.percent(recordLateShare))"
  }
}

extension DistressSignal {
  /// Each customer's signal (by history customer index), for those with enough invoices.
  ///
  /// Scoring gets the same signals from the customers' tallies (`CustomerTally.all`), which
  /// read each customer's invoices once for everything they sum up.
  public static func all(_ portfolio: Portfolio) -> [Int: DistressSignal] {
    let h = portfolio.history
    // Each customer's issued invoices in file order, by the package's counting sort.
    let customers = h.customerIDs.count
    let (start, grouped) = ChunkedGrouping.grouping(
      h.count, groups: customers,
      group: { k in portfolio.isIssued(k) ? Int(h.customerIndex[k]) : nil },
      value: { k in Invoice(portfolio, k) })
    var scratch = Scratch()
    var out: [Int: DistressSignal] = [:]
    for c in 0..<customers {
      out[c] = DistressSignal(grouped[start[c]..<start[c + 1]], asOf: portfolio.asOf, &scratch)
    }
    return out
  }

  /// What the signal reads of one issued invoice.
  struct Invoice {
    var issue: Int32
    var due: Int32
    /// The payment date if paid by the as-of date, else `Int32.max`.
    var paid: Int32
    var amount: Double
    var writtenOff: Bool

    init(issue: Int32, due: Int32, paid: Int32, amount: Double, writtenOff: Bool) {
      self.issue = issue
      self.due = due
      self.paid = paid
      self.amount = amount
      self.writtenOff = writtenOff
    }

    init(_ portfolio: Portfolio, _ k: Int) {
      let h = portfolio.history
      self.init(
        issue: h.issueDate[k].rawValue, due: h.dueDate[k].rawValue,
        paid: portfolio.paidByAsOf(k)?.rawValue ?? Int32.max, amount: h.amount[k],
        writtenOff: h.writtenOff[k])
    }
  }

  /// The days-to-pay values of one customer, reused from customer to customer.
  struct Scratch {
    var record: [Double] = []
    var recent: [Double] = []
  }

  /// `log(1 + d)` of the days 0 ..< 4096, looked up instead of computed for every invoice.
  static let logDays = (0..<4096).map { log1p(Double($0)) }

  /// `log(1 + days)`: from `table` (`logDays`) when it holds it, the same value.
  private static func logOnePlus(_ days: Int32, _ table: [Double]) -> Double {
    days >= 0 && Int(days) < table.count ? table[Int(days)] : log1p(Double(days))
  }

  /// The signal of one customer from its issued invoices in file order; nil with too little
  /// to compare.
  init?(_ invoices: some Sequence<Invoice>, asOf: Day, _ scratch: inout Scratch) {
    let windowStart = asOf.adding(days: -Self.windowDays).rawValue
    let settled = asOf.adding(days: -Self.settleDays).rawValue
    var record = scratch.record
    var recent = scratch.recent
    defer {
      scratch.record = record
      scratch.recent = recent
    }
    record.removeAll(keepingCapacity: true)
    recent.removeAll(keepingCapacity: true)
    let logDays = Self.logDays
    var recordLate = 0
    for v in invoices where v.issue <= settled && v.amount > 0 && v.issue < windowStart {
      guard v.paid != Int32.max else { continue }
      record.append(Self.logOnePlus(v.paid - v.issue, logDays))
      if v.paid > v.due { recordLate += 1 }
    }
    guard record.count >= Self.minimumRecord else { return nil }
    // Mean and spread over the values in file order, then the median (the upper middle one).
    let mu0 = record.reduce(0, +) / Double(record.count)
    let variance =
      record.reduce(0) { $0 + ($1 - mu0) * ($1 - mu0) } / Double(record.count - 1)
    let median = SampleStatistics.select(record.count / 2, from: &record)
    var recentLate = 0
    for v in invoices where v.issue <= settled && v.amount > 0 && v.issue >= windowStart {
      let y: Double
      let late: Bool
      if v.paid != Int32.max {
        y = Self.logOnePlus(v.paid - v.issue, logDays)
        late = v.paid > v.due
      } else if !v.writtenOff {
        let age = Self.logOnePlus(asOf.rawValue - v.issue, logDays)
        guard age > median else { continue }
        y = age
        late = asOf.rawValue > v.due
      } else {
        continue
      }
      recent.append(y)
      if late { recentLate += 1 }
    }
    guard recent.count >= Self.minimumRecent else { return nil }
    let sigma = max(variance.squareRoot(), Self.minimumSpread)
    let mu1 = recent.reduce(0, +) / Double(recent.count)
    let z = (mu1 - mu0) / (sigma / Double(recent.count).squareRoot())
    let recentCount = recent.count
    let recentMedian = SampleStatistics.select(recentCount / 2, from: &recent)
    self.init(
      score: z, distressed: z >= Self.flagScore && mu1 - mu0 >= Self.flagSlowdown,
      recordDays: expm1(median), recentDays: expm1(recentMedian),
      recordCount: record.count, recentCount: recentCount,
      recordLateShare: Double(recordLate) / Double(record.count),
      recentLateShare: Double(recentLate) / Double(recentCount))
  }
}
