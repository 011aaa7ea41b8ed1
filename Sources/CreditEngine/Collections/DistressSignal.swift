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

  /// Each customer's signal (by history customer index), for those with enough invoices.
  public static func all(_ portfolio: Portfolio) -> [Int: DistressSignal] {
    let h = portfolio.history
    let asOf = portfolio.asOf
    let windowStart = asOf.adding(days: -windowDays)
    let settled = asOf.adding(days: -settleDays)
    // Each customer's rows in file order, by the package's counting sort on both cores.
    let customers = h.customerIDs.count
    let (start, grouped) = ChunkedGrouping.grouping(
      h.count, groups: customers,
      group: { k in
        h.issueDate[k] <= settled && h.amount[k] > 0 ? Int(h.customerIndex[k]) : nil
      },
      value: { $0 })
    var out: [Int: DistressSignal] = [:]
    for c in 0..<customers where start[c + 1] > start[c] {
      let ks = grouped[start[c]..<start[c + 1]]
      var record: [Double] = []
      var recordLate = 0
      for k in ks where h.issueDate[k] < windowStart {
        guard let paid = portfolio.paidByAsOf(k) else { continue }
        record.append(log1p(Double(paid.days(since: h.issueDate[k]))))
        if paid > h.dueDate[k] { recordLate += 1 }
      }
      guard record.count >= minimumRecord else { continue }
      let median = record.sorted()[record.count / 2]
      var recent: [Double] = []
      var recentLate = 0
      for k in ks where h.issueDate[k] >= windowStart {
        let y: Double
        let late: Bool
        if let paid = portfolio.paidByAsOf(k) {
          y = log1p(Double(paid.days(since: h.issueDate[k])))
          late = paid > h.dueDate[k]
        } else if !h.writtenOff[k] {
          let age = log1p(Double(asOf.days(since: h.issueDate[k])))
          guard age > median else { continue }
          y = age
          late = asOf > h.dueDate[k]
        } else {
          continue
        }
        recent.append(y)
        if late { recentLate += 1 }
      }
      guard recent.count >= minimumRecent else { continue }
      let mu0 = record.reduce(0, +) / Double(record.count)
      let variance =
        record.reduce(0) { $0 + ($1 - mu0) * ($1 - mu0) } / Double(record.count - 1)
      let sigma = max(variance.squareRoot(), minimumSpread)
      let mu1 = recent.reduce(0, +) / Double(recent.count)
      let z = (mu1 - mu0) / (sigma / Double(recent.count).squareRoot())
      out[c] = DistressSignal(
        score: z, distressed: z >= flagScore && mu1 - mu0 >= flagSlowdown,
        recordDays: expm1(median), recentDays: expm1(recent.sorted()[recent.count / 2]),
        recordCount: record.count, recentCount: recent.count,
        recordLateShare: Double(recordLate) / Double(record.count),
        recentLateShare: Double(recentLate) / Double(recent.count))
    }
    return out
  }
}
