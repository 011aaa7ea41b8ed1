import CreditData
import CreditModels
import LinearAlgebra

/// The out-of-time recalibration of the delinquency model: how far the log-odds of a model
/// trained on older outcomes are off on the outcomes that became known since.
///
/// The delinquency model learns from the invoices whose outcome is determinable at the as-of
/// date (`DelinquencyRule.determinableOutcome`), which were issued at least `lateDays` plus
/// their terms before it, and scores invoices issued since. Features that grow with time (prior
/// invoices, balances) then carry it beyond its training rows, and on simulated books its PD
/// at issue came out 0.015-0.02 above the truth on the newest invoices (mean PD 0.010-0.013
/// above the observed late rate) while matching on its own rows. So the same model is fitted
/// on the outcomes known `windowDays` before the as-of date and scores the labelled invoices
/// whose outcome became known within those days (rows it did not see, later than it, as the
/// open book is later than the full model); the shift of the log-odds that matches their late
/// rate (`LogitShift`) is added to the full model's log-odds when scoring.
///
/// The shift is the same for every invoice (it keeps the PD's ranking at issue); it is left
/// out (nil) when the window holds fewer than `minimumOutcomes` late or on-time outcomes, so a
/// history with few late invoices (IBM's 8 in 2,466) keeps the model's own PD.
enum DelinquencyCalibration {
  /// A quarter: the usual lag between the newest determinable outcome and the open book is
  /// `lateDays` plus the terms (60 days at 30-day terms), and a window of that order
  /// reproduces it; on simulated books 61 and 91 days gave mean PD within 0.01 of the observed
  /// rate, 182 days overcorrected one of them by 0.02.
  static let windowDays = 91

  /// Late and on-time outcomes each the window needs: the shift's standard error is then at
  /// most about 0.1 on the log-odds scale (`1/√(n q (1 − q))`).
  static let minimumOutcomes = 100

  /// Whether an invoice due on `due` with a known outcome at `asOf` got it within the window.
  static func isRecent(due: Day, asOf: Day, rule: DelinquencyRule) -> Bool {
    !rule.isPastLate(asOf.adding(days: -windowDays), due: due)
  }

  /// The shift from the rows of `x` (design, intercept in column 0) with their targets, weights
  /// (1 labelled, 0 not) and whether each outcome became known within the window; nil when
  /// either part has too few outcomes or cannot be fitted.
  /// - Parameters:
  ///   - l2: the delinquency model's ridge penalty (the older fit is the same model).
  ///   - customers: each row's customer, when known: the rows are then weighted by customer
  ///     and the shift used is shrunk by its standard error clustered by customer
  ///     (`LogitShift.fitByGroups`, `LogitShiftFit.usedShift`).
  static func fit(
    _ x: DesignMatrix, late: [Double], known: [Double], recent: [Bool], names: [String],
    l2: Double, customers: [Int]? = nil
  ) -> LogitShiftFit? {
    guard enoughOutcomes(windowRows(known: known, recent: recent).map { late[$0] }),
      let older = olderModel(x, late: late, known: known, recent: recent, names: names, l2: l2)
    else { return nil }
    return windowShift(x, older, late: late, known: known, recent: recent, customers: customers)
  }

  /// The rows whose outcome became known within the window.
  static func windowRows(known: [Double], recent: [Bool]) -> [Int] {
    known.indices.filter { known[$0] > 0 && recent[$0] }
  }

  /// The shift that matches the window's outcomes on the older model's log-odds, with its
  /// standard error clustered by customer when `customers` is given.
  static func windowShift(
    _ x: DesignMatrix, _ older: LogisticFit, late: [Double], known: [Double], recent: [Bool],
    customers: [Int]?
  ) -> LogitShiftFit? {
    let window = windowRows(known: known, recent: recent)
    let eta = older.predictLinear(x.selecting(rows: window))
    let outcomes = window.map { late[$0] }
    guard let customers else {
      return try? LogitShift().fit(linearPredictors: eta, outcomes: outcomes)
    }
    return try? LogitShift().fitByGroups(
      linearPredictors: eta, outcomes: outcomes, groups: window.map { customers[$0] })
  }

  /// The delinquency model fitted on the outcomes known before the window (nil when it
  /// cannot be fitted).
  static func olderModel(
    _ x: DesignMatrix, late: [Double], known: [Double], recent: [Bool], names: [String],
    l2: Double
  ) -> LogisticFit? {
    let older = (0..<x.observations).filter { known[$0] > 0 && !recent[$0] }
    return try? LogisticRegression(l2: l2).fit(
      x.selecting(rows: older), older.map { late[$0] }, featureNames: names, interceptIndex: 0)
  }
}
