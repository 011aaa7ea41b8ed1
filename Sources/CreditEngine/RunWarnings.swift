import CreditData

/// What a user needs to be told about a run that still succeeds: a book with nothing open, a
/// model with too few late outcomes to learn from or grades that do not separate the
/// customers, a model too old for the as-of date or trained after it.
///
/// Each warning is one sentence that says what to do about it; the commands print them as
/// `warning:` lines and the report lists them.
public enum RunWarnings {
  /// 90 days: a quarter, after which payment behaviour has moved enough to retrain.
  public static let defaultMaxModelAgeDays = 90
  /// Late outcomes per model column below which the delinquency fit is unreliable (the usual
  /// ten events per variable).
  public static let lateOutcomesPerColumn = 10
  /// Share of the customers in one grade from which the grades no longer separate them.
  public static let gradeConcentration = 0.95
  /// Customers needed before the grade concentration is judged.
  public static let gradeConcentrationMinimum = 20

  /// The warnings about a model's training sample: too few late outcomes for its columns.
  public static func training(_ model: TrainedModel) -> [String] {
    let m = model.metrics
    let late = lateOutcomes(model)
    let columns = model.delinquency.coefficients.count
    guard late < lateOutcomesPerColumn * columns else { return [] }
    return [
      "only \(MessageText.grouped(late)) late outcomes (more than \(model.lateDays) days past "
        + "due) among \(MessageText.grouped(m.labelled)) invoices with a known outcome: too few "
        + "to fit \(columns) columns (\(lateOutcomesPerColumn) per column is the usual minimum); "
        + "grades and PDs will separate customers little; a smaller --late-days counts more "
        + "invoices as late"
    ]
  }

  /// The inputs the model was trained with that the scored history lacks: a `disputed` or
  /// `paperless` column, or any credit limit.
  ///
  /// A feature the model kept varied in training (a constant one is left out), so the history
  /// it learnt from had the column; without it every invoice is scored as not disputed, on
  /// paper, without a limit, and the PDs move with no other sign (a disputed invoice at 0.28
  /// came out at 0.07).
  public static func missingInputs(_ portfolio: Portfolio, model: TrainedModel) -> [String] {
    let features = Set(model.features.numeric)
    let report = portfolio.history.report
    var warnings: [String] = []
    for (feature, column, meaning) in [
      (NumericFeature.disputed, "disputed", "not disputed"),
      (.paperless, "paperless", "billed on paper"),
    ] where features.contains(feature) && report.columnMapping[column] == nil {
      warnings.append(
        "\(report.fileName) has no \(column) column, which the model was trained with: every "
          + "invoice is scored as \(meaning), so its PD moves; add the column, or --map "
          + "\(column)=COLUMN")
    }
    let usesLimits = !features.isDisjoint(with: [.hasCreditLimit, .utilisation])
    let anyLimit =
      portfolio.customers.contains { $0?.creditLimit?.isFinite == true }
      || portfolio.history.creditLimit?.contains { $0.isFinite } == true
    if usesLimits && !anyLimit {
      warnings.append(
        "no credit limit is given (no customers file with one, no credit_limit column), while "
          + "the model was trained with limits: every customer is scored as having none; "
          + "give --customers")
    }
    return warnings
  }

  /// The warnings about a scored book: nothing open, grades that do not separate, a model
  /// too old or trained after the as-of date.
  public static func scoring(
    _ result: ScoreResult, portfolio: Portfolio, model: TrainedModel,
    maxModelAgeDays: Int = defaultMaxModelAgeDays
  ) -> [String] {
    scoring(
      result, lastIssue: result.invoices.isEmpty ? lastIssue(portfolio) : nil, model: model,
      maxModelAgeDays: maxModelAgeDays)
  }

  /// `scoring(_:portfolio:model:maxModelAgeDays:)` for a caller that has handed its portfolio
  /// over to scoring, with what the warning of nothing open reads of it
  /// (`lastIssue(_:)`, read before scoring).
  public static func scoring(
    _ result: ScoreResult, lastIssue: Day?, model: TrainedModel,
    maxModelAgeDays: Int = defaultMaxModelAgeDays
  ) -> [String] {
    var warnings: [String] = []
    if result.invoices.isEmpty {
      warnings.append(noOpenInvoices(asOf: result.asOf, lastIssue: lastIssue))
    }
    if let crowded = crowdedGrade(result.customers) {
      warnings.append(
        "\(MessageText.grouped(crowded.count)) of \(MessageText.grouped(result.customers.count)) "
          + "customers are graded \(crowded.grade): the grades hardly separate this book "
          + "(the model learnt from \(MessageText.grouped(lateOutcomes(model))) late outcomes "
          + "at more than \(model.lateDays) days past due); a smaller --late-days counts more "
          + "invoices as late")
    }
    let age = result.asOf.days(since: model.asOf)
    if age > maxModelAgeDays {
      warnings.append(
        "the model was trained as of \(model.asOf), \(MessageText.grouped(age)) days before the "
          + "as-of date \(result.asOf) (more than --max-model-age \(maxModelAgeDays)): retrain "
          + "it on the current history")
    } else if age < 0 {
      warnings.append(
        "the model was trained as of \(model.asOf), after the as-of date \(result.asOf): it "
          + "learnt from outcomes not known at \(result.asOf); train with --as-of "
          + "\(result.asOf) for a fair view of that date")
    }
    return warnings + (result.populationDrift?.warnings ?? [])
  }

  /// The grade holding at least `gradeConcentration` of the customers, if any.
  static func crowdedGrade(_ customers: [CustomerScore]) -> (grade: String, count: Int)? {
    guard customers.count >= gradeConcentrationMinimum else { return nil }
    var counts: [String: Int] = [:]
    for i in customers.indices { counts[customers[i].riskGrade, default: 0] += 1 }
    guard let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
      Double(top.value) >= gradeConcentration * Double(customers.count)
    else { return nil }
    return (top.key, top.value)
  }

  static func lateOutcomes(_ model: TrainedModel) -> Int {
    Int((model.metrics.lateRate * Double(model.metrics.labelled)).rounded())
  }

  /// The latest issue date of an invoice (not a credit note) issued by the as-of date and
  /// open at the end of that day (not paid on it, not written off): what the warning of
  /// nothing open suggests instead.
  ///
  /// At that date the invoice is open, so the date is before an as-of date with nothing
  /// open: in a history of paid invoices only, the last invoice, paid the day it was issued,
  /// would name the as-of date itself.
  public static func lastIssue(_ portfolio: Portfolio) -> Day? {
    let h = portfolio.history
    var last: Day?
    for k in 0..<h.count where portfolio.isIssued(k) && h.amount[k] > 0 && !h.writtenOff[k] {
      let issued = h.issueDate[k]
      if let paid = h.paidDate[k], paid <= issued { continue }
      last = max(last ?? issued, issued)
    }
    return last
  }

  /// Nothing open at the as-of date, with the latest issue date before it to try instead.
  static func noOpenInvoices(asOf: Day, lastIssue: Day?) -> String {
    let hint =
      lastIssue.map {
        "; the last invoice still open at the end of its issue day was issued on \($0): try --as-of \($0) "
          + "(an as-of date when invoices were still open)"
      } ?? ""
    return "no open invoices at the as-of date \(asOf): every invoice issued by then "
      + "is paid or written off, so nothing is scored" + hint
  }
}
