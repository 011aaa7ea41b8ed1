import CreditData
import CreditModels
import LinearAlgebra

/// The open invoices' PD: how much more likely to be late an invoice is for being still open
/// past its due date than the two models, fitted apart, make of it.
///
/// An open invoice's PD is the PD at issue updated by its being still open at its age
/// (`OpenInvoicePD`). On simulated books that came out right for invoices not yet due but
/// 0.01-0.02 below the truth on invoices already past due and 0.02-0.04 below on the oldest:
/// customers differ in how late they pay beyond what the features say, and an invoice open
/// past its due date more likely belongs to one who pays late, which the PD at issue and the
/// payers' time to payment, each fitted on its own, do not carry over to each other. So the
/// invoices of the training subsample that were open, and not yet late, at six landmarks a
/// window and more before the as-of date (`landmarks(asOf:)`), whose outcomes are all known
/// by then, are scored as `score` would have scored them there: the older model's PD at issue
/// (`olderModel`, fitted on the outcomes known at the first landmark), updated by the payers'
/// time to payment at their age then. Each landmark's own level is matched first (a
/// `LogitShift` of its rows: how far the older model is off there is the single shift's
/// business), then the slope of the log-odds in how far past due each was,
/// `z = min(max(days past due, 0), lateDays) / lateDays`, is fitted across them
/// (`LogitLineShift`), its standard error clustered by customer, and shrunk toward 0 by it.
/// `score` adds `slope · z` to an open invoice's PD log-odds: nothing to an invoice not yet
/// due, the whole slope at the late age.
///
/// The time to payment is the full model's (its payers' hazard), and the older model has seen
/// the outcomes known by the first landmark, some of the later landmarks' rows among them:
/// both move the level of a landmark's PD more than its slope, and the level is matched away.
extension DelinquencyCalibration {
  /// An invoice of the training subsample open at a landmark and not yet late then.
  struct LandmarkRow: Sendable, Equatable {
    /// Its row in the subsample.
    var row: Int
    /// Which landmark (index into `landmarks(asOf:)`).
    var landmark: Int
    /// Its age at the landmark and its late age (`OpenInvoicePD.lateAge`), in days.
    var age: Double
    var lateAge: Double
    /// How far past due it was (`overdue`).
    var overdue: Double
    /// Its customer (index into the history's customers).
    var customer: Int
  }

  /// The landmarks, 4 weeks apart from one window before the as-of date: the first is where
  /// the older model stands, the six together have about six times its open invoices.
  static func landmarks(asOf: Day) -> [Day] {
    (0..<6).map { asOf.adding(days: -windowDays - 28 * $0) }
  }

  /// `z`: days past due, from 0 (not yet due) to 1 (at the late age), as a share of
  /// `lateDays`.
  static func overdue(daysPastDue: Int, rule: DelinquencyRule) -> Double {
    Double(min(max(daysPastDue, 0), rule.lateDays)) / Double(max(rule.lateDays, 1))
  }

  /// The rows of `invoices` (the subsample's history rows, in its order) that were issued by
  /// a landmark, not paid by then and not yet late, landmark by landmark.
  static func landmarkRows(_ portfolio: Portfolio, invoices: [Int], rule: DelinquencyRule)
    -> [LandmarkRow]
  {
    let h = portfolio.history
    return landmarkRows(
      InvoiceDays(
        issue: invoices.map { h.issueDate[$0] }, due: invoices.map { h.dueDate[$0] },
        paid: invoices.map { portfolio.paidByAsOf($0) }),
      customers: invoices.map { Int(h.customerIndex[$0]) }, asOf: portfolio.asOf, rule: rule)
  }

  /// The issue, due and payment days (nil: not paid by the as-of date) of rows.
  struct InvoiceDays: Sendable {
    var issue: [Day]
    var due: [Day]
    var paid: [Day?]
  }

  /// The rows of `days`, with their `customers`, open at each landmark of `asOf` and not yet
  /// late then, landmark by landmark.
  static func landmarkRows(
    _ days: InvoiceDays, customers: [Int], asOf: Day, rule: DelinquencyRule
  ) -> [LandmarkRow] {
    var rows: [LandmarkRow] = []
    for (m, mark) in landmarks(asOf: asOf).enumerated() {
      for j in days.issue.indices where days.issue[j] <= mark {
        let (issue, due) = (days.issue[j], days.due[j])
        if let paid = days.paid[j], paid <= mark { continue }
        if rule.isPastLate(mark, due: due) { continue }
        rows.append(
          LandmarkRow(
            row: j, landmark: m, age: Double(mark.days(since: issue)),
            lateAge: OpenInvoicePD.lateAge(dueAge: due.days(since: issue), lateDays: rule.lateDays),
            overdue: overdue(daysPastDue: mark.days(since: due), rule: rule),
            customer: customers[j]))
      }
    }
    return rows
  }

  /// The single shift and the open invoices' shift, from one older model.
  struct Fitted: Sendable {
    var window: LogitShiftFit?
    var open: LogitLineShiftFit?
  }

  /// `fit`'s shift and the open invoices' slope from the rows of `x` (the subsample), each
  /// row's customer and the subsample's `landmarks`, with the payers' time to payment of
  /// `cure` (no slope without it).
  static func fit(
    _ x: DesignMatrix, late: [Double], known: [Double], recent: [Bool], names: [String],
    l2: Double, customers: [Int], landmarks: [LandmarkRow], cure: MixtureCureFit?
  ) -> Fitted {
    let open = landmarks.filter { known[$0.row] > 0 }
    let windowFits = enoughOutcomes(windowRows(known: known, recent: recent).map { late[$0] })
    let openFits = cure != nil && enoughOutcomes(open.map { late[$0.row] })
    guard windowFits || openFits,
      let older = olderModel(x, late: late, known: known, recent: recent, names: names, l2: l2)
    else { return Fitted() }
    var fitted = Fitted()
    if windowFits {
      fitted.window = windowShift(
        x, older, late: late, known: known, recent: recent, customers: customers)
    }
    if openFits, let cure {
      fitted.open = openSlope(x, older, cure, late: late, rows: open)
    }
    return fitted
  }

  /// The slope in `overdue` of the open PD's log-odds on the landmark rows, each landmark's
  /// level matched first (`LogitLineShift` on the log-odds with the levels added).
  static func openSlope(
    _ x: DesignMatrix, _ older: LogisticFit, _ cure: MixtureCureFit, late: [Double],
    rows open: [LandmarkRow]
  ) -> LogitLineShiftFit? {
    let design = x.selecting(rows: open.map(\.row))
    let eta = older.predictLinear(design)
    let logLambda = cure.predictLogLambda(design)
    let logOdds = open.indices.map { i in
      OpenInvoicePD.logOdds(
        atIssue: eta[i], hazardAtAge: cure.hazard(open[i].age, logLambda[i]),
        hazardAtLate: cure.hazard(open[i].lateAge, logLambda[i]))
    }
    // (An open PD of exactly 1, the payers' chance of paying by the late age lost to rounding,
    // has nothing to shift.) A landmark whose level cannot be fitted (too few rows, or all
    // one outcome) is left out.
    var offsets: [Double] = []
    var kept: [Int] = []
    for m in Set(open.map(\.landmark)).sorted() {
      let rows = open.indices.filter { open[$0].landmark == m && logOdds[$0].isFinite }
      guard
        let level = try? LogitShift().fit(
          linearPredictors: rows.map { logOdds[$0] }, outcomes: rows.map { late[open[$0].row] })
      else { continue }
      kept += rows
      offsets += rows.map { logOdds[$0] + level.shift }
    }
    guard enoughOutcomes(kept.map { late[open[$0].row] }) else { return nil }
    return try? LogitLineShift().fit(
      linearPredictors: offsets, variable: kept.map { open[$0].overdue },
      outcomes: kept.map { late[open[$0].row] }, groups: kept.map { open[$0].customer })
  }

  /// Whether outcomes hold at least `minimumOutcomes` late and on-time ones.
  static func enoughOutcomes(_ late: [Double]) -> Bool {
    let events = late.reduce(0, +)
    return events >= Double(minimumOutcomes)
      && Double(late.count) - events >= Double(minimumOutcomes)
  }
}
