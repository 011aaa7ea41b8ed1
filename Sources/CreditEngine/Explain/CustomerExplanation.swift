import CreditData

/// Why a customer scored as it did, and what follows from it.
///
/// The score built up in points per feature, the customer's history in brief, its limit
/// decision and the next actions on its open invoices. Every number is the scorer's
/// (`Scorer.explain`).
public struct CustomerExplanation: Sendable {
  public var asOf: Day
  /// The currency of every amount (`ScoreResult.currency`): the history's one, after `--fx`
  /// the reporting currency; nil when the history states none.
  public var currency: String?
  /// The customer's row of customers.csv and of credit_limits.csv.
  public var score: CustomerScore
  public var limit: CreditLimitDecision
  /// The points of a customer at the training sample's average with the baseline region and
  /// industry: `scoreBase + factor (−β₀ − ln scoreBaseOdds)`, factor = PDO / ln 2.
  public var basePoints: Double
  /// One term per feature (a category's columns as one), largest effect first.
  public var terms: [ScoreTerm]
  public var history: CustomerHistory
  /// The customer's open invoices as scored (rows of invoices.csv), oldest due first.
  public var openInvoices: [InvoiceScore]
  /// The next action on each open invoice, in the same order.
  public var nextActions: [NextAction]
  /// The customer's open credit notes (amount below 0): in its balance, not among the
  /// invoices scored or chased; oldest due first.
  public var openCredits: [OpenCredit]
  /// The customer's rows of worklist.csv.
  public var worklist: [WorklistItem]
  /// The grade scale and the policy's points-to-double-odds, to state them.
  public var pointsToDoubleOdds: Double
  /// The model's shrinkage `m`: the `(blended)` terms weigh the portfolio's record as `m`
  /// invoices beside the customer's own.
  public var shrinkage: Double

  /// The points the terms add up to before rounding: the score unrounded.
  public var unroundedPoints: Double { basePoints + terms.reduce(0) { $0 + $1.points } }
}

/// One feature's share of a customer's score.
public struct ScoreTerm: Sendable, Equatable {
  /// The feature in words (`NumericFeature.label`, or `region`, `industry`).
  public var feature: String
  /// The customer's value in its units (`NumericFeature.describe`, or the level).
  public var value: String
  /// Points against an average customer, `−factor β z` with `factor = PDO / ln 2`.
  ///
  /// Negative points lower the score, that is raise the PD.
  public var points: Double
  /// The contribution to the log-odds of being late, `β z`.
  public var logOdds: Double
}

/// An open credit note: counted in its customer's balance, neither scored nor chased.
public struct OpenCredit: Sendable, Equatable {
  public var invoiceID: String
  /// What it owes, below 0.
  public var amount: Double
  public var dueDate: Day
}

/// The next collections step for one open invoice.
public struct NextAction: Sendable, Equatable {
  public var invoiceID: String
  public var action: String
  public var date: Day
}

/// A customer's invoices up to the as-of date, in brief.
public struct CustomerHistory: Sendable, Equatable {
  /// Invoices issued by the as-of date (credit notes not counted).
  public var invoices = 0
  /// Of those, paid by the as-of date; paid after the due date; paid more than `lateDays`
  /// after it (the model's "late").
  public var paid = 0
  public var paidAfterDue = 0
  public var paidLate = 0
  /// Mean days after the due date over the paid invoices (0 for one paid early or on time).
  public var meanDaysLate: Double = 0
  public var disputed = 0
  public var open = 0
  /// Unpaid and written off by the as-of date.
  public var writtenOff = 0
  public var firstIssued: Day?
  public var lastIssued: Day?
  /// The model's `lateDays`.
  public var lateDays: Int

  /// Share of the paid invoices paid more than `lateDays` late (0 with none paid).
  public var shareLate: Double { paid > 0 ? Double(paidLate) / Double(paid) : 0 }
}

/// An open invoice, explained: its row of invoices.csv and its next action.
public struct InvoiceExplanation: Sendable {
  public var asOf: Day
  /// The currency of every amount, as `CustomerExplanation.currency`.
  public var currency: String?
  public var invoice: InvoiceScore
  public var issueDate: Day
  public var disputed: Bool
  public var next: NextAction
  /// Its customer's grade and hold, for context.
  public var customerGrade: String?
  public var customerOnHold: Bool
}
