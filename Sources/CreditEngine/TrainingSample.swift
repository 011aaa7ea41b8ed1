import CreditData
import CreditModels
import LinearAlgebra

/// The invoices a model is trained on and their outcomes, in the order the fits see them.
///
/// The fits see the rows in the Cox model's risk-set order (time to payment descending,
/// payments first): the logistic and Weibull fits do not depend on the order of the rows, and
/// the Cox fit can then read the shared design where it is instead of sorting a copy of it.
struct TrainingSample: Sendable {
  /// The invoices used (issued by the as-of date, positive amount), in file order (emptied
  /// by training once the features are made).
  var rows: [Int]
  /// How many invoices are used (`rows.count` as made).
  let used: Int
  /// Invoices issued after the as-of date (ignored).
  var issuedAfterAsOf: Int
  /// Credit notes and zero amounts (kept in balances, not modelled).
  var nonPositiveAmounts: Int
  /// The invoices of `rows` in risk-set order (positions into `rows`; emptied with `rows`).
  var order: [Int]
  /// Days from issue to payment or to the as-of date, in risk-set order (see
  /// `makeTargets`).
  var durations: [Double]
  /// Paid by the as-of date, in risk-set order (see `makeTargets`).
  var events: [Bool]
  /// The delinquency target (1 = late) and its weight (1 where the outcome is known, else 0),
  /// in risk-set order.
  var late: [Double]
  var known: [Double]
  /// Invoices with a known outcome, and how many of them went late.
  var labelled: Int
  var lateCount: Double
  /// Invoices whose outcome is not known yet.
  var unknown: Int
  /// Whether each outcome became known within `DelinquencyCalibration.windowDays` of the as-of
  /// date, in risk-set order.
  var recentOutcome: [Bool]
  /// Each invoice's delinquency outcome in a byte (`lateBit`, `knownBit`, `recentBit`).
  ///
  /// In risk-set order, while `late`, `known` and `recentOutcome` are not made (`makeTargets`);
  /// else empty. Training reads its targets here (`targets`, `outcome(at:)`) and never makes
  /// them (`makeDurations`): 1 byte a training invoice instead of 17.
  private var labels: [UInt8]

  /// The sample of `portfolio` at its as-of date.
  /// - Parameter validating: check that the sample can train the models (off for a shard of
  ///   a history, whose sums are checked once added up).
  ///   - deferringTargets: leave `late`, `known` and `recentOutcome` empty, an outcome kept in
  ///     a byte an invoice instead (17 bytes less) until `makeTargets()` makes them: training
  ///     does not hold them while it makes the features. Durations of whole days (the usual
  ///     case) leave `durations` and `events` empty too until then, kept as counts of rows a
  ///     day (9 bytes an invoice less).
  /// - Throws: `TrainingError` when the history cannot train the models.
  init(
    _ portfolio: Portfolio, rule: DelinquencyRule, validating: Bool = true,
    deferringTargets: Bool = false
  ) throws {
    let h = portfolio.history
    var issuedAfter = 0
    var nonPositive = 0
    var rows: [Int] = []
    rows.reserveCapacity(h.count)
    for k in 0..<h.count {
      if !portfolio.isIssued(k) {
        issuedAfter += 1
      } else if h.amount[k] <= 0 {
        nonPositive += 1
      } else {
        rows.append(k)
      }
    }
    guard rows.count >= 10 || !validating else {
      throw TrainingError.tooFewInvoices(rows.count, asOf: portfolio.asOf)
    }
    let natural = Self.naturalOutcomes(portfolio, rows: rows, rule: rule)
    // A model learnt over more days than its file may hold would be refused by scoring.
    if validating,
      let i = natural.duration.indices.max(by: { natural.duration[$0] < natural.duration[$1] }),
      natural.duration[i] > TrainedModel.Limits.baselineTime.upperBound
    {
      throw TrainingError.tooLongToPayment(
        days: Int(natural.duration[i]), issued: h.issueDate[rows[i]], paid: natural.paid[i],
        asOf: portfolio.asOf)
    }
    let order = CoxProportionalHazards.riskSetOrder(
      durations: natural.duration, events: natural.paid)
    let counts = Self.dayCounts(durations: natural.duration, events: natural.paid)
    let sorted: (durations: [Double], events: [Bool]) =
      counts.map { c -> (durations: [Double], events: [Bool]) in
        deferringTargets ? ([], []) : Self.inRiskSetOrder(c)
      }
      ?? (
        Parallel.array(order.count) { natural.duration[order[$0]] },
        Parallel.array(order.count) { natural.paid[order[$0]] }
      )
    // Checked first: with no payments every old invoice is "late", and the one-outcome
    // message below would send the user after --late-days instead of the real cause.
    let anyPaid = counts.map { $0.paid.contains { $0 > 0 } } ?? sorted.events.contains(true)
    guard anyPaid || !validating else {
      throw TrainingError.noPayments(asOf: portfolio.asOf)
    }
    // (Counted from the bytes: the same whole numbers the sums of the 0/1 targets give.)
    let labelled = natural.label.count { $0 & Self.knownBit != 0 }
    let lateCount = Double(natural.label.count { $0 & Self.lateBit != 0 })
    // Checked apart from one outcome only: with no outcome known yet (a history of a few
    // weeks), the cause is its length, not the line --late-days draws.
    guard labelled > 0 || !validating else {
      throw TrainingError.noKnownOutcomes(
        asOf: portfolio.asOf, lateDays: rule.lateDays,
        firstDue: rows.lazy.map { h.dueDate[$0] }.min())
    }
    guard (lateCount > 0 && lateCount < Double(labelled)) || !validating else {
      throw TrainingError.oneOutcomeOnly(
        late: Int(lateCount), labelled: labelled, lateDays: rule.lateDays)
    }
    self.rows = rows
    self.used = rows.count
    self.issuedAfterAsOf = issuedAfter
    self.nonPositiveAmounts = nonPositive
    self.order = order
    self.durations = sorted.durations
    self.events = sorted.events
    self.deferredDays = deferringTargets ? counts : nil
    self.labelled = labelled
    self.lateCount = lateCount
    self.unknown = rows.count - labelled
    (self.late, self.known, self.recentOutcome) = ([], [], [])
    self.labels = Parallel.array(order.count) { natural.label[order[$0]] }
    if !deferringTargets { makeTargets() }
  }

  /// With `deferringTargets`, how many rows have each whole number of days, paid and not
  /// (`dayCounts`), while `durations` and `events` are not made yet; else nil.
  private var deferredDays: (paid: [Int], open: [Int])?

  /// Makes `late`, `known` and `recentOutcome` from the outcomes kept while they were
  /// deferred, and `durations` and `events` (`makeDurations`; nothing when they are made).
  mutating func makeTargets() {
    makeDurations()
    guard !labels.isEmpty else { return }
    (late, known, recentOutcome) = Self.delinquencyTarget(labels)
    labels = []
  }

  /// Makes `durations` and `events` from their counts while they are deferred (nothing when
  /// they are made).
  mutating func makeDurations() {
    guard let counts = deferredDays else { return }
    (durations, events) = Self.inRiskSetOrder(counts)
    deferredDays = nil
  }

  /// The delinquency targets (late, weight 1 where known), from the bytes while `late` and
  /// `known` are not made (no copy), else from those.
  var targets: BinaryTargets {
    labels.isEmpty
      ? BinaryTargets(late, weights: known)
      : BinaryTargets(bits: labels, outcome: Self.lateBit, weight: Self.knownBit)
  }

  /// Row `m`'s delinquency target, its weight and whether it became known within the window
  /// (`late[m]`, `known[m]` and `recentOutcome[m]`, or the same read off its byte).
  func outcome(at m: Int) -> (late: Double, known: Double, recent: Bool) {
    guard !labels.isEmpty else { return (late[m], known[m], recentOutcome[m]) }
    let code = labels[m]
    return (
      code & Self.lateBit != 0 ? 1 : 0, code & Self.knownBit != 0 ? 1 : 0,
      code & Self.recentBit != 0
    )
  }

  /// A delinquency outcome in a byte: late (bit 0), known (bit 1), known within
  /// `DelinquencyCalibration`'s window (bit 2); an array of them is read at random through the
  /// risk-set order from a megabyte, where a `Double?` per row spread it over sixteen.
  private static let lateBit: UInt8 = 1
  private static let knownBit: UInt8 = 2
  private static let recentBit: UInt8 = 4

  /// Days to payment or to the as-of date, paid or not, and the delinquency outcome
  /// (`Outcomes.of`) of each of `rows`, in one pass on all cores.
  private static func naturalOutcomes(
    _ portfolio: Portfolio, rows: [Int], rule: DelinquencyRule
  ) -> (duration: [Double], paid: [Bool], label: [UInt8]) {
    Parallel.arrays(rows.count) { i in
      let k = rows[i]
      let outcome = Outcomes.of(portfolio, k, rule: rule)
      var code: UInt8 = 0
      if let isLate = outcome.late {
        code = knownBit | (isLate ? lateBit : 0)
        let due = portfolio.history.dueDate[k]
        if DelinquencyCalibration.isRecent(due: due, asOf: portfolio.asOf, rule: rule) {
          code |= recentBit
        }
      }
      return (outcome.duration, outcome.paid, code)
    }
  }

  /// The delinquency target of each outcome of `label`, its weight (1 where the outcome is
  /// known, else 0 and a target of 0) and whether it became known within the window; one
  /// pass on all cores fills the three.
  private static func delinquencyTarget(_ label: [UInt8]) -> (
    late: [Double], known: [Double], recent: [Bool]
  ) {
    Parallel.arrays(label.count) { m in
      let code = label[m]
      return (
        code & lateBit != 0 ? 1.0 : 0.0, code & knownBit != 0 ? 1.0 : 0.0, code & recentBit != 0
      )
    }
  }
}

extension TrainingSample {
  /// For each invoice of `rows`, its position in risk-set order (the inverse of `order`).
  ///
  /// Made when the features are built, where they go, rather than kept with the sample: the
  /// fits never read it (8 bytes an invoice less while they run).
  func positions() -> [Int] {
    [Int](unsafeUninitializedCapacity: order.count) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      Parallel.forEachChunk(order.count) { chunk in
        for m in chunk { (base.pointer + order[m]).initialize(to: m) }
      }
      initialized = order.count
    }
  }
}

extension TrainingSample {
  /// Durations and events in the risk-set order, made from how many rows have each (days,
  /// paid).
  ///
  /// The risk-set order (`CoxProportionalHazards.riskSetOrder`) puts the longest durations
  /// first and, within a duration, payments before open invoices, so its sequence of
  /// (duration, paid) follows from the counts: the values a gather through the order gives,
  /// written front to back instead of read at random, one row at a time. Nil unless the
  /// durations are whole days of at most 2²⁰ (then the gather).
  static func inRiskSetOrder(durations: [Double], events: [Bool]) -> (
    durations: [Double], events: [Bool]
  )? {
    dayCounts(durations: durations, events: events).map(inRiskSetOrder)
  }

  /// How many rows have each whole number of days (the index), paid and not.
  ///
  /// The risk-set order's durations and events follow from them (`inRiskSetOrder`). Nil
  /// unless the durations are whole days of at most 2²⁰.
  static func dayCounts(durations: [Double], events: [Bool]) -> (paid: [Int], open: [Int])? {
    guard let top = durations.max(), top <= Double(1 << 20),
      durations.allSatisfy({ $0 >= 0 && $0.rounded(.towardZero) == $0 })
    else { return nil }
    var paid = [Int](repeating: 0, count: Int(top) + 1)
    var open = paid
    for (d, e) in zip(durations, events) {
      if e { paid[Int(d)] += 1 } else { open[Int(d)] += 1 }
    }
    return (paid, open)
  }

  /// The durations and events in the risk-set order from `dayCounts`.
  static func inRiskSetOrder(_ counts: (paid: [Int], open: [Int])) -> (
    durations: [Double], events: [Bool]
  ) {
    let (paid, open) = counts
    let rows = paid.reduce(0, +) + open.reduce(0, +)
    var sortedDurations: [Double] = []
    var sortedEvents: [Bool] = []
    sortedDurations.reserveCapacity(rows)
    sortedEvents.reserveCapacity(rows)
    for day in paid.indices.reversed() {
      sortedDurations.append(contentsOf: repeatElement(Double(day), count: paid[day] + open[day]))
      sortedEvents.append(contentsOf: repeatElement(true, count: paid[day]))
      sortedEvents.append(contentsOf: repeatElement(false, count: open[day]))
    }
    return (sortedDurations, sortedEvents)
  }
}

/// Training cannot start on this history.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  case tooFewInvoices(Int, asOf: Day)
  case oneOutcomeOnly(late: Int, labelled: Int, lateDays: Int)
  case noPayments(asOf: Day)
  /// No invoice is more than `lateDays` past its due date by the as-of date, so none has a
  /// known delinquency outcome; `firstDue` is the earliest due date (nil when not known).
  case noKnownOutcomes(asOf: Day, lateDays: Int, firstDue: Day?)
  /// A time-to-payment fit failed (`fit`, its error) on fewer payments than
  /// `paymentsPerColumn` for each of its `columns`.
  case tooFewPayments(Int, columns: Int, fit: String)
  /// An invoice issued on `issued` was paid, or is still open at the as-of date (`paid`),
  /// `days` after its issue: more than the 100 years a model's payment times may span
  /// (`TrainedModel.Limits.baselineTime`), so scoring would refuse the model.
  case tooLongToPayment(days: Int, issued: Day, paid: Bool, asOf: Day)

  /// Payments per column of the time-to-payment models below which their failure to fit is
  /// put down to too few payments (the rule of thumb of ten events a variable).
  static let paymentsPerColumn = 10

  public var description: String {
    switch self {
    case .tooFewInvoices(let n, let asOf):
      return
        "only \(MessageText.counted(n, "invoice")) with a positive amount "
        + "\(n == 1 ? "was" : "were") issued by the as-of date \(asOf); at least 10 are needed to train"
    case .oneOutcomeOnly(let late, let labelled, let lateDays):
      return late == 0
        ? "none of the \(labelled) invoices with a known outcome went more than \(lateDays) days past due; the delinquency model needs both outcomes (try a smaller --late-days)"
        : "all \(labelled) invoices with a known outcome went more than \(lateDays) days past due; the delinquency model needs both outcomes (try a larger --late-days)"
    case .noPayments(let asOf):
      return
        "no invoice was paid by the as-of date \(asOf); the time-to-payment models need payments"
    case .tooFewPayments(let n, let columns, let fit):
      return
        "only \(n) of the training invoices were paid, too few to learn when invoices are paid: "
        + "the time-to-payment models have \(columns) columns, for which about "
        + "\(Self.paymentsPerColumn * columns) payments (ten a column) are enough; train on a "
        + "longer history (the fit stopped at: \(fit))"
    case .tooLongToPayment(let days, let issued, let paid, let asOf):
      let limit = Int(TrainedModel.Limits.baselineTime.upperBound)
      return
        "an invoice issued on \(issued) was "
        + (paid ? "paid" : "still open at the as-of date \(asOf),")
        + " \(AmountText.money(Double(days))) days after its issue; time to payment is learnt "
        + "over at most \(AmountText.money(Double(limit))) days (100 years): "
        + (paid ? "" : "give an --as-of date nearer the history, or ")
        + "check the years of the invoices issued on \(issued)"
    case .noKnownOutcomes(let asOf, let lateDays, let firstDue):
      let first = firstDue.map { ", and the first falls due on \($0)" } ?? ""
      return
        "no invoice's outcome is known by the as-of date \(asOf): one is known more than "
        + "\(lateDays) days after its due date\(first); training needs invoices due by "
        + "\(asOf.adding(days: -lateDays - 1)) (a longer history, or a smaller --late-days)"
    }
  }
}
